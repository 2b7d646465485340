// A paper starts loading while its collaboration upgrade is still being decided (server/collab/index.ts:
// a live session asked for a paper that exists). The document then waits for its first connection; one
// that nobody joins (a refused upgrade, a client that went away) is let go after a grace period.
import { EventEmitter } from "node:events";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db.server";
import { paperFragmentNames } from "~/modules/documents/document-schema";
import { DocumentRegistry } from "../../server/collab/documents";
import { DEFAULT_LIMITS } from "../../server/collab/limits";
import type { CollabIdentity } from "../../server/collab/auth";
import { log } from "../../server/log";
import { openSeeded } from "../support/fresh-database";
import { databaseTargets } from "../support/services";
import { waitFor } from "../support/collab-client";

log.level = "silent";
const GRACE_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A socket stand-in the registry can hold a connection on; `end()` closes it as a client leaving would. */
function standInSocket() {
  const events = new EventEmitter();
  const socket = Object.assign(events, {
    binaryType: "nodebuffer",
    readyState: 1,
    OPEN: 1,
    bufferedAmount: 0,
    send: () => undefined,
    terminate: () => events.emit("close"),
    close: () => events.emit("close"),
    end: () => events.emit("close"),
  });
  return socket;
}

describe.each(databaseTargets())("a paper loaded while its upgrade is decided (%s)", (target) => {
  let opened: { database: Database; cleanup: () => Promise<void> };
  let registry: DocumentRegistry;
  let paper: { id: string; groupId: string };
  let identity: CollabIdentity;

  beforeAll(async () => {
    opened = await openSeeded(target);
    paper = await opened.database.prisma.paper.findFirstOrThrow({
      where: { status: "DRAFT" },
      select: { id: true, groupId: true },
    });
    const member = await opened.database.prisma.membership.findFirstOrThrow({
      where: { groupId: paper.groupId, role: "MEMBER" },
      select: { userId: true, delegationId: true },
    });
    identity = {
      actor: { userId: member.userId, role: "MEMBER", delegationId: member.delegationId },
      sessionId: "s1",
      name: "A member",
      delegation: null,
      colour: "#006847",
      groupId: paper.groupId,
      status: "DRAFT",
      draftingMode: "OPEN",
      leadDelegationId: null,
      fragments: paperFragmentNames([], "en"),
    };
    registry = new DocumentRegistry(null, { ...DEFAULT_LIMITS, preloadGraceMs: GRACE_MS });
  }, 120_000);
  afterAll(async () => {
    await registry?.closeAll(1012, "test over", 100);
    await opened?.cleanup();
  });

  /** The size of the live document's state, or null when the registry does not hold the paper. */
  const liveLength = async () =>
    (await registry.readDoc(paper.id, (doc) => Y.encodeStateAsUpdate(doc).byteLength))?.value ?? null;

  it("holds the stored paper before anyone connects, once however often it is asked", async () => {
    registry.preload(paper.id, "DRAFT");
    registry.preload(paper.id, "DRAFT");
    expect(registry.size).toBe(1);
    expect(await liveLength()).toBeGreaterThan(100);
  });

  it("lets it go when nobody joins within the grace period", async () => {
    await waitFor(() => registry.size === 0, GRACE_MS + 5000, "the unclaimed paper let go");
    expect(await liveLength()).toBeNull();
  });

  it("keeps it for the connection that joins, past the grace period, and lets it go when they leave", async () => {
    registry.preload(paper.id, "DRAFT");
    const socket = standInSocket();
    registry.connect(socket as never, paper.id, identity);
    await sleep(GRACE_MS * 3);
    expect(registry.size).toBe(1);
    socket.end();
    await waitFor(() => registry.size === 0, 5000, "the paper let go after its last person left");
  });

  it("turns away a connection whose upgrade is decided after the shutdown began, taking nothing from it", async () => {
    // closeAll drains the connections it knows of and writes what they sent; one that joins later
    // would send edits nobody writes before the process exits.
    const closing = new DocumentRegistry(null, { ...DEFAULT_LIMITS, preloadGraceMs: GRACE_MS });
    closing.preload(paper.id, "DRAFT");
    expect(await closing.readDoc(paper.id, () => true)).not.toBeNull();
    const before = await opened.database.prisma.paperUpdate.count({ where: { paperId: paper.id } });
    await closing.closeAll(1012, "server restarting", 100);

    const socket = standInSocket();
    const codes: number[] = [];
    socket.close = (code?: number) => {
      codes.push(code ?? 1005);
      return socket.emit("close");
    };
    closing.connect(socket as never, paper.id, identity);
    expect(codes).toEqual([1012]);

    // An edit it sends anyway is not applied, relayed or written.
    const edit = new Y.Doc();
    edit.getXmlFragment("late").insert(0, [new Y.XmlText("typed during the shutdown")]);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(edit));
    const frame = Buffer.from(encoding.toUint8Array(encoder));
    socket.emit("message", frame, true);
    await sleep(200);
    const live = await closing.readDoc(paper.id, (doc) => doc.share.has("late"));
    expect(live?.value ?? false).toBe(false);
    expect(await opened.database.prisma.paperUpdate.count({ where: { paperId: paper.id } })).toBe(before);
  });
});

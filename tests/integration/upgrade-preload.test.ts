// The collaboration upgrade starts loading a paper early (server/collab/index.ts → registry.preload) only
// once the upgrade is allowed, before the handshake: a foreign origin, no session, a forged cookie, an
// unknown paper or a non-member starts nothing, and is refused as before.
import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db.server";
import { loadEnv, setEnv } from "~/env.server";
import { createSession } from "~/http/sessions.server";
import type { PaperStatus } from "~/modules/policy/policy";
import { authorizeUpgrade } from "../../server/collab/auth";
import { openSeeded } from "../support/fresh-database";

const ORIGIN = "http://localhost:3000";

describe("which upgrades start loading a paper", () => {
  let opened: { database: Database; cleanup: () => Promise<void> };
  let paperId: string;
  let memberCookie: string;
  let outsiderCookie: string;

  beforeAll(async () => {
    setEnv(loadEnv({ ...process.env, SESSION_SECRET: "s".repeat(40) }));
    opened = await openSeeded("pglite");
    const prisma = opened.database.prisma;
    const rmsg = await prisma.group.findUniqueOrThrow({ where: { slug: "rmsg" } });
    ({ id: paperId } = await prisma.paper.findFirstOrThrow({
      where: { groupId: rmsg.id },
      select: { id: true },
    }));
    const member = await prisma.membership.findFirstOrThrow({ where: { groupId: rmsg.id } });
    // Someone with an account who is not in the paper's group.
    const outsider = await prisma.user.create({
      data: { email: "outsider@example.org", name: "An outsider", passwordHash: "not-a-hash" },
    });
    const cookieOf = async (userId: string) =>
      (await createSession(new Request(`${ORIGIN}/login`), userId)).split(";")[0];
    memberCookie = await cookieOf(member.userId);
    outsiderCookie = await cookieOf(outsider.id);
  }, 120_000);
  afterAll(async () => {
    await opened?.cleanup();
  });

  async function upgrade(headers: Record<string, string>, paper = paperId) {
    const found: PaperStatus[] = [];
    const decision = await authorizeUpgrade({ headers } as IncomingMessage, paper, ORIGIN, (status) =>
      found.push(status),
    );
    return { status: decision.ok ? 101 : decision.status, found };
  }

  it("starts nothing for a foreign origin, no session, a forged cookie or an unknown paper", async () => {
    expect(await upgrade({ origin: "https://evil.example", cookie: memberCookie })).toEqual({
      status: 403,
      found: [],
    });
    expect(await upgrade({ origin: ORIGIN })).toEqual({ status: 401, found: [] });
    const forged = memberCookie.slice(0, -4) + (memberCookie.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await upgrade({ origin: ORIGIN, cookie: forged })).toEqual({ status: 401, found: [] });
    expect(await upgrade({ origin: ORIGIN, cookie: memberCookie }, "no-such-paper")).toEqual({
      status: 404,
      found: [],
    });
  });

  it("starts the load for a member before the handshake; a non-member is refused and starts nothing", async () => {
    const member = await upgrade({ origin: ORIGIN, cookie: memberCookie });
    expect(member.status).toBe(101);
    expect(member.found).toHaveLength(1);
    const outsider = await upgrade({ origin: ORIGIN, cookie: outsiderCookie });
    expect(outsider.status).toBe(404);
    expect(outsider.found).toHaveLength(0);
  });
});

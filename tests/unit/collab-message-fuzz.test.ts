import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Connection, type CollabSocket, type LiveDocView } from "../../server/collab/connection";
import { GuardedDoc } from "../../server/collab/guarded-doc";
import { CLOSE_BAD_MESSAGE, CLOSE_TOO_LARGE, DEFAULT_LIMITS } from "../../server/collab/limits";
import type { CollabIdentity } from "../../server/collab/auth";
import { testSeed } from "../support/random";
import { anyFrame, paperDoc } from "../support/collab-fuzz";
import { log } from "../../server/log";

// Every refusal is logged as a warning by the server; thousands of them would bury the test output.
log.level = "silent";

// The collaboration message handler under fuzzing, in process: every frame either applies cleanly or
// closes that one socket with a 44xx code, leaves the document as it was, and never holds the thread
// (the event loop) for long. It handles a fixed count of frames, so a seed replays the same frames on
// any machine (a time budget made the depth depend on the machine); `npm run test:soak` handles 15 times
// as many. FUZZ_FRAMES sets the count.
const SOAK = process.env.SOAK === "1";
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 3_000) * (SOAK ? 15 : 1);
const MAX_BLOCK_MS = 100;

const identity: CollabIdentity = {
  actor: { userId: "u1", role: "MEMBER", delegationId: "d1" },
  sessionId: "s1",
  name: "Fuzzer",
  delegation: "MX",
  colour: "#006847",
  groupId: "g1",
  status: "DRAFT",
  draftingMode: "OPEN",
  leadDelegationId: "d1",
  fragments: new Set(["finding", "recommendation", "finding:es", "recommendation:es"]),
};

const paperState = Y.encodeStateAsUpdate(paperDoc());

function harness() {
  const guarded = new GuardedDoc();
  const doc = guarded.doc;
  Y.applyUpdate(doc, paperState);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const live: LiveDocView = {
    paperId: "p1",
    doc,
    awareness,
    connections: new Set(),
    awarenessOwners: new Map<number, { userId: string; clock: number }>(),
    ready: Promise.resolve(),
    status: "DRAFT",
    bytes: 0,
    missingFor: (stateVector) => Y.encodeStateAsUpdate(doc, stateVector),
    applyClientUpdate: (update, origin, fragments) => guarded.applyClientUpdate(update, origin, fragments),
  };
  let closedWith: number | null = null;
  const socket = {
    binaryType: "nodebuffer",
    readyState: 1,
    OPEN: 1,
    bufferedAmount: 0,
    on: () => socket,
    send: () => undefined,
    terminate: () => undefined,
    close: (code: number) => {
      closedWith = code;
    },
  } as unknown as CollabSocket;
  const connection = new Connection(socket, live, identity, () => true, DEFAULT_LIMITS);
  live.connections.add(connection);
  return { doc, connection, closedWith: () => closedWith };
}

describe("the collaboration message handler under fuzzing", () => {
  it(
    `applies a frame cleanly or closes only that socket with a 44xx code, changing nothing, within ${MAX_BLOCK_MS} ms`,
    () => {
      const seed = testSeed();
      const started = performance.now();
      let longest = 0;
      let longestWall = 0;
      let slowest: Uint8Array = new Uint8Array();
      let applied = 0;
      let refused = 0;
      const details = fc.check(
        fc.property(anyFrame, (bytes) => {
          const { doc, connection, closedWith } = harness();
          const before = Y.encodeStateAsUpdate(doc);
          const cpuBefore = process.cpuUsage();
          const start = performance.now();
          connection.handleFrame(bytes);
          const wall = performance.now() - start;
          const cpu = process.cpuUsage(cpuBefore);
          // Wall-clock time on a shared machine also counts time the process was not running at all;
          // the CPU time it used bounds how long the handler itself held the thread.
          const took = Math.min(wall, (cpu.user + cpu.system) / 1000);
          longestWall = Math.max(longestWall, wall);
          if (took > longest) {
            longest = took;
            slowest = bytes;
          }
          const code = closedWith();
          if (code === null) {
            applied += 1;
            return;
          }
          refused += 1;
          expect([CLOSE_BAD_MESSAGE, CLOSE_TOO_LARGE]).toContain(code);
          expect(Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Buffer.from(before))).toBe(true);
        }),
        { seed, numRuns: FRAMES },
      );
      console.log(
        `collab fuzz: seed ${seed} (replay with RANDOM_SEED=${seed}), ${details.numRuns} frames in ${Math.round(performance.now() - started)} ms: ${applied} applied, ${refused} refused; longest handling ${longest.toFixed(1)} ms (wall clock ${longestWall.toFixed(1)} ms)`,
      );
      if (details.failed)
        throw new Error(
          `fuzz failure (seed ${seed}, path ${details.counterexamplePath}): ${String(details.errorInstance)}\ncounterexample: ${JSON.stringify(details.counterexample)}`,
        );
      expect(details.numRuns).toBe(FRAMES);
      if (longest > MAX_BLOCK_MS)
        console.log(`slowest frame (${slowest.length} bytes): ${Buffer.from(slowest).toString("base64")}`);
      expect(longest).toBeLessThanOrEqual(MAX_BLOCK_MS);
    },
    // Generous: the count, not the clock, sets the depth; the timeout only catches a hang.
    SOAK ? 1_800_000 : 120_000,
  );
});

import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { paperIdByTitle } from "../support/papers";
import { databaseTargets } from "../support/services";

// Part 11 of the adversarial suite: the vote record refuses a stance for another text, the database
// refuses to change or delete what was recorded, and what a superuser changes anyway is found by
// `npm run audit:verify`, including the deletion of the latest rows, which only a head recorded
// outside the table can show.

const database = databaseTargets().at(-1)!;
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

describe(`the vote record under attack (${database})`, () => {
  let server: TestServer;
  let cochair: HttpClient;
  let voteId: string;

  beforeAll(async () => {
    server = await startServer({ database, env: { VOTE_MIN_LEAD_SECONDS: "2", VOTE_SCHEDULER_MS: "500" } });
    cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  /** Straight to the database, past the app (the server is stopped: the embedded database admits one process). */
  async function withDatabase<T>(
    fn: (raw: Awaited<ReturnType<typeof openDatabase>>["raw"]) => Promise<T>,
  ): Promise<T> {
    await server.stop();
    const opened = await openDatabase(
      server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : { DATA_DIR: server.dataDir },
    );
    try {
      return await fn(opened.raw);
    } finally {
      await opened.close();
    }
  }

  function auditVerify(...args: string[]) {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts", ...args], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        DATA_DIR: server.dataDir,
        ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {}),
      },
      encoding: "utf8",
    });
    return { status: run.status, out: run.stdout + run.stderr };
  }

  it("refuses with 409 a stance for any text but the one under vote, and records nothing", async () => {
    const paperId = await paperIdByTitle(cochair, "rmsg", "Legal pathways for regional labour mobility");
    const deadline = new Date(Date.now() + 120_000).toISOString().slice(0, 19);
    const opened = await cochair.post(`/g/rmsg/papers/${paperId}/vote`, {
      tzOffset: "0",
      kind: "CONSENSUS",
      deadline,
      quorumPercent: "10",
      minSupportPercent: "50",
    });
    expect(opened.status).toBe(302);
    voteId = opened.headers.get("location")!.split("/").pop()!;
    const hash = /SHA-256: ([0-9a-f]{64})/.exec(
      text(await (await cochair.get(`/g/rmsg/votes/${voteId}`)).text()),
    )![1];

    const member = new HttpClient(server.url);
    await member.login(DEMO.memberSv);
    // Another text's hash (a stale page, a tampered form) and a malformed one.
    for (const textHash of ["0".repeat(64), hash.replace(/^./, (c) => (c === "a" ? "b" : "a"))]) {
      const response = await member.post(`/g/rmsg/votes/${voteId}`, {
        intent: "stance",
        value: "SUPPORT",
        textHash,
      });
      expect(response.status).toBe(409);
      expect(text(await response.text())).toContain("The text you saw is not the text under vote.");
    }
    expect(
      (
        await member.post(`/g/rmsg/votes/${voteId}`, {
          intent: "stance",
          value: "SUPPORT",
          textHash: "not-a-hash",
        })
      ).status,
    ).toBe(400);
    expect(text(await (await cochair.get(`/g/rmsg/votes/${voteId}`)).text())).toContain("no stance yet");
    expect(
      (await member.post(`/g/rmsg/votes/${voteId}`, { intent: "stance", value: "SUPPORT", textHash: hash }))
        .status,
    ).toBe(200);
    expect((await cochair.post(`/g/rmsg/votes/${voteId}`, { intent: "close" })).status).toBe(200);
  });

  it("has the database refuse UPDATE and DELETE of stances, outcomes and audit rows", async () => {
    const refused = await withDatabase(async (raw) => {
      const attempts = [
        `UPDATE "Stance" SET value = 'BLOCK'`,
        `DELETE FROM "Stance"`,
        `UPDATE "VoteOutcome" SET result = 'NOT_ADOPTED'`,
        `DELETE FROM "VoteOutcome"`,
        `UPDATE "AuditEvent" SET data = '{}'`,
        `DELETE FROM "AuditEvent" WHERE seq = (SELECT max(seq) FROM "AuditEvent")`,
        `TRUNCATE "AuditEvent"`,
        `TRUNCATE "Stance" CASCADE`,
        `TRUNCATE "Vote" CASCADE`,
      ];
      const messages: string[] = [];
      for (const sql of attempts) {
        const error = await raw.exec(sql).then(
          () => null,
          (e: Error) => e.message,
        );
        expect(error, sql).toMatch(/acuerdo:/);
        messages.push(error!);
      }
      const [count] = await raw.query<{ stances: number; outcomes: number }>(
        `SELECT (SELECT count(*)::int FROM "Stance") AS stances, (SELECT count(*)::int FROM "VoteOutcome") AS outcomes`,
      );
      expect(count.stances).toBeGreaterThan(0);
      expect(count.outcomes).toBeGreaterThan(0);
      return messages;
    });
    console.log(
      `vote record: ${refused.length} direct changes refused by the database, e.g. "${refused[0]}"`,
    );
  });

  it("finds a superuser's deletion of the latest audit rows with the head recorded earlier, and of a row in the middle", async () => {
    const before = auditVerify();
    expect(before.status).toBe(0);
    const [, count, head] = /rmsg: intact, (\d+) events, head ([0-9a-f]{64})/.exec(before.out)!;
    const n = Number(count);
    expect(n).toBeGreaterThan(3);

    await withDatabase(async (raw) => {
      await raw.exec(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
      await raw.exec(
        `DELETE FROM "AuditEvent" WHERE "groupId" = (SELECT id FROM "Group" WHERE slug = 'rmsg') AND seq > ${n - 2}`,
      );
      await raw.exec(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
    });
    // What is left still links: without the recorded head the deletion cannot be seen.
    const blind = auditVerify();
    expect(blind.status).toBe(0);
    expect(blind.out).toContain(`rmsg: intact, ${n - 2} events`);
    const checked = auditVerify("--expect", `rmsg=${n}:${head}`);
    console.log(
      `audit:verify with the recorded head: ${checked.out
        .trim()
        .split("\n")
        .find((l) => l.startsWith("rmsg"))}`,
    );
    expect(checked.status).toBe(1);
    expect(checked.out).toContain(
      `rmsg: BROKEN at event #${n - 1}: the chain ends at #${n - 2}, but ${n} events were recorded`,
    );
    expect(checked.out).toContain(`events #${n - 1} to #${n} were deleted`);
    expect(checked.out).toMatch(/remesas: intact/);
    expect(auditVerify("--expect", "rmsg=3:not-a-hash").status).toBe(2);

    await withDatabase(async (raw) => {
      await raw.exec(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
      await raw.exec(
        `DELETE FROM "AuditEvent" WHERE "groupId" = (SELECT id FROM "Group" WHERE slug = 'rmsg') AND seq = 2`,
      );
      await raw.exec(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
    });
    const middle = auditVerify();
    expect(middle.status).toBe(1);
    expect(middle.out).toMatch(
      /rmsg: BROKEN at event #3 \(id \d+, [a-z_.]+, .*\): expected sequence 2, found 3/,
    );
    await server.restart();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { appendParagraph, collabClient, sectionText, waitFor } from "../support/collab-client";
import { createPaper, paperIdByTitle } from "../support/papers";
import { seededRandom, testSeed } from "../support/random";
import { createTemporaryPostgres, databaseTargets, requireServices } from "../support/services";
import { startChaosProxy } from "../support/chaos-proxy";
import { startOwnRedis, type OwnRedis } from "../support/redis";
import { EDITED_SECTIONS as SECTIONS, contentOf, randomEdit, vectorOf } from "../support/random-edits";

// Parts 4 and 12 of the adversarial suite: convergence over a network that delays, reorders and drops;
// and two processes riding out a Redis restart while people type.

const SOAK = process.env.SOAK === "1";
const OPERATIONS = Number(process.env.CHAOS_OPERATIONS ?? (SOAK ? 10_000 : 1500));
const database = databaseTargets().at(-1)!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Client = ReturnType<typeof collabClient>;

describe(`convergence over a misbehaving network (${database})`, () => {
  let server: TestServer;
  afterAll(async () => {
    await server?.dispose();
  });

  it(
    `converges 5 clients after ${OPERATIONS} operations through a proxy that delays, reorders and drops`,
    async () => {
      const seed = testSeed();
      console.log(`chaos seed: ${seed} (replay with RANDOM_SEED=${seed})`);
      const random = seededRandom(seed);
      server = await startServer({ database });
      const cochair = new HttpClient(server.url);
      await cochair.login(DEMO.cochairMx);
      const paperId = await createPaper(cochair, "rmsg", "Over a bad network");
      const proxy = await startChaosProxy(server.port, random, {
        maxDelayMs: 40,
        dropEveryMs: 200,
        dropChance: 0.15,
      });
      const emails = [DEMO.memberUs, DEMO.memberMx, DEMO.memberSv, DEMO.memberGt, DEMO.memberHn];
      const clients: Client[] = [];
      for (const email of emails) {
        const http = new HttpClient(server.url);
        await http.login(email);
        clients.push(collabClient(proxy.url, http.cookieString, paperId));
      }
      await Promise.all(clients.map((c) => c.synced()));
      try {
        for (const key of SECTIONS) appendParagraph(clients[0].doc, key, `Start of ${key}. `);
        const perClient = Math.ceil(OPERATIONS / clients.length);
        await Promise.all(
          clients.map(async (client, c) => {
            for (let i = 0; i < perClient; i += 1) {
              randomEdit(client.doc, random, `c${c}.${i} `);
              await sleep(4 + Math.floor(random() * 10));
            }
          }),
        );
        const dropped = proxy.dropped;
        proxy.heal();
        const converged = () => {
          const first = clients[0];
          return clients.every(
            (c) =>
              c.provider.wsconnected &&
              c.provider.synced &&
              contentOf(c.doc) === contentOf(first.doc) &&
              vectorOf(c.doc) === vectorOf(first.doc),
          );
        };
        await waitFor(converged, 30_000, `convergence after healing (seed ${seed})`);
        const expected = { content: contentOf(clients[0].doc), vector: vectorOf(clients[0].doc) };
        for (const client of clients) client.destroy();
        await sleep(500);
        // A newcomer loads from the database alone (the paper left memory when the last client did).
        const fresh = collabClient(server.url, cochair.cookieString, paperId);
        await fresh.synced();
        const loaded = contentOf(fresh.doc);
        if (loaded !== expected.content) {
          let at = 0;
          while (loaded[at] === expected.content[at]) at += 1;
          console.log(
            `fresh load differs from the clients at character ${at} (seed ${seed}):\n  clients: …${expected.content.slice(Math.max(0, at - 80), at + 80)}…\n  loaded:  …${loaded.slice(Math.max(0, at - 80), at + 80)}…`,
          );
        }
        expect(loaded, `fresh client content (seed ${seed})`).toBe(expected.content);
        expect(vectorOf(fresh.doc), `fresh client state vector (seed ${seed})`).toBe(expected.vector);
        fresh.destroy();
        console.log(
          `chaos: seed ${seed}, 5 clients, ${perClient * clients.length} operations, up to 40 ms delay per chunk, ${dropped} connections dropped; all clients and a fresh load identical (${expected.content.length} characters of XML)`,
        );
      } finally {
        for (const client of clients) client.destroy();
        await proxy.close();
      }
    },
    60_000 + OPERATIONS * 20,
  );
});

const redisAvailable = Boolean(process.env.TEST_DATABASE_URL);
if (!redisAvailable && requireServices)
  throw new Error("REQUIRE_SERVICES=1 but TEST_DATABASE_URL is not set");

describe.skipIf(!redisAvailable)(
  "two processes and a Redis restart mid-editing (PostgreSQL + own Redis)",
  () => {
    // Both tests use the same two processes, one PostgreSQL database and a Redis of their own, set up here.
    let redis: OwnRedis;
    let postgres: { url: string; drop: () => Promise<void> };
    let a: TestServer;
    let b: TestServer;
    beforeAll(async () => {
      redis = await startOwnRedis();
      postgres = await createTemporaryPostgres();
      const env = { REDIS_URL: redis.url, SESSION_SECRET: "fault-network-test-secret-0123456789abcdef" };
      // One after the other: the first migrates and seeds the empty database.
      a = await startServer({ databaseUrl: postgres.url, env });
      b = await startServer({ databaseUrl: postgres.url, env });
    });
    afterAll(async () => {
      await Promise.all([a, b].map((s) => s?.dispose().catch(() => undefined)));
      redis?.stop();
      await postgres?.drop();
    });

    it("reconnects both processes and converges them with the database, losing no typed update", async () => {
      const http = new HttpClient(a.url);
      await http.login(DEMO.memberUs);
      const paperId = await paperIdByTitle(http, "rmsg", "Return and reintegration of migrants");
      const onA = collabClient(a.url, http.cookieString, paperId, { origin: a.url });
      const onB = collabClient(b.url, http.cookieString, paperId, { origin: b.url });
      await Promise.all([onA.synced(), onB.synced()]);
      const texts = [
        appendParagraph(onA.doc, "implementation", ""),
        appendParagraph(onB.doc, "implementation", ""),
      ];
      await waitFor(
        () =>
          onA.doc.getXmlFragment("implementation").length === onB.doc.getXmlFragment("implementation").length,
        5000,
        "both paragraphs on both",
      );
      const typed: string[] = [];
      let typing = true;
      const loops = texts.map(async (text, side) => {
        for (let i = 0; typing; i += 1) {
          const token = `[${side ? "B" : "A"}${i}]`;
          text.insert(text.length, token);
          typed.push(token);
          await sleep(20);
        }
      });
      const ready = async (server: TestServer) => (await fetch(`${server.url}/readyz`)).status;
      await sleep(800);
      // Redis is killed, stays down 1.5 s (both processes report 503 meanwhile), and comes back empty.
      const restarted = redis.restart(1500);
      await sleep(1200);
      const during = [await ready(a), await ready(b)];
      await restarted;
      await sleep(1500);
      typing = false;
      await Promise.all(loops);

      const same = () =>
        sectionText(onA.doc, "implementation") === sectionText(onB.doc, "implementation") &&
        vectorOf(onA.doc) === vectorOf(onB.doc);
      const start = performance.now();
      await waitFor(same, 20_000, "both processes' clients to converge after Redis came back");
      const convergedIn = performance.now() - start;
      expect(during).toEqual([503, 503]);
      const after = [await ready(a), await ready(b)];
      expect(after).toEqual([200, 200]);
      const text = sectionText(onA.doc, "implementation");
      for (const token of typed) expect(text.split(token).length - 1, token).toBe(1);
      onA.destroy();
      onB.destroy();
      await sleep(800);
      // Both processes load the same from the database.
      for (const server of [a, b]) {
        const fresh = collabClient(server.url, http.cookieString, paperId, { origin: server.url });
        await fresh.synced();
        expect(sectionText(fresh.doc, "implementation"), server.url).toBe(text);
        fresh.destroy();
      }
      console.log(
        `redis restart: ${typed.length} edits typed on two processes across a Redis kill -9 and restart (readyz 503 during, 200 after); converged ${convergedIn.toFixed(0)} ms after typing stopped; database identical on both`,
      );
    });

    it("closes a signed-out session's socket on the other process within 2 s", async () => {
      const http = new HttpClient(a.url);
      await http.login(DEMO.memberHn);
      const paperId = await paperIdByTitle(http, "rmsg", "Return and reintegration of migrants");
      const onB = collabClient(b.url, http.cookieString, paperId, { origin: b.url });
      await onB.synced();
      const closed = new Promise<{ code: number; at: number }>((resolve) =>
        onB.provider.once("closed", (event: { code: number }) =>
          resolve({ code: event.code, at: performance.now() }),
        ),
      );
      const start = performance.now();
      expect((await http.post("/logout", {})).status).toBe(302);
      const { code, at } = await closed;
      console.log(
        `revocation across processes: sign-out on one process closed the socket on the other in ${(at - start).toFixed(0)} ms`,
      );
      expect(code).toBe(4401);
      expect(at - start).toBeLessThanOrEqual(2000);
      onB.destroy();
    });
  },
);

import * as Y from "yjs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { collabClient, roundTrip, waitFor } from "../support/collab-client";
import { createPaper } from "../support/papers";
import { seededRandom, testSeed } from "../support/random";
import { createTemporaryPostgres, requireServices } from "../support/services";
import { startOwnRedis, type OwnRedis } from "../support/redis";
import { contentOf, randomEdit, vectorOf } from "../support/random-edits";

// Three processes behind a load balancer, people joining and leaving a paper at random on random
// processes while others type; one process restarted with SIGTERM, one killed with kill -9, Redis
// restarted once. At the end every client, every process and a fresh load from the database hold the
// same document, and every edit of a client that left is in it.

const available = Boolean(process.env.TEST_DATABASE_URL);
if (!available && requireServices) throw new Error("REQUIRE_SERVICES=1 but TEST_DATABASE_URL is not set");

const SOAK = process.env.SOAK === "1";
/** Joins and leaves; typing goes on between them. The CI run is small, `npm run test:soak` runs the full count. */
const STEPS = Number(process.env.MULTIPROCESS_STEPS ?? (SOAK ? 400 : 40));
const MAX_CLIENTS = 8;
const MIN_CLIENTS = 2;
const SECRET = "multiprocess-test-secret-0123456789abcdef";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PEOPLE = [
  DEMO.memberUs,
  DEMO.memberMx,
  DEMO.memberSv,
  DEMO.memberGt,
  DEMO.memberHn,
  DEMO.member2Mx,
  DEMO.cochairGt,
];

interface Person {
  name: string;
  on: number;
  client: ReturnType<typeof collabClient>;
  random: () => number;
  typing: Promise<void>;
  leaving: boolean;
}

/** The paper as a fresh process would load it: the snapshot and the update log, read straight from PostgreSQL. */
async function loadFromDatabase(url: string, paperId: string): Promise<Y.Doc> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const snapshot = await client.query<{ state: Buffer }>(
      `SELECT state FROM "PaperSnapshot" WHERE "paperId" = $1`,
      [paperId],
    );
    const log = await client.query<{ update: Buffer }>(
      `SELECT "update" FROM "PaperUpdate" WHERE "paperId" = $1 ORDER BY id`,
      [paperId],
    );
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const row of [...snapshot.rows.map((r) => r.state), ...log.rows.map((r) => r.update)])
        Y.applyUpdate(doc, row);
    });
    return doc;
  } finally {
    await client.end();
  }
}

/** A line per copy for the failure message: where it is, how long its text is, its state vector. */
function describeCopies(copies: { label: string; doc: Y.Doc }[]): string {
  return copies
    .map(({ label, doc }) => {
      const vector = [...Y.decodeStateVector(Y.encodeStateVector(doc))]
        .sort(([a], [b]) => a - b)
        .map(([client, clock]) => `${client}:${clock}`)
        .join(" ");
      const pending = doc.store.pendingStructs || doc.store.pendingDs ? " PENDING" : "";
      return `  ${label}: ${contentOf(doc).length} chars${pending}; ${vector}`;
    })
    .join("\n");
}

describe.skipIf(!available)("three processes that never miss an edit (PostgreSQL + own Redis)", () => {
  const servers: TestServer[] = [];
  let redis: OwnRedis | undefined;
  let database: { url: string; drop: () => Promise<void> } | undefined;
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.dispose().catch(() => undefined)));
    redis?.stop();
    await database?.drop();
  });

  it(
    `converges every client, every process and the database after ${STEPS} random joins and leaves, a SIGTERM, a kill -9 and a Redis restart`,
    async () => {
      const seed = testSeed();
      console.log(`multiprocess seed: ${seed} (replay with RANDOM_SEED=${seed})`);
      const random = seededRandom(seed);
      redis = await startOwnRedis();
      database = await createTemporaryPostgres();
      const env = { REDIS_URL: redis.url, SESSION_SECRET: SECRET };
      // The first process migrates and seeds; the others start on the ready database.
      servers.push(await startServer({ databaseUrl: database.url, env }));
      servers.push(
        ...(await Promise.all([1, 2].map(() => startServer({ databaseUrl: database!.url, env })))),
      );
      const cochair = new HttpClient(servers[0].url);
      await cochair.login(DEMO.cochairMx);
      const paperId = await createPaper(cochair, "rmsg", "Typed on three processes");
      const cookies = new Map<string, string>();
      for (const email of PEOPLE) {
        const http = new HttpClient(servers[0].url);
        await http.login(email);
        cookies.set(email, http.cookieString);
      }

      const down = new Set<number>();
      const people: Person[] = [];
      /** Own clock of every client that left, when it left: the final document must contain all of it. */
      const departed = new Map<number, { clock: number; how: string }>();
      let currentStep = -1;
      let typing = true;
      let edits = 0;
      let lastEditAt = 0;
      let joined = 0;

      const join = () => {
        const up = [0, 1, 2].filter((i) => !down.has(i));
        const on = up[Math.floor(random() * up.length)];
        const name = PEOPLE[Math.floor(random() * PEOPLE.length)];
        const server = servers[on];
        const client = collabClient(server.url, cookies.get(name)!, paperId, { origin: server.url });
        const own = seededRandom(seed + 1 + joined);
        joined += 1;
        const person: Person = { name, on, client, random: own, typing: Promise.resolve(), leaving: false };
        person.typing = startTyping(person);
        people.push(person);
      };
      const startTyping = async (person: Person) => {
        await person.client.synced();
        // Typing carries on offline while the process is away, as in a browser.
        while (typing && !person.leaving) {
          randomEdit(person.client.doc, person.random, `${person.name.slice(0, 9)}${edits} `);
          edits += 1;
          lastEditAt = performance.now();
          await sleep(20 + Math.floor(person.random() * 60));
        }
      };
      const leave = async () => {
        // Only someone connected and in sync leaves, once the server has their last edit, as a person
        // closes the paper when it says everything is delivered: what they typed offline (a process that
        // was just killed, its socket not yet seen closed) would otherwise go with them.
        const candidates = people.filter(
          (p) => !p.leaving && p.client.provider.wsconnected && p.client.provider.synced,
        );
        if (candidates.length === 0) return;
        const person = candidates[Math.floor(random() * candidates.length)];
        person.leaving = true;
        await person.typing;
        // The server handles a socket's frames in order: its answer to a SyncStep1 means it has handled
        // every edit sent before. No answer (the socket went away): they stay and type on.
        if (
          !(await roundTrip(person.client, 3000).then(
            () => true,
            () => false,
          ))
        ) {
          person.leaving = false;
          person.typing = startTyping(person);
          return;
        }
        const { provider } = person.client;
        departed.set(person.client.doc.clientID, {
          clock: Y.getState(person.client.doc.store, person.client.doc.clientID),
          how: `${person.name} left process ${person.on + 1} at step ${currentStep}${down.has(person.on) ? " (process down)" : ""}, socket ${provider.wsconnected ? "open" : "closed"}, ${provider.synced ? "synced" : "unsynced"}`,
        });
        person.client.destroy();
        people.splice(people.indexOf(person), 1);
      };

      for (let i = 0; i < 3; i += 1) join();
      await Promise.all(people.map((p) => p.client.synced()));

      const faults = new Map<number, string>([
        [Math.floor(STEPS * 0.25), "sigterm"],
        [Math.floor(STEPS * 0.5), "kill"],
        [Math.floor(STEPS * 0.75), "redis"],
      ]);
      const happened: string[] = [];
      const restarting: Promise<void>[] = [];
      try {
        for (let step = 0; step < STEPS; step += 1) {
          currentStep = step;
          await sleep(50 + Math.floor(random() * 250));
          const fault = faults.get(step);
          if (fault === "sigterm" || fault === "kill") {
            const target = fault === "sigterm" ? 1 : 2;
            down.add(target);
            // kill -9 loses what the process had not written yet: only what it had relayed survives.
            if (fault === "kill") {
              await sleep(300);
              await servers[target].kill();
            } else {
              const mark = servers[target].logs.length;
              const stoppedAt = performance.now();
              const code = await servers[target].stop();
              expect(
                code,
                `SIGTERM exit after ${(performance.now() - stoppedAt).toFixed(0)} ms:\n${servers[target].logs.slice(mark).join("").slice(-3000)}`,
              ).toBe(0);
            }
            happened.push(`${fault} process ${target + 1} at step ${step}`);
            restarting.push(
              servers[target].restart().then(() => {
                down.delete(target);
              }),
            );
          } else if (fault === "redis") {
            await redis.restart(500);
            happened.push(`redis restarted at step ${step}`);
          }
          const roll = random();
          if ((roll < 0.5 && people.length < MAX_CLIENTS) || people.length <= MIN_CLIENTS) join();
          else await leave();
        }
        await Promise.all(restarting);
        typing = false;
        await Promise.all(people.map((p) => p.typing));
        const stoppedAt = performance.now();
        const idle = performance.now() - lastEditAt;

        // 1. Every client.
        const copies = () =>
          people.map((p) => ({
            label: `${p.name} on process ${p.on + 1}${p.client.provider.wsconnected ? "" : " DISCONNECTED"}${p.client.provider.synced ? "" : " UNSYNCED"}`,
            doc: p.client.doc,
          }));
        /** The processes' warnings and errors, for a failure's message. */
        const warnings = () =>
          servers
            .flatMap((server, i) =>
              server.logs
                .join("")
                .split("\n")
                .filter((line) => /"level":(40|50|60)/.test(line))
                .map((line) => `  process ${i + 1}: ${line.slice(0, 300)}`),
            )
            .slice(-30)
            .join("\n");
        const clientsAgree = () =>
          people.every(
            (p) =>
              p.client.provider.wsconnected &&
              p.client.provider.synced &&
              contentOf(p.client.doc) === contentOf(people[0].client.doc) &&
              vectorOf(p.client.doc) === vectorOf(people[0].client.doc),
          );
        await waitFor(clientsAgree, 15_000, `every client to agree (seed ${seed})`).catch((error: Error) => {
          throw new Error(`${error.message}\n${describeCopies(copies())}\nwarnings:\n${warnings()}`);
        });
        const clientsIn = performance.now() - stoppedAt + idle;
        const expected = { content: contentOf(people[0].client.doc), vector: vectorOf(people[0].client.doc) };

        // 2. Every process: a newcomer on each gets that process's copy.
        const probes = servers.map((server) =>
          collabClient(server.url, cookies.get(PEOPLE[0])!, paperId, { origin: server.url }),
        );
        try {
          await Promise.all(probes.map((probe) => probe.synced()));
          const probesAgree = () =>
            probes.every((p) => contentOf(p.doc) === expected.content && vectorOf(p.doc) === expected.vector);
          await waitFor(probesAgree, 10_000, `every process to agree (seed ${seed})`).catch(
            (error: Error) => {
              throw new Error(
                `${error.message}\n${describeCopies([
                  { label: "clients", doc: people[0].client.doc },
                  ...probes.map((p, i) => ({ label: `process ${i + 1}`, doc: p.doc })),
                ])}`,
              );
            },
          );
        } finally {
          for (const probe of probes) probe.destroy();
        }
        const processesIn = performance.now() - stoppedAt + idle;

        // 3. A fresh load from the database.
        let stored = await loadFromDatabase(database.url, paperId);
        const start = performance.now();
        while (contentOf(stored) !== expected.content || vectorOf(stored) !== expected.vector) {
          if (performance.now() - start > 10_000) {
            throw new Error(
              `the database never agreed with the clients (seed ${seed})\n${describeCopies([
                { label: "clients", doc: people[0].client.doc },
                { label: "database", doc: stored },
              ])}`,
            );
          }
          await sleep(100);
          stored = await loadFromDatabase(database.url, paperId);
        }
        const databaseIn = performance.now() - stoppedAt + idle;

        // 4. Nothing a departed client typed is missing.
        const final = Y.decodeStateVector(Y.encodeStateVector(stored));
        for (const [client, { clock, how }] of departed)
          expect(
            final.get(client) ?? 0,
            `edits of departed client ${client} (seed ${seed}; ${how}; ${happened.join("; ")})`,
          ).toBeGreaterThanOrEqual(clock);

        const errors = servers
          .flatMap((s) => s.logs.join("").split("\n"))
          .filter((l) => /"level":(50|60)/.test(l));
        expect(errors, "server error lines").toEqual([]);
        console.log(
          `multiprocess: seed ${seed}, ${STEPS} steps, ${joined} clients joined, ${departed.size} left, ${edits} edits on 3 processes (${happened.join("; ")}); identical after the last edit: clients ${clientsIn.toFixed(0)} ms, processes ${processesIn.toFixed(0)} ms, database ${databaseIn.toFixed(0)} ms (${expected.content.length} characters of XML)`,
        );
      } finally {
        typing = false;
        for (const person of people) person.client.destroy();
      }
    },
    120_000 + STEPS * 1000,
  );
});

import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import {
  appendParagraph,
  collabClient,
  rawCollabSocket,
  sectionText,
  waitFor,
} from "../support/collab-client";
import { paperIdByTitle } from "../support/papers";
import { createTemporaryPostgres, requireServices } from "../support/services";
import { startTcpProxy } from "../support/tcp-proxy";
import { seededRandom, testSeed } from "../support/random";

const available = Boolean(process.env.TEST_DATABASE_URL && process.env.REDIS_URL);
if (!available && requireServices)
  throw new Error("REQUIRE_SERVICES=1 but TEST_DATABASE_URL or REDIS_URL is not set");

const SECRET = "scale-out-test-secret-0123456789abcdef";

describe.skipIf(!available)("several processes behind a load balancer (PostgreSQL + Redis)", () => {
  let database: { url: string; drop: () => Promise<void> };
  const started: TestServer[] = [];

  async function processOn(redisUrl: string): Promise<TestServer> {
    const server = await startServer({
      databaseUrl: database.url,
      env: { REDIS_URL: redisUrl, SESSION_SECRET: SECRET },
    });
    started.push(server);
    return server;
  }

  beforeAll(async () => {
    database = await createTemporaryPostgres();
  });
  afterAll(async () => {
    for (const server of started) await server.dispose().catch(() => undefined);
    await database?.drop();
  });

  it("converges random concurrent edits made through two processes, and reports the fan-out latency", async () => {
    const a = await processOn(process.env.REDIS_URL!);
    const b = await processOn(process.env.REDIS_URL!);
    const http = new HttpClient(a.url);
    await http.login(DEMO.memberMx);
    const paperId = await paperIdByTitle(http, "rmsg", "Protection systems for people on the move");
    const onA = collabClient(a.url, http.cookieString, paperId, { origin: a.url });
    const onB = collabClient(b.url, http.cookieString, paperId, { origin: b.url });
    await Promise.all([onA.synced(), onB.synced()]);

    // Fan-out latency: one edit at a time from a client on A until it is in the client on B.
    const textA = appendParagraph(onA.doc, "implementation", "");
    await waitFor(
      () =>
        onB.doc.getXmlFragment("implementation").length === onA.doc.getXmlFragment("implementation").length,
      5000,
      "the paragraph",
    );
    const latencies: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const marker = `m${i};`;
      // Timed by B's update event, not by polling.
      const arrived = new Promise<number>((resolve) => {
        const listener = () => {
          if (!sectionText(onB.doc, "implementation").includes(marker)) return;
          onB.doc.off("update", listener);
          resolve(performance.now());
        };
        onB.doc.on("update", listener);
      });
      const start = performance.now();
      textA.insert(textA.length, marker);
      latencies.push((await arrived) - start);
    }
    latencies.sort((x, y) => x - y);
    console.log(
      `fan-out latency client on A → client on B over ${latencies.length} edits: p50 ${latencies[20].toFixed(1)} ms, p95 ${latencies[37].toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
    );

    const seed = testSeed();
    console.log(`scale-out convergence seed: ${seed}`);
    const random = seededRandom(seed);
    const texts = [onA, onB].map((client) => appendParagraph(client.doc, "evidence", ""));
    for (let i = 0; i < 300; i += 1) {
      const target = texts[random() < 0.5 ? 0 : 1];
      if (random() < 0.8 || target.length < 2)
        target.insert(Math.floor(random() * (target.length + 1)), "abcdefgh "[Math.floor(random() * 9)]);
      else target.delete(Math.floor(random() * (target.length - 1)), 1);
      if (i % 30 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(
      () =>
        sectionText(onA.doc, "evidence") === sectionText(onB.doc, "evidence") &&
        Y.encodeStateVector(onA.doc).toString() === Y.encodeStateVector(onB.doc).toString(),
      10_000,
      `convergence (seed ${seed})`,
    );
    const expected = sectionText(onA.doc, "evidence");
    onA.destroy();
    onB.destroy();
    // Each update was persisted once, by the process that received it: a fresh load has the same text.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const fresh = collabClient(b.url, http.cookieString, paperId, { origin: b.url });
    await fresh.synced();
    expect(sectionText(fresh.doc, "evidence")).toBe(expected);
    fresh.destroy();
  });

  it("carries a comment and a status change made through one process to pages and sockets on the other", async () => {
    const [a, b] = started;
    const secretariat = new HttpClient(a.url);
    await secretariat.login(DEMO.secretariat);
    const paperId = await paperIdByTitle(secretariat, "rmsg", "Cheaper and safer remittances");
    const member = new HttpClient(b.url);
    await member.login(DEMO.memberSv);

    const controller = new AbortController();
    const response = await fetch(`${b.url}/g/rmsg/papers/${paperId}/events`, {
      headers: { Cookie: member.cookieString },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let received = "";
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 5000;
      while (!received.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no ${needle} in ${received}`);
        received += new TextDecoder().decode((await reader.read()).value);
      }
    };
    await readUntil("event: hello");
    const { ws, frames } = await rawCollabSocket(b.url, paperId, {
      Origin: b.url,
      Cookie: member.cookieString,
    });

    const commented = await secretariat.post(`/g/rmsg/papers/${paperId}/threads`, {
      intent: "create",
      sectionKey: "finding",
      body: "Could we cite the central bank figures here?",
    });
    expect(commented.status).toBe(200);
    await readUntil("event: thread");
    expect(
      (await secretariat.post(`/g/rmsg/papers/${paperId}`, { intent: "status", status: "WITHDRAWN" })).status,
    ).toBe(200);
    await readUntil('"status":"WITHDRAWN"');
    // The socket on the other process is told it is read-only now.
    await waitFor(
      () => frames.some((f) => f[0] === 2 && f.toString("utf8").includes("read-only")),
      3000,
      "read-only message on B",
    );
    ws!.close();
    controller.abort();
  });

  async function typingThroughTheBalancer(stop: (server: TestServer) => Promise<void>) {
    const a = await processOn(process.env.REDIS_URL!);
    const b = started[1];
    const balancer = await startTcpProxy(a.port);
    const http = new HttpClient(balancer.url);
    await http.login(DEMO.memberHn);
    const paperId = await paperIdByTitle(http, "rmsg", "Return and reintegration of migrants");
    const typist = collabClient(balancer.url, http.cookieString, paperId, { origin: balancer.url });
    await typist.synced();
    const text = appendParagraph(typist.doc, "implementation", "");
    let typed = "";
    let typing = true;
    const loop = (async () => {
      for (let i = 0; typing && i < 400; i += 1) {
        const piece = `${i},`;
        text.insert(text.length, piece);
        typed += piece;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 700));
    // The process goes away mid-typing; the balancer sends new connections to the other one.
    balancer.setTarget(b.port);
    await stop(a);
    balancer.dropAll();
    await new Promise((resolve) => setTimeout(resolve, 700));
    typing = false;
    await loop;
    await waitFor(
      () => typist.provider.wsconnected && typist.provider.synced,
      20_000,
      "the typist to reconnect to the other process",
    );
    const reader = collabClient(b.url, http.cookieString, paperId, { origin: b.url });
    await reader.synced();
    await waitFor(
      () => sectionText(reader.doc, "implementation").includes(typed),
      10_000,
      "every typed character on the other process",
    );
    typist.destroy();
    reader.destroy();
    await balancer.close();
    return typed.length;
  }

  it("loses no keystroke when a process is stopped with SIGTERM mid-typing (exit 0 within 10 s)", async () => {
    let exitCode: number | null = null;
    let elapsed = 0;
    const typed = await typingThroughTheBalancer(async (a) => {
      const start = Date.now();
      exitCode = await a.stop();
      elapsed = Date.now() - start;
    });
    expect(typed).toBeGreaterThan(20);
    expect(exitCode).toBe(0);
    expect(elapsed).toBeLessThan(10_000);
  });

  it("loses no acknowledged or re-sent keystroke when a process is killed with kill -9 mid-typing", async () => {
    const typed = await typingThroughTheBalancer((a) => a.kill());
    expect(typed).toBeGreaterThan(20);
  });
  // A Redis restart while people type on two processes: tests/integration/fault-network.test.ts.
});

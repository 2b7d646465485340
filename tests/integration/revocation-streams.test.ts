import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { paperIdByTitle } from "../support/papers";
import { databaseTargets } from "../support/services";

// Point 6 of "trust nothing a client sends": signing out, being removed from the group or getting
// another role ends a person's open page event streams within 2 s, as it does their sockets.

const database = databaseTargets().at(-1)!;

describe(`page event streams follow access changes (${database})`, () => {
  let server: TestServer;
  let cochair: HttpClient;
  let paperId: string;

  beforeAll(async () => {
    server = await startServer({ database });
    cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
    paperId = await paperIdByTitle(cochair, "rmsg", "Legal pathways for regional labour mobility");
  });
  afterAll(async () => {
    await server?.dispose();
  });

  /** Opens the paper's event stream as `client`; resolves `ended` with the time it ended (epoch ms). */
  async function openStream(client: HttpClient) {
    const response = await fetch(`${server.url}/g/rmsg/papers/${paperId}/events`, {
      headers: { Cookie: client.cookieString, Accept: "text/event-stream" },
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain("event: hello");
    const ended = (async () => {
      for (;;) {
        const { done } = await reader.read();
        if (done) return Date.now();
      }
    })();
    return { ended, cancel: () => reader.cancel() };
  }

  async function within2s(ended: Promise<number>, start: number): Promise<number> {
    const end = await Promise.race([
      ended,
      new Promise<number>((resolve) => setTimeout(() => resolve(-1), 2000)),
    ]);
    expect(end, "the stream ended within 2 s").toBeGreaterThan(0);
    return end - start;
  }

  it("ends the stream of a session that signs out, and not the same person's other session", async () => {
    const here = new HttpClient(server.url);
    await here.login(DEMO.memberSv);
    const there = new HttpClient(server.url);
    await there.login(DEMO.memberSv);
    const signingOut = await openStream(here);
    const staying = await openStream(there);
    const start = Date.now();
    await here.post("/logout", {});
    console.log(`sign-out ended the stream in ${await within2s(signingOut.ended, start)} ms`);
    const stillOpen = await Promise.race([
      staying.ended,
      new Promise((resolve) => setTimeout(() => resolve("open"), 500)),
    ]);
    expect(stillOpen).toBe("open");
    await staying.cancel();
    // Reconnecting after the sign-out is refused.
    const again = await fetch(`${server.url}/g/rmsg/papers/${paperId}/events`, {
      headers: { Cookie: here.cookieString },
      redirect: "manual",
    });
    expect(again.status).not.toBe(200);
  });

  it("ends the stream of a member who is removed from the group", async () => {
    const member = new HttpClient(server.url);
    await member.login("member2.hn@example.org");
    const stream = await openStream(member);
    const roster = await (await cochair.get("/g/rmsg/members")).text();
    const row = roster.split("<tr>").find((chunk) => chunk.includes("member2.hn@example.org"))!;
    const membershipId = /name="membershipId" value="([^"]+)"/.exec(row)![1];
    const start = Date.now();
    expect((await cochair.post("/g/rmsg/members", { intent: "remove", membershipId })).status).toBe(200);
    console.log(`removal ended the stream in ${await within2s(stream.ended, start)} ms`);
    const again = await fetch(`${server.url}/g/rmsg/papers/${paperId}/events`, {
      headers: { Cookie: member.cookieString },
      redirect: "manual",
    });
    expect(again.status).toBe(404);
  });
});

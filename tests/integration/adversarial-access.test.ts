import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { appendParagraph, collabClient, sectionText, waitFor } from "../support/collab-client";
import { paperIdByTitle } from "../support/papers";
import { databaseTargets } from "../support/services";
import { frame } from "../support/collab-fuzz";
import { openRawSocket } from "../support/raw-collab";

// Parts 7 and 8 of the adversarial suite: access that changes while someone is connected (removal,
// demotion to observer, sign-out, password change) reaches their open sockets within two seconds; and
// nobody can speak for someone else's presence or dress their own up as someone else.

const REVOCATION_MS = 2000;
const database = databaseTargets().at(-1)!;
type Client = ReturnType<typeof collabClient>;

/** Resolves when the stock client is closed for good by the server, with the code and the time it took from `since`. */
function terminalClose(
  client: Client,
  since: () => number,
): Promise<{ code: number; reason: string; ms: number }> {
  return new Promise((resolve) =>
    client.provider.once("closed", (event: { code: number; reason: string }) =>
      resolve({ ...event, ms: performance.now() - since() }),
    ),
  );
}

function awarenessFrame(entries: [number, number, Record<string, unknown> | null][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [client, clock, state] of entries) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return frame(1, null, encoding.toUint8Array(encoder));
}

describe(`access and presence while connected (${database})`, () => {
  let server: TestServer;
  let cochair: HttpClient;
  let paperId: string;
  const revocations: number[] = [];

  beforeAll(async () => {
    server = await startServer({ database });
    cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
    paperId = await paperIdByTitle(cochair, "rmsg", "Protection systems for people on the move");
  });
  afterAll(async () => {
    if (revocations.length)
      console.log(
        `revocation: ${revocations.length} changes reached open sockets in at most ${Math.max(...revocations).toFixed(0)} ms (each: ${revocations.map((ms) => ms.toFixed(0)).join(", ")} ms)`,
      );
    await server?.dispose();
  });

  async function signedIn(email: string, password = "acuerdo-demo"): Promise<HttpClient> {
    const client = new HttpClient(server.url);
    await client.login(email, password);
    return client;
  }

  async function membershipOf(email: string): Promise<{ membershipId: string; delegationId: string }> {
    const roster = await (await cochair.get("/g/rmsg/members")).text();
    const row = roster.split("<tr>").find((chunk) => chunk.includes(email))!;
    const membershipId = /name="membershipId" value="([^"]+)"/.exec(row)![1];
    const delegationSelect = row.slice(row.indexOf('name="delegationId"'));
    const delegationId = /<option value="([^"]*)" selected/.exec(delegationSelect)?.[1] ?? "";
    return { membershipId, delegationId };
  }

  async function connected(http: HttpClient): Promise<Client> {
    const client = collabClient(server.url, http.cookieString, paperId);
    await client.synced();
    return client;
  }

  /** The paper's text as a fresh reader loads it. */
  async function freshText(section: string): Promise<string> {
    const reader = collabClient(server.url, cochair.cookieString, paperId);
    await reader.synced();
    const text = sectionText(reader.doc, section);
    reader.destroy();
    return text;
  }

  it("closes a removed member's open editor within 2 s, for good, and takes nothing from it after", async () => {
    const http = await signedIn("member2.gt@example.org");
    const client = await connected(http);
    const { membershipId } = await membershipOf("member2.gt@example.org");
    let start = 0;
    const closed = terminalClose(client, () => start);
    start = performance.now();
    expect((await cochair.post("/g/rmsg/members", { intent: "remove", membershipId })).status).toBe(200);
    const { code, reason, ms } = await closed;
    revocations.push(ms);
    expect(code).toBe(4403);
    expect(reason).toContain("no longer have access");
    expect(ms).toBeLessThanOrEqual(REVOCATION_MS);
    expect(client.provider.shouldConnect).toBe(false);
    appendParagraph(client.doc, "evidence", "Typed after removal.");
    client.provider.connect();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await freshText("evidence")).not.toContain("Typed after removal.");
    client.destroy();
  });

  it("makes a member demoted to observer read-only within 2 s", async () => {
    const http = await signedIn("member2.sv@example.org");
    const client = await connected(http);
    const denied = new Promise<number>((resolve) => {
      const ws = client.provider.ws!;
      ws.addEventListener("message", (event: MessageEvent) => {
        const data = new Uint8Array(event.data as ArrayBuffer);
        if (data[0] === 2 && Buffer.from(data).toString("utf8").includes("read-only"))
          resolve(performance.now());
      });
    });
    const { membershipId, delegationId } = await membershipOf("member2.sv@example.org");
    const start = performance.now();
    expect(
      (
        await cochair.post("/g/rmsg/members", {
          intent: "change",
          membershipId,
          role: "OBSERVER",
          delegationId,
        })
      ).status,
    ).toBe(200);
    const ms = (await denied) - start;
    revocations.push(ms);
    expect(ms).toBeLessThanOrEqual(REVOCATION_MS);
    appendParagraph(client.doc, "evidence", "Typed as an observer.");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await freshText("evidence")).not.toContain("Typed as an observer.");
    client.destroy();
  });

  it("closes the sockets of a signed-out session within 2 s and leaves the person's other session alone", async () => {
    const laptop = await signedIn(DEMO.memberGt);
    const phone = await signedIn(DEMO.memberGt);
    const onLaptop = await connected(laptop);
    const onPhone = await connected(phone);
    let start = 0;
    const closed = terminalClose(onLaptop, () => start);
    start = performance.now();
    expect((await laptop.post("/logout", {})).status).toBe(302);
    const { code, ms } = await closed;
    revocations.push(ms);
    expect(code).toBe(4401);
    expect(ms).toBeLessThanOrEqual(REVOCATION_MS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onPhone.provider.wsconnected).toBe(true);
    appendParagraph(onPhone.doc, "actions", "Still editing from the phone.");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await freshText("actions")).toContain("Still editing from the phone.");
    onLaptop.destroy();
    onPhone.destroy();
  });

  it("ends every session and closes every socket of the account when its password changes", async () => {
    const here = await signedIn(DEMO.memberHn);
    const elsewhere = await signedIn(DEMO.memberHn);
    const oldHere = here.cookieString;
    const clients = [await connected(here), await connected(elsewhere)];
    let start = 0;
    const closes = clients.map((client) => terminalClose(client, () => start));
    start = performance.now();
    const wrong = await here.post("/settings/password", {
      currentPassword: "not-it",
      newPassword: "a-new-passphrase-2026",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That is not your current password. Nothing was changed.");
    expect(clients.every((c) => c.provider.wsconnected)).toBe(true);
    start = performance.now();
    const changed = await here.post("/settings/password", {
      currentPassword: "acuerdo-demo",
      newPassword: "a-new-passphrase-2026",
    });
    expect(changed.status).toBe(302);
    for (const { code, ms } of await Promise.all(closes)) {
      revocations.push(ms);
      expect(code).toBe(4401);
      expect(ms).toBeLessThanOrEqual(REVOCATION_MS);
    }
    // The old cookies are worthless; this browser got a new session; the new password signs in, the old does not.
    for (const cookie of [oldHere, elsewhere.cookieString]) {
      const page = await fetch(`${server.url}/`, { redirect: "manual", headers: { Cookie: cookie } });
      expect(page.headers.get("location") ?? "").toMatch(/^\/login/);
    }
    expect(here.cookieString).not.toBe(oldHere);
    expect((await here.get("/")).status).toBe(200);
    expect(
      (await new HttpClient(server.url).post("/login", { email: DEMO.memberHn, password: "acuerdo-demo" }))
        .status,
    ).toBe(401);
    await signedIn(DEMO.memberHn, "a-new-passphrase-2026");
    for (const client of clients) client.destroy();
  });

  it("lets nobody set presence for a client id the server did not give them, nor change the name, delegation or colour", async () => {
    const us = await signedIn(DEMO.memberUs);
    const honest = await connected(us);
    honest.provider.awareness.setLocalStateField("cursor", { at: 1 });
    const observerHttp = await signedIn(DEMO.observer);
    const watcher = await connected(observerHttp);
    const honestId = honest.doc.clientID;
    await waitFor(
      () =>
        (watcher.provider.awareness.getStates().get(honestId) as { user?: { name?: string } } | undefined)
          ?.user?.name !== undefined,
      5000,
      "the honest delegate's presence",
    );
    const honestState = () =>
      watcher.provider.awareness.getStates().get(honestId) as {
        user: { name: string; delegation: string; color: string };
        cursor?: unknown;
      };
    const original = structuredClone(honestState());

    const intruder = await signedIn(DEMO.memberMx);
    const raw = await openRawSocket(server.url, paperId, intruder.cookieString);
    const ownId = 987654321;
    const fake = {
      user: { id: "someone-else", name: "Co-chair of everything", delegation: "US", color: "#000000" },
      cursor: { at: 99 },
    };
    // Its own id with a costume; the honest delegate's id; and a second id of its own in the same message.
    raw.ws.send(awarenessFrame([[ownId, 1, fake]]));
    raw.ws.send(
      awarenessFrame([
        [honestId, 999, { user: { name: "Impostor" }, cursor: { at: 42 } }],
        [ownId + 1, 1, fake],
      ]),
    );
    raw.ws.send(awarenessFrame([[honestId, 1000, null]]));
    await waitFor(
      () => watcher.provider.awareness.getStates().has(ownId),
      5000,
      "the intruder's own presence",
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    const states = watcher.provider.awareness.getStates();
    const intruderState = states.get(ownId) as { user: { name: string; delegation: string; color: string } };
    expect(intruderState.user.name).not.toBe("Co-chair of everything");
    expect(intruderState.user.delegation).toBe("MX");
    expect(intruderState.user.color).not.toBe("#000000");
    expect(states.has(ownId + 1)).toBe(false);
    expect(honestState()).toEqual(original);
    expect(raw.isOpen()).toBe(true);

    // When the honest delegate leaves, another user still cannot take their id; they get it back on return.
    honest.provider.disconnect();
    await waitFor(() => !watcher.provider.awareness.getStates().has(honestId), 5000, "the departure");
    const squatter = await openRawSocket(server.url, paperId, intruder.cookieString);
    squatter.ws.send(awarenessFrame([[honestId, 5000, { user: { name: "Squatter" } }]]));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(watcher.provider.awareness.getStates().has(honestId)).toBe(false);
    honest.provider.connect();
    await waitFor(
      () => honestState()?.user?.name === original.user.name,
      5000,
      "the honest delegate's presence back",
    );
    raw.ws.close();
    squatter.ws.close();
    honest.destroy();
    watcher.destroy();
  });
});

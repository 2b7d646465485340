import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { collabClient, waitFor } from "../support/collab-client";
import { paperIdByTitle } from "../support/papers";
import { databaseTargets } from "../support/services";
import { frame } from "../support/collab-fuzz";
import { openRawSocket, paperState } from "../support/raw-collab";
import { fragmentToJson, type PMNode } from "~/modules/documents/prosemirror-json";
import { marked } from "../support/suggestion-text";

// Suggesting mode against the real server: in Penholder mode (and in review) the server takes from
// anyone outside the lead delegation only their own suggestions; a direct edit over a raw socket is
// refused whole (4400) and nothing of it is stored. Decisions are made by the server and reach everyone.

const PAPER = "Cheaper and safer remittances"; // a draft led by El Salvador
const GABRIELA = { name: "Gabriela Núñez", delegation: "MX" }; // member.mx

function plain(node: PMNode): string {
  return node.text ?? (node.content ?? []).map(plain).join(node.type === "doc" ? "\n" : "");
}

/** An update that changes `key`'s first paragraph as `change` does, on top of `base`. */
function editOf(base: Y.Doc, key: string, change: (text: Y.XmlText) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(copy);
  const text = (copy.getXmlFragment(key).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  copy.transact(() => change(text));
  const update = Y.encodeStateAsUpdate(copy, before);
  copy.destroy();
  return update;
}

const insertion = (id: string, userId: string, who = GABRIELA) => ({
  suggestionInsert: {
    id,
    authorId: userId,
    authorName: who.name,
    delegation: who.delegation,
    createdAt: "2026-12-11T10:00:00.000Z",
  },
});

const formatting = (id: string, userId: string, add: string[], remove: string[] = []) => ({
  suggestionFormat: {
    id,
    authorId: userId,
    authorName: GABRIELA.name,
    delegation: GABRIELA.delegation,
    createdAt: "2026-12-11T10:00:00.000Z",
    add,
    remove,
  },
});

/** The first paragraph's runs as "text{marks}" pieces: what formatting each part of it has. */
function runsOf(doc: Y.Doc, key: string): string[] {
  const first = fragmentToJson(doc.getXmlFragment(key), "keep").content?.[0];
  return (first?.content ?? []).map(
    (node) => `${node.text}{${(node.marks ?? []).map((mark) => mark.type).join(",")}}`,
  );
}

describe.each(databaseTargets())("suggestions at the collaboration server (%s)", (database) => {
  let server: TestServer;
  let cochair: HttpClient;
  let gabriela: HttpClient;
  let lead: HttpClient;
  let carlos: HttpClient;
  let paperId: string;
  let gabrielaId: string;

  const post = (client: HttpClient, form: Record<string, string>) =>
    client.post(`/g/rmsg/papers/${paperId}/suggestions`, form);

  beforeAll(async () => {
    server = await startServer({ database });
    cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairUs);
    gabriela = new HttpClient(server.url);
    await gabriela.login(DEMO.memberMx);
    lead = new HttpClient(server.url);
    await lead.login(DEMO.memberSv);
    carlos = new HttpClient(server.url);
    await carlos.login(DEMO.memberHn);
    paperId = await paperIdByTitle(cochair, "rmsg", PAPER);
    // Her user id, as the server knows it: the presence it gives her connection says it to others.
    const probe = collabClient(server.url, gabriela.cookieString, paperId);
    const watcher = collabClient(server.url, cochair.cookieString, paperId);
    await Promise.all([probe.synced(), watcher.synced()]);
    probe.provider.awareness.setLocalStateField("cursor", null);
    const hers = () =>
      [...watcher.provider.awareness.getStates().values()]
        .map((state) => state.user as { id?: string; name?: string } | undefined)
        .find((user) => user?.name === GABRIELA.name)?.id;
    await waitFor(() => hers() !== undefined, 5000, "her presence");
    gabrielaId = hers()!;
    probe.destroy();
    watcher.destroy();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("only a co-chair or the secretariat sets the drafting mode", async () => {
    expect((await post(gabriela, { intent: "drafting", mode: "PENHOLDER" })).status).toBe(403);
    expect((await post(cochair, { intent: "drafting", mode: "SOMETHING" })).status).toBe(400);
    expect((await post(cochair, { intent: "drafting", mode: "PENHOLDER" })).status).toBe(200);
  });

  it("refuses a member's raw direct edit in Penholder mode: 4400, nothing stored, the connection told why", async () => {
    const before = await paperState(server.url, cochair.cookieString, paperId);
    const attempts: [string, Uint8Array][] = [
      ["typing without a mark", editOf(before.doc, "finding", (t) => t.insert(0, "Direct. "))],
      ["deleting text", editOf(before.doc, "finding", (t) => t.delete(0, 5))],
      ["making text bold", editOf(before.doc, "finding", (t) => t.format(0, 5, { bold: {} }))],
      [
        "making text bold under a format suggestion that says italic",
        editOf(before.doc, "finding", (t) =>
          t.format(0, 5, { bold: {}, ...formatting("s-lie", "unknown-yet", ["italic"]) }),
        ),
      ],
      [
        "typing under the lead delegation's name",
        editOf(before.doc, "finding", (t) =>
          t.insert(0, "x", insertion("s-forged", "someone-else", { name: "Other", delegation: "SV" })),
        ),
      ],
    ];
    for (const [what, update] of attempts) {
      const socket = await openRawSocket(server.url, paperId, gabriela.cookieString);
      socket.ws.send(frame(0, 2, update));
      const { code, reason } = await socket.closed;
      expect(code, what).toBe(4400);
      expect(reason, what).toMatch(/not saved: only suggestions/);
    }
    const after = await paperState(server.url, cochair.cookieString, paperId);
    expect(after.state.equals(before.state)).toBe(true);
  });

  it("takes her own suggestion, shows it to everyone, and the lead delegation accepts it", async () => {
    const base = await paperState(server.url, cochair.cookieString, paperId);
    const original = plain(fragmentToJson(base.doc.getXmlFragment("finding")));
    const socket = await openRawSocket(server.url, paperId, gabriela.cookieString);
    socket.ws.send(
      frame(
        0,
        2,
        editOf(base.doc, "finding", (t) => t.insert(0, "Urgently: ", insertion("s-gab", gabrielaId))),
      ),
    );
    const reader = collabClient(server.url, lead.cookieString, paperId);
    await reader.synced();
    await waitFor(() => marked(reader.doc, "finding").startsWith("[+Urgently: ]"), 5000, "the suggestion");
    expect(socket.isOpen()).toBe(true);
    // Everyone else's text, the report's and the canonical text, is still the adopted one.
    expect(plain(fragmentToJson(reader.doc.getXmlFragment("finding")))).toBe(original);

    // Only those who decide may: not another delegation's member, nor (by withdrawing) someone else.
    const decide = { sectionKey: "finding", suggestionId: "s-gab" };
    expect((await post(carlos, { intent: "accept", ...decide })).status).toBe(403);
    expect((await post(carlos, { intent: "withdraw", ...decide })).status).toBe(403);
    expect((await post(lead, { intent: "accept", ...decide })).status).toBe(200);
    await waitFor(
      () => marked(reader.doc, "finding") === `Urgently: ${original}`,
      5000,
      "the accepted text everywhere",
    );
    // Decided once: a second decision finds nothing pending.
    expect((await post(lead, { intent: "reject", ...decide })).status).toBe(404);
    const audit = await (await cochair.get("/g/rmsg/audit?kind=suggestion.decided")).text();
    expect(audit).toMatch(/accepted Gabriela Núñez \(MX\)’s suggestion/);

    // The versions page says what was decided since the latest version; the next version records it.
    const versionsPath = `/g/rmsg/papers/${paperId}/versions`;
    const pending = await (await cochair.get(versionsPath)).text();
    expect(pending).toContain("Suggestions decided since the latest version: 1 accepted");
    expect(pending).toMatch(/Accepted by [^:<]+: Insert “Urgently:” — suggested by Gabriela Núñez \(MX\)/);
    const saved = await cochair.post(`/g/rmsg/papers/${paperId}`, { intent: "version", label: "Amended" });
    expect(saved.status).toBe(200);
    const recorded = await (await cochair.get(versionsPath)).text();
    expect(recorded).toContain("Suggestions decided for this version: 1 accepted");
    expect(recorded).not.toContain("since the latest version");
    socket.ws.close();
    reader.destroy();
  });

  it("takes her formatting as a suggestion only with her matching format mark; rejecting it restores the text", async () => {
    const base = await paperState(server.url, cochair.cookieString, paperId);
    const firstWord = plain(fragmentToJson(base.doc.getXmlFragment("finding"))).split(" ")[0];
    const length = firstWord.length;
    const originalRuns = runsOf(base.doc, "finding");
    // Without the mark: refused whole, nothing stored.
    const direct = await openRawSocket(server.url, paperId, gabriela.cookieString);
    direct.ws.send(
      frame(
        0,
        2,
        editOf(base.doc, "finding", (t) => t.format(0, length, { bold: {} })),
      ),
    );
    expect((await direct.closed).code).toBe(4400);
    expect((await paperState(server.url, cochair.cookieString, paperId)).state.equals(base.state)).toBe(true);

    // With it: taken, and everyone sees the word bold with her suggestion.
    const socket = await openRawSocket(server.url, paperId, gabriela.cookieString);
    socket.ws.send(
      frame(
        0,
        2,
        editOf(base.doc, "finding", (t) =>
          t.format(0, length, { bold: {}, ...formatting("s-bold", gabrielaId, ["bold"]) }),
        ),
      ),
    );
    const reader = collabClient(server.url, lead.cookieString, paperId);
    await reader.synced();
    await waitFor(
      () => runsOf(reader.doc, "finding")[0] === `${firstWord}{bold,suggestionFormat}`,
      5000,
      "the format suggestion",
    );
    expect(socket.isOpen()).toBe(true);
    // The open-vote page lists it in words (pending: no vote opens).
    const page = await (await cochair.get(`/g/rmsg/papers/${paperId}/vote`)).text();
    expect(page).toContain(`Format “${firstWord}”: bold`);

    expect(
      (await post(lead, { intent: "reject", sectionKey: "finding", suggestionId: "s-bold" })).status,
    ).toBe(200);
    await waitFor(
      () => JSON.stringify(runsOf(reader.doc, "finding")) === JSON.stringify(originalRuns),
      5000,
      "the formatting restored everywhere",
    );
    const audit = await (await cochair.get("/g/rmsg/audit?kind=suggestion.decided")).text();
    expect(audit).toContain(`Format “${firstWord}”: bold`);
    socket.ws.close();
    reader.destroy();
  });

  it("takes a new paragraph only with her paragraph suggestion; accepting keeps it as an ordinary paragraph", async () => {
    const base = await paperState(server.url, cochair.cookieString, paperId);
    const blocks = (doc: Y.Doc) => fragmentToJson(doc.getXmlFragment("finding"), "keep").content ?? [];
    const count = blocks(base.doc).length;
    const newParagraph = (suggestion: string | null) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(base.doc));
      const before = Y.encodeStateVector(copy);
      const paragraph = new Y.XmlElement("paragraph");
      if (suggestion) paragraph.setAttribute("suggestion", suggestion);
      const content = new Y.XmlText();
      content.insert(0, "A paragraph of hers.", insertion("s-par", gabrielaId));
      paragraph.insert(0, [content]);
      copy.getXmlFragment("finding").insert(1, [paragraph]);
      const update = Y.encodeStateAsUpdate(copy, before);
      copy.destroy();
      return update;
    };
    const direct = await openRawSocket(server.url, paperId, gabriela.cookieString);
    direct.ws.send(frame(0, 2, newParagraph(null)));
    expect((await direct.closed).code).toBe(4400);
    expect((await paperState(server.url, cochair.cookieString, paperId)).state.equals(base.state)).toBe(true);

    const socket = await openRawSocket(server.url, paperId, gabriela.cookieString);
    const { add: _add, remove: _remove, ...attrs } = formatting("s-par", gabrielaId, []).suggestionFormat;
    socket.ws.send(frame(0, 2, newParagraph(JSON.stringify(attrs))));
    const reader = collabClient(server.url, lead.cookieString, paperId);
    await reader.synced();
    await waitFor(() => blocks(reader.doc).length === count + 1, 5000, "the suggested paragraph");
    expect(socket.isOpen()).toBe(true);
    // The adopted text (report, canonical text) has no new paragraph yet.
    expect(fragmentToJson(reader.doc.getXmlFragment("finding")).content).toHaveLength(count);

    expect(
      (await post(lead, { intent: "accept", sectionKey: "finding", suggestionId: "s-par" })).status,
    ).toBe(200);
    await waitFor(
      () => fragmentToJson(reader.doc.getXmlFragment("finding")).content?.length === count + 1,
      5000,
      "the accepted paragraph everywhere",
    );
    expect(blocks(reader.doc)[1]).toEqual({
      type: "paragraph",
      content: [{ type: "text", text: "A paragraph of hers." }],
    });
    const audit = await (await cochair.get("/g/rmsg/audit?kind=suggestion.decided")).text();
    expect(audit).toContain("New paragraph: “A paragraph of hers.”");
    socket.ws.close();
    reader.destroy();
  });

  it("lets the lead delegation edit directly, and everyone again once the mode is Open", async () => {
    const base = await paperState(server.url, cochair.cookieString, paperId);
    const leadSocket = await openRawSocket(server.url, paperId, lead.cookieString);
    leadSocket.ws.send(
      frame(
        0,
        2,
        editOf(base.doc, "finding", (t) => t.insert(0, "Lead. ")),
      ),
    );
    const reader = collabClient(server.url, cochair.cookieString, paperId);
    await reader.synced();
    await waitFor(() => marked(reader.doc, "finding").startsWith("Lead. "), 5000, "the lead's edit");

    const socket = await openRawSocket(server.url, paperId, gabriela.cookieString);
    expect((await post(cochair, { intent: "drafting", mode: "OPEN" })).status).toBe(200);
    // Her connection, open before the change, is judged by the new mode.
    const now = await paperState(server.url, cochair.cookieString, paperId);
    socket.ws.send(
      frame(
        0,
        2,
        editOf(now.doc, "finding", (t) => t.insert(0, "Open. ")),
      ),
    );
    await waitFor(() => marked(reader.doc, "finding").startsWith("Open. Lead. "), 5000, "her direct edit");
    expect(socket.isOpen()).toBe(true);
    socket.ws.close();
    leadSocket.ws.close();
    reader.destroy();
  });
  it("refuses to open a vote while suggestions are pending, and lists them with links on the vote page", async () => {
    const labour = await paperIdByTitle(cochair, "rmsg", "Legal pathways for regional labour mobility"); // in review, led by Mexico
    const base = await paperState(server.url, cochair.cookieString, labour);
    // In review even the lead delegation only suggests: her raw direct edit is refused, her suggestion taken.
    const direct = await openRawSocket(server.url, labour, gabriela.cookieString);
    direct.ws.send(
      frame(
        0,
        2,
        editOf(base.doc, "finding", (t) => t.insert(0, "Direct. ")),
      ),
    );
    expect((await direct.closed).code).toBe(4400);
    const socket = await openRawSocket(server.url, labour, gabriela.cookieString);
    socket.ws.send(
      frame(
        0,
        2,
        editOf(base.doc, "finding", (t) => t.insert(0, "Amended: ", insertion("s-amend", gabrielaId))),
      ),
    );
    const reader = collabClient(server.url, cochair.cookieString, labour);
    await reader.synced();
    await waitFor(() => marked(reader.doc, "finding").startsWith("[+Amended: ]"), 5000, "the amendment");

    const deadline = new Date(Date.now() + 3 * 24 * 3600_000).toISOString().slice(0, 16);
    const fields = {
      kind: "CONSENSUS",
      deadline,
      timeZone: "UTC",
      tzOffset: "0",
      quorumPercent: "10",
      minSupportPercent: "50",
    };
    const refused = await cochair.post(`/g/rmsg/papers/${labour}/vote`, fields);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/suggestions are pending/);
    const page = await (await cochair.get(`/g/rmsg/papers/${labour}/vote`)).text();
    expect(page).toContain(`href="/g/rmsg/papers/${labour}#section-finding"`);
    expect(page.replace(/<!-- -->/g, "")).toMatch(/Gabriela Núñez \(MX\) — Insert “Amended:”/);

    // Decided, the vote opens on the amended text.
    expect(
      await post(cochair, { intent: "accept", sectionKey: "finding", suggestionId: "s-amend" }).then(
        (r) => r.status,
      ),
    ).toBe(404);
    const accepted = await cochair.post(`/g/rmsg/papers/${labour}/suggestions`, {
      intent: "accept",
      sectionKey: "finding",
      suggestionId: "s-amend",
    });
    expect(accepted.status).toBe(200);
    const opened = await cochair.post(`/g/rmsg/papers/${labour}/vote`, fields);
    expect(opened.status).toBe(302);
    const vote = await (await cochair.get(opened.headers.get("location")!)).text();
    expect(vote).toContain("Amended: ");
    socket.ws.close();
    reader.destroy();
  });
});

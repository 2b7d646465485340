import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { appendParagraph, collabClient, sectionText, waitFor } from "../support/collab-client";
import { paperIdByTitle } from "../support/papers";
import { databaseTargets } from "../support/services";
import { frame } from "../support/collab-fuzz";
import { openRawSocket, paperState } from "../support/raw-collab";
import { writeStoredContent } from "../support/stored-content";

// Point 1 of "trust nothing a client sends", against the real server process: an update whose content
// does not fit the document schema is refused whole (4400), nothing of it is stored or broadcast; and
// point 3: a paper that already holds oversized content (written before the check) still renders.

/** An update, independent of the paper's state, made by `change` on an empty document. */
function updateOf(change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => change(doc));
  return Y.encodeStateAsUpdate(doc);
}

function paragraphWith(fragment: Y.XmlFragment, fill: (text: Y.XmlText, element: Y.XmlElement) => void) {
  const element = new Y.XmlElement("paragraph");
  fragment.push([element]);
  const text = new Y.XmlText();
  element.insert(0, [text]);
  fill(text, element);
}

function nest(fragment: Y.XmlFragment, depth: number): void {
  let current = new Y.XmlElement("blockquote");
  fragment.push([current]);
  for (let level = 1; level < depth; level += 1) {
    const next = new Y.XmlElement("blockquote");
    current.insert(0, [next]);
    current = next;
  }
  const paragraph = new Y.XmlElement("paragraph");
  current.insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText("DEEP-TEXT at the bottom")]);
}

/** Each class of bad content, as one update a drafter could send. */
const BAD_UPDATES: [string, Uint8Array][] = [
  ["a top-level type that is no section", updateOf((d) => appendParagraph(d, "annex", "x"))],
  ["a translation fragment in the wrong language", updateOf((d) => appendParagraph(d, "finding:fr", "x"))],
  ["a map at the top level", updateOf((d) => d.getMap("settings").set("a", 1))],
  ["a plain value in a section", updateOf((d) => d.getArray("finding").push(["not an element"]))],
  ["text directly in a section", updateOf((d) => d.getXmlFragment("finding").push([new Y.XmlText("loose")]))],
  ["an unknown node", updateOf((d) => d.getXmlFragment("finding").push([new Y.XmlElement("script")]))],
  [
    "an unknown mark",
    updateOf((d) => paragraphWith(d.getXmlFragment("finding"), (t) => t.insert(0, "x", { strike: {} }))),
  ],
  [
    "an unknown attribute",
    updateOf((d) =>
      paragraphWith(d.getXmlFragment("finding"), (t, e) => {
        t.insert(0, "x");
        e.setAttribute("onclick", "alert(1)");
      }),
    ),
  ],
  [
    "a heading level out of range",
    updateOf((d) => {
      const heading = new Y.XmlElement("heading");
      d.getXmlFragment("finding").push([heading]);
      heading.setAttribute("level", 9 as never);
    }),
  ],
  [
    "a javascript: link",
    updateOf((d) =>
      paragraphWith(d.getXmlFragment("finding"), (t) => t.insert(0, "x", { link: { href: "javascript:x" } })),
    ),
  ],
  [
    "a list without items (content expression)",
    updateOf((d) => d.getXmlFragment("finding").push([new Y.XmlElement("bulletList")])),
  ],
  [
    "a paragraph inside a paragraph",
    updateOf((d) =>
      paragraphWith(d.getXmlFragment("finding"), (_t, e) => e.push([new Y.XmlElement("paragraph")])),
    ),
  ],
  ["nesting 65 deep", updateOf((d) => nest(d.getXmlFragment("finding"), 65))],
  ["nesting 20,000 deep", updateOf((d) => nest(d.getXmlFragment("finding"), 20_000))],
];

const database = databaseTargets().at(-1)!;

describe(`the document schema at the collaboration server (${database})`, () => {
  let server: TestServer;
  let member: HttpClient;
  let paperId: string;

  beforeAll(async () => {
    server = await startServer({ database });
    member = new HttpClient(server.url);
    await member.login(DEMO.memberSv);
    // A draft her delegation leads: she edits it directly (a paper in review takes only suggestions).
    paperId = await paperIdByTitle(member, "rmsg", "Cheaper and safer remittances");
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("refuses every class of content outside the schema whole: 4400, nothing stored, nothing broadcast", async () => {
    const bystander = collabClient(server.url, member.cookieString, paperId);
    await bystander.synced();
    const received: Uint8Array[] = [];
    bystander.doc.on("update", (update: Uint8Array) => received.push(update));
    const before = await paperState(server.url, member.cookieString, paperId);
    for (const [what, update] of BAD_UPDATES) {
      const socket = await openRawSocket(server.url, paperId, member.cookieString);
      socket.ws.send(frame(0, 2, update));
      const { code, reason } = await socket.closed;
      expect(code, what).toBe(4400);
      expect(reason, what).toMatch(/not saved/);
    }
    // A good edit after them all arrives: the bad ones, sent earlier on the same server, never did.
    const writer = collabClient(server.url, member.cookieString, paperId);
    await writer.synced();
    appendParagraph(writer.doc, "implementation", "A sentence that fits the schema.");
    await waitFor(
      () => sectionText(bystander.doc, "implementation").includes("A sentence that fits the schema."),
      5000,
      "the good edit to reach the bystander",
    );
    expect(received).toHaveLength(1);
    writer.destroy();
    bystander.destroy();
    const after = await paperState(server.url, member.cookieString, paperId);
    for (const name of ["annex", "finding:fr", "settings"])
      expect(after.doc.share.has(name), name).toBe(false);
    expect(sectionText(after.doc, "finding")).toBe(sectionText(before.doc, "finding"));
    expect(after.doc.getXmlFragment("finding").length).toBe(before.doc.getXmlFragment("finding").length);
  });

  it("still renders a paper that already holds content nested 20,000 deep, and keeps it editable", async () => {
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
    const deepId = await paperIdByTitle(cochair, "rmsg", "Protection systems for people on the move");
    await writeStoredContent(server, deepId, (doc) => nest(doc.getXmlFragment("evidence"), 20_000));
    await cochair.login(DEMO.cochairMx);
    const page = await cochair.get(`/g/rmsg/papers/${deepId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("DEEP-TEXT at the bottom");
    const saved = await cochair.post(`/g/rmsg/papers/${deepId}`, {
      intent: "version",
      label: "With deep content",
    });
    expect(saved.status).toBe(200);
    const versions = await (await cochair.get(`/g/rmsg/papers/${deepId}/versions`)).text();
    const number = /\/versions\/(\d+)"/.exec(versions)![1];
    const version = await cochair.get(`/g/rmsg/papers/${deepId}/versions/${number}`);
    expect(version.status).toBe(200);
    expect(await version.text()).toContain("DEEP-TEXT at the bottom");
    // The section stays editable from the app. (Deleting the deep block itself is beyond Yjs: its garbage
    // collection of a deleted subtree recurses, so such a block is refused at the door, see above.)
    const editor = collabClient(server.url, cochair.cookieString, deepId);
    await editor.synced();
    appendParagraph(editor.doc, "evidence", "Repaired.");
    const reader = collabClient(server.url, cochair.cookieString, deepId);
    await reader.synced();
    await waitFor(() => sectionText(reader.doc, "evidence").includes("Repaired."), 5000, "the repair");
    expect(editor.provider.wsconnected).toBe(true);
    editor.destroy();
    reader.destroy();
  });
});

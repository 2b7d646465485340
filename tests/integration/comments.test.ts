import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { collabClient, waitFor } from "../support/collab-client";
import { paperIdByTitle } from "../support/papers";
import { databaseTargets } from "../support/services";
import { encodePosition, flattenFragment, rangeFromOffsets } from "~/modules/comments/anchors";
import { t } from "~/i18n/messages";

const LABOUR = "Legal pathways for regional labour mobility";
const PROTECTION = "Protection systems for people on the move";
const RETURN = "Return and reintegration of migrants";

describe.each(databaseTargets())("comment threads (%s)", (database) => {
  let server: TestServer;
  const clients = new Map<string, HttpClient>();
  beforeAll(async () => {
    server = await startServer({ database });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function as(email: string): Promise<HttpClient> {
    let client = clients.get(email);
    if (!client) {
      client = new HttpClient(server.url);
      await client.login(email);
      clients.set(email, client);
    }
    return client;
  }

  async function paper(title: string): Promise<string> {
    return paperIdByTitle(await as(DEMO.secretariat), "rmsg", title);
  }

  /** Encoded anchors on `words` in a section, read from the live document like the editor would. */
  async function anchorOn(paperId: string, section: string, words: string) {
    const client = await as(DEMO.secretariat);
    const reader = collabClient(server.url, client.cookieString, paperId);
    await reader.synced();
    const fragment = reader.doc.getXmlFragment(section);
    const from = flattenFragment(fragment).text.indexOf(words);
    if (from < 0) throw new Error(`no "${words}" in ${section}`);
    const range = rangeFromOffsets(fragment, from, from + words.length)!;
    const anchor = {
      anchorStart: encodePosition(range.start),
      anchorEnd: encodePosition(range.end),
      quote: words,
    };
    reader.destroy();
    return anchor;
  }

  async function post(email: string, paperId: string, form: Record<string, string>) {
    const response = await (await as(email)).post(`/g/rmsg/papers/${paperId}/threads`, form);
    const text = await response.text();
    let body: { ok?: boolean; error?: string; threadId?: string };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // Error responses of the policy are JSON too; anything else is kept as text for the assertion.
      body = { error: text };
    }
    return { status: response.status, body };
  }

  async function create(
    email: string,
    paperId: string,
    body: string,
    anchor?: Record<string, string>,
    sectionKey = "recommendation",
  ) {
    return post(email, paperId, { intent: "create", sectionKey, body, ...(anchor ?? {}) });
  }

  async function page(email: string, paperId: string): Promise<string> {
    return (await (await as(email)).get(`/g/rmsg/papers/${paperId}`)).text();
  }

  async function unread(email: string): Promise<number> {
    const html = await (await (await as(email)).get("/inbox")).text();
    const match = /<span class="visually-hidden"> \((\d+) unread\)<\/span>/.exec(
      html.replaceAll("<!-- -->", ""),
    );
    return match ? Number(match[1]) : 0;
  }

  it("anchors a thread to the selected words and lists it on the paper with its quote", async () => {
    const paperId = await paper(LABOUR);
    const anchor = await anchorOn(paperId, "recommendation", "temporary work visas");
    const created = await create(
      DEMO.memberMx,
      paperId,
      "Should this say seasonal rather than temporary?",
      anchor,
    );
    expect(created.status).toBe(200);
    expect(created.body.ok).toBe(true);
    const html = await page(DEMO.memberUs, paperId);
    expect(html).toContain("temporary work visas");
    expect(html).toContain("Should this say seasonal rather than temporary?");
    expect(html).toContain(`id="thread-${created.body.threadId}"`);
  });

  it("applies the permission table to every thread action", async () => {
    const paperId = await paper(PROTECTION);
    const authored = await create(
      DEMO.memberGt,
      paperId,
      "A thread by a Guatemalan member.",
      undefined,
      "finding",
    );
    const threadId = authored.body.threadId!;
    const commentId = /name="commentId" value="([^"]+)"/.exec(await page(DEMO.memberGt, paperId))![1];

    // who → [create, reply, resolve someone else's thread, reopen it, edit someone else's comment, delete it]
    const table: Record<string, number[]> = {
      [DEMO.cochairUs]: [200, 200, 200, 200, 403, 403],
      [DEMO.memberUs]: [200, 200, 403, 403, 403, 403],
      [DEMO.secretariat]: [200, 200, 200, 200, 403, 403],
      [DEMO.observer]: [403, 403, 403, 403, 403, 403],
    };
    for (const [email, expected] of Object.entries(table)) {
      const actual = [
        (await create(email, paperId, `A new thread by ${email}.`, undefined, "finding")).status,
        (await post(email, paperId, { intent: "reply", threadId, body: `A reply by ${email}.` })).status,
        (await post(email, paperId, { intent: "resolve", threadId })).status,
        (await post(email, paperId, { intent: "reopen", threadId })).status,
        (await post(email, paperId, { intent: "edit", commentId, body: "Rewritten by someone else." }))
          .status,
        (await post(email, paperId, { intent: "delete", commentId })).status,
      ];
      expect(actual, email).toEqual(expected);
    }
    // The author resolves and reopens their own thread, and edits their own words.
    expect((await post(DEMO.memberGt, paperId, { intent: "resolve", threadId })).status).toBe(200);
    expect((await post(DEMO.memberGt, paperId, { intent: "reopen", threadId })).status).toBe(200);
    expect(
      (
        await post(DEMO.memberGt, paperId, {
          intent: "edit",
          commentId,
          body: "A thread by a Guatemalan member, edited.",
        })
      ).status,
    ).toBe(200);
    const html = await page(DEMO.memberUs, paperId);
    expect(html).toContain("A thread by a Guatemalan member, edited.");
    expect(html).not.toContain("Rewritten by someone else.");
    expect(html).not.toContain("A new thread by observer@example.org.");

    // Someone outside a group learns nothing: the same URL under another group is 404.
    expect(
      (
        await (
          await as(DEMO.cochairUs)
        ).post(`/g/remesas/papers/${paperId}/threads`, { intent: "reply", threadId, body: "x" })
      ).status,
    ).toBe(404);
    // A thread of another paper is not reachable through this one.
    const other = await paper(LABOUR);
    expect((await post(DEMO.cochairUs, other, { intent: "resolve", threadId })).status).toBe(404);
  });

  it("leaves 'comment deleted' in the thread when a writer deletes their comment", async () => {
    const paperId = await paper(PROTECTION);
    const created = await create(
      DEMO.memberHn,
      paperId,
      "Words Carlos will take back.",
      undefined,
      "recommendation",
    );
    await post(DEMO.memberSv, paperId, {
      intent: "reply",
      threadId: created.body.threadId!,
      body: "A reply that stays.",
    });
    const html = await page(DEMO.memberHn, paperId);
    const thread = html.slice(html.indexOf(`id="thread-${created.body.threadId}"`));
    const commentId = /name="commentId" value="([^"]+)"/.exec(thread)![1];
    expect((await post(DEMO.memberHn, paperId, { intent: "delete", commentId })).status).toBe(200);
    const after = await page(DEMO.memberUs, paperId);
    expect(after).not.toContain("Words Carlos will take back.");
    expect(after).toContain("Comment deleted");
    expect(after).toContain("A reply that stays.");
    // Deleted once is deleted: no second delete, no edit of a deleted comment.
    expect(
      (await post(DEMO.memberHn, paperId, { intent: "edit", commentId, body: "Back again" })).status,
    ).toBe(404);
  });

  it("shows <script> and <img onerror> in a comment as text, never as HTML", async () => {
    const paperId = await paper(PROTECTION);
    const body = `<script>window.pwned=1</script> and <img src=x onerror="window.pwned=2"> from @Carlos Mejía`;
    expect((await create(DEMO.memberMx, paperId, body, undefined, "actions")).status).toBe(200);
    for (const html of [
      await page(DEMO.memberUs, paperId),
      await (await (await as(DEMO.memberHn)).get("/inbox")).text(),
    ]) {
      expect(html).toContain("&lt;script&gt;window.pwned=1&lt;/script&gt;");
      expect(html).toContain("&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;");
      expect(html).not.toContain("<script>window.pwned");
      expect(html).not.toMatch(/<img[^>]*onerror/);
    }
  });

  it("refuses an over-long or empty comment with a message and stores nothing", async () => {
    const paperId = await paper(PROTECTION);
    const marker = "Overlong-marker-";
    const tooLong = await create(DEMO.memberUs, paperId, marker + "x".repeat(4001), undefined, "evidence");
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toBe("comments.bodyTooLong");
    expect(t("en", "comments.bodyTooLong")).toContain("4,000 characters");
    const exactly = await create(DEMO.memberUs, paperId, "y".repeat(4000), undefined, "evidence");
    expect(exactly.status).toBe(200);
    const reply = await post(DEMO.memberUs, paperId, {
      intent: "reply",
      threadId: exactly.body.threadId!,
      body: marker + "z".repeat(4001),
    });
    expect(reply.status).toBe(400);
    const empty = await create(DEMO.memberUs, paperId, "   \n  ", undefined, "evidence");
    expect(empty.body.error).toBe("comments.bodyRequired");
    const html = await page(DEMO.memberUs, paperId);
    expect(html).not.toContain(marker);
    expect(html.match(/class="thread[ "]/g)?.length).toBeGreaterThan(0);
  });

  it("notifies mentions and replies to one's thread, never one's own actions", async () => {
    const paperId = await paper(RETURN);
    const gabriela = DEMO.memberMx;
    const carlos = DEMO.memberHn;
    const [gabrielaBefore, carlosBefore, anaBefore] = [
      await unread(gabriela),
      await unread(carlos),
      await unread(DEMO.memberGt),
    ];

    // Gabriela mentions Carlos and herself: Carlos hears of it, she does not.
    const thread = await create(
      gabriela,
      paperId,
      "@Carlos Mejía can Honduras commit to this? cc @Gabriela Núñez",
      undefined,
      "finding",
    );
    expect(await unread(carlos)).toBe(carlosBefore + 1);
    expect(await unread(gabriela)).toBe(gabrielaBefore);
    // Her own reply to her own thread tells nobody.
    await post(gabriela, paperId, {
      intent: "reply",
      threadId: thread.body.threadId!,
      body: "Adding the source later.",
    });
    expect(await unread(gabriela)).toBe(gabrielaBefore);
    expect(await unread(carlos)).toBe(carlosBefore + 1);
    // Carlos replies: Gabriela hears of the reply.
    await post(carlos, paperId, {
      intent: "reply",
      threadId: thread.body.threadId!,
      body: "Yes, in the second year.",
    });
    expect(await unread(gabriela)).toBe(gabrielaBefore + 1);
    // A reply that mentions the thread's author notifies her once, as a mention; Ana is mentioned too.
    await post(carlos, paperId, {
      intent: "reply",
      threadId: thread.body.threadId!,
      body: "@Gabriela Núñez and @ana sofia chavez, agreed?",
    });
    expect(await unread(gabriela)).toBe(gabrielaBefore + 2);
    expect(await unread(DEMO.memberGt)).toBe(anaBefore + 1);

    const inbox = await (await (await as(gabriela)).get("/inbox")).text();
    expect(inbox).toContain("Carlos Mejía mentioned you");
    expect(inbox).toContain("Carlos Mejía replied to your thread");
    expect(inbox.indexOf("Carlos Mejía mentioned you")).toBeLessThan(
      inbox.indexOf("Carlos Mejía replied to your thread"),
    );
    // Unread notices pass by /inbox/:id/open, which marks them read on the way to their place.
    expect(inbox).toMatch(/href="\/inbox\/[^/"]+\/open"/);

    // The "mentioning me" filter knows which threads mention Ana.
    expect((await page(DEMO.memberGt, paperId)).replace(/<!-- -->/g, "")).toMatch(
      /Mentioning me\s*<span class="muted">\(1\)/,
    );

    // Marking one read, then all.
    const id = /name="id" value="([^"]+)"/.exec(inbox)![1];
    expect((await (await as(gabriela)).post("/inbox", { intent: "read", id })).status).toBe(200);
    expect(await unread(gabriela)).toBe(gabrielaBefore + 1);
    // Someone else's notification id changes nothing for them.
    await (
      await as(carlos)
    ).post("/inbox", { intent: "read", id: /name="id" value="([^"]+)"/.exec(inbox)![1] });
    expect((await (await as(gabriela)).post("/inbox", { intent: "readAll" })).status).toBe(200);
    expect(await unread(gabriela)).toBe(0);
    // Read notices link straight to the thread.
    expect(await (await (await as(gabriela)).get("/inbox")).text()).toContain(
      `/g/rmsg/papers/${paperId}#thread-${thread.body.threadId}`,
    );
    expect(await (await (await as(gabriela)).get("/inbox")).text()).toContain("Everything is read.");
  });

  it("keeps a thread whose words were deleted, as 'text removed' with its quote, in document order", async () => {
    const paperId = await paper(LABOUR);
    const later = await anchorOn(paperId, "evidence", "close to zero");
    const earlier = await anchorOn(paperId, "finding", "legal channels do not supply");
    // Created in the opposite order of the text.
    await create(DEMO.memberSv, paperId, "Evidence thread: source?", later, "evidence");
    await create(DEMO.memberSv, paperId, "Finding thread: too strong?", earlier, "finding");
    let html = await page(DEMO.memberSv, paperId);
    expect(html.indexOf("Finding thread: too strong?")).toBeLessThan(
      html.indexOf("Evidence thread: source?"),
    );

    // The demo has this paper in review, where every change is a suggestion; back to draft to delete words.
    expect(
      (
        await (
          await as(DEMO.secretariat)
        ).post(`/g/rmsg/papers/${paperId}`, {
          intent: "status",
          status: "DRAFT",
        })
      ).status,
    ).toBe(200);
    const editor = collabClient(server.url, (await as(DEMO.memberSv)).cookieString, paperId);
    await editor.synced();
    const fragment = editor.doc.getXmlFragment("evidence");
    const flat = flattenFragment(fragment);
    const at = flat.text.indexOf("close to zero");
    const node = flat.texts.find((text) => at >= text.offset && at < text.offset + text.length)!;
    node.node.delete(at - node.offset, "close to zero".length);
    await waitFor(
      () => !flattenFragment(editor.doc.getXmlFragment("evidence")).text.includes("close to zero"),
      2000,
      "local delete",
    );
    // Pages read the live document: the deletion shows as soon as the server has it.
    await expect
      .poll(async () => (html = await page(DEMO.memberSv, paperId)).includes("Text removed"), {
        timeout: 5000,
      })
      .toBe(true);
    editor.destroy();
    const card = html.slice(
      html.indexOf("Evidence thread: source?") - 2000,
      html.indexOf("Evidence thread: source?"),
    );
    expect(card).toContain("Text removed");
    expect(card).toContain("close to zero");
  });

  it("refuses comments and resolutions on a withdrawn paper", async () => {
    const paperId = await paper(RETURN);
    const before = await create(DEMO.memberUs, paperId, "Before withdrawal.", undefined, "finding");
    expect(before.status).toBe(200);
    expect(
      (
        await (
          await as(DEMO.secretariat)
        ).post(`/g/rmsg/papers/${paperId}`, { intent: "status", status: "WITHDRAWN" })
      ).status,
    ).toBe(200);
    const after = await create(DEMO.memberUs, paperId, "After withdrawal.", undefined, "finding");
    expect(after.status).toBe(409);
    expect(after.body.error).toBe("comments.paperClosed");
    expect(
      (await post(DEMO.memberUs, paperId, { intent: "resolve", threadId: before.body.threadId! })).status,
    ).toBe(409);
    expect(await page(DEMO.memberUs, paperId)).toContain(
      "This paper was withdrawn: its discussion is closed.",
    );
  });

  it("streams new threads, replies and resolutions to an open page as server-sent events", async () => {
    const paperId = await paper(PROTECTION);
    const listener = await as(DEMO.memberSv);
    const controller = new AbortController();
    const response = await fetch(`${server.url}/g/rmsg/papers/${paperId}/events`, {
      headers: { Cookie: listener.cookieString },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let received = "";
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 3000;
      while (!received.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no ${needle} in ${received}`);
        const { value } = await reader.read();
        received += new TextDecoder().decode(value);
      }
    };
    await readUntil("event: hello");
    const started = Date.now();
    const created = await create(DEMO.cochairMx, paperId, "Live thread.", undefined, "implementation");
    await readUntil(`"threadId":"${created.body.threadId}","change":"created"`);
    expect(received).toContain("event: thread");
    await post(DEMO.memberUs, paperId, {
      intent: "reply",
      threadId: created.body.threadId!,
      body: "Live reply.",
    });
    await readUntil("event: comment");
    await post(DEMO.cochairMx, paperId, { intent: "resolve", threadId: created.body.threadId! });
    await readUntil('"change":"resolved"');
    expect(Date.now() - started).toBeLessThan(3000);
    // Event frames carry ids only: the text of comments is fetched with the reader's permissions.
    expect(received).not.toContain("Live reply.");
    controller.abort();
  });
});

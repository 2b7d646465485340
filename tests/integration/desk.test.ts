// The desk, as a signed-in person sees it: what waits for their stance, replies to their threads and
// the messages about them, their delegation's papers and their groups, on both databases. Its reads are
// plain SQL asked side by side (app/modules/desk/desk.server.ts); tests/integration/desk-activity.test.ts
// covers the recent activity block.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, HttpClient } from "../support/http-client";
import { createPaper } from "../support/papers";
import { startServer, type TestServer } from "../support/server";
import { databaseTargets } from "../support/services";

/** One block of the desk's HTML, by its heading's id. */
async function deskBlock(client: HttpClient, id: string): Promise<string> {
  const response = await client.get("/");
  expect(response.status).toBe(200);
  const html = await response.text();
  const block = new RegExp(`id="${id}"[\\s\\S]*?</section>`).exec(html)?.[0];
  if (!block) throw new Error(`no ${id} block on the desk`);
  return block;
}

describe.each(databaseTargets())("the desk (%s)", (database) => {
  let server: TestServer;
  let sec: HttpClient;
  let us: HttpClient;
  let mx: HttpClient;

  beforeAll(async () => {
    server = await startServer({ database });
    [sec, us, mx] = [0, 1, 2].map(() => new HttpClient(server.url));
    await Promise.all([
      sec.login(DEMO.secretariat),
      us.login(DEMO.memberUs),
      mx.login(DEMO.memberMx, undefined, "es"),
    ]);
  }, 120_000);

  afterAll(async () => {
    await server?.dispose();
  });

  async function thread(client: HttpClient, paperId: string, form: Record<string, string>) {
    const response = await client.post(`/g/rmsg/papers/${paperId}/threads`, form);
    expect(response.status).toBe(200);
    return JSON.parse(await response.text()) as { ok: boolean; threadId?: string };
  }

  it("lists the open vote waiting for the person's stance, their delegation's papers and their groups", async () => {
    const decisions = await deskBlock(us, "desk-decisions");
    expect(decisions).toContain("Fair recruitment without fees");
    expect(decisions).toMatch(/href="\/g\/rmsg\/votes\/[A-Za-z0-9_-]+"/);
    // The secretariat is no eligible voter: nothing waits for it.
    expect(await deskBlock(sec, "desk-decisions")).not.toContain("/votes/");

    expect(await deskBlock(us, "desk-papers")).toContain("Fair recruitment without fees");
    // Mexico leads other papers; its delegate reads their Spanish titles.
    const mexican = await deskBlock(mx, "desk-papers");
    expect(mexican).toContain("Consulados móviles para quienes trabajan en el exterior");
    expect(mexican).not.toContain("Fair recruitment without fees");

    expect(await deskBlock(us, "desk-groups")).toContain("Regional Migration Study Group");
  });

  it("shows others' replies to the person's thread, and the message, until the person answers", async () => {
    const title = `Desk replies ${database}`;
    const paperId = await createPaper(sec, "rmsg", title);
    const { threadId } = await thread(us, paperId, {
      intent: "create",
      sectionKey: "finding",
      body: "Should the finding name the recruiters' registry?",
    });
    expect(threadId).toBeTruthy();
    expect(await deskBlock(us, "desk-threads")).not.toContain(title);

    await thread(mx, paperId, { intent: "reply", threadId: threadId!, body: "Sí, el registro público." });
    await thread(mx, paperId, { intent: "reply", threadId: threadId!, body: "Y su fecha de actualización." });
    const threads = await deskBlock(us, "desk-threads");
    expect(threads).toContain(title);
    expect(threads).toContain(`href="/g/rmsg/papers/${paperId}#thread-${threadId}"`);
    expect(threads).toMatch(/New replies: (?:<!-- -->)?2/);

    const messages = await deskBlock(us, "desk-messages");
    expect(messages).toContain("Gabriela Núñez replied in a thread you follow");
    expect(messages).toContain("Y su fecha de actualización.");

    // The person answers: nothing newer than their own comment is left.
    await thread(us, paperId, { intent: "reply", threadId: threadId!, body: "Agreed, both." });
    expect(await deskBlock(us, "desk-threads")).not.toContain(title);
    // Their own threads only: the one who replied sees none of it as theirs.
    expect(await deskBlock(mx, "desk-threads")).not.toContain(title);
  });
});

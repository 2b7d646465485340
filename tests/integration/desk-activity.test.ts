import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { createPaper } from "../support/papers";
import { databaseTargets } from "../support/services";

/** The desk's "Recent activity" block as text: each entry's paper title and its count of new comments. */
async function recentActivity(client: HttpClient): Promise<Map<string, number>> {
  const html = await (await client.get("/")).text();
  const block = /id="desk-activity"[\s\S]*?<\/section>/.exec(html)?.[0];
  if (!block) throw new Error("no recent activity block on the desk");
  const entries = new Map<string, number>();
  for (const item of block.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)) {
    const title = /<a [^>]*>([^<]+)<\/a>/.exec(item[1])?.[1] ?? "";
    const count = /New comments: (?:<!-- -->)?(\d+)/.exec(item[1])?.[1];
    entries.set(title, Number(count));
  }
  return entries;
}

async function comment(client: HttpClient, paperId: string, body: string): Promise<void> {
  const response = await client.post(`/g/rmsg/papers/${paperId}/threads`, {
    intent: "create",
    sectionKey: "finding",
    body,
  });
  expect(response.status).toBe(200);
}

describe.each(databaseTargets())("the desk's recent activity (%s)", (database) => {
  let server: TestServer;
  let sec: HttpClient;
  let memberSv: HttpClient;
  let memberHn: HttpClient;

  beforeAll(async () => {
    server = await startServer({ database });
    [sec, memberSv, memberHn] = [0, 1, 2].map(() => new HttpClient(server.url));
    await Promise.all([
      sec.login(DEMO.secretariat),
      memberSv.login(DEMO.memberSv),
      memberHn.login(DEMO.memberHn),
    ]);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("shows others' new comments on papers the person created or commented on, and nothing else", async () => {
    const one = await createPaper(sec, "rmsg", "Activity check one");
    const two = await createPaper(sec, "rmsg", "Activity check two");
    await comment(memberSv, one, "El Salvador asks for the 2024 remittance figures.");
    await comment(memberHn, one, "Honduras can share the central bank series.");
    await comment(memberHn, two, "Honduras proposes a second finding.");

    // El Salvador commented on the first paper only: Honduras's comment there is news, her own is not.
    const sv = await recentActivity(memberSv);
    expect(sv.get("Activity check one")).toBe(1);
    expect(sv.has("Activity check two")).toBe(false);
    // The secretariat created both: every comment by someone else counts.
    const secretariatDesk = await recentActivity(sec);
    expect(secretariatDesk.get("Activity check one")).toBe(2);
    expect(secretariatDesk.get("Activity check two")).toBe(1);
    // Honduras wrote every comment on the second paper and one on the first: only El Salvador's is news.
    const hn = await recentActivity(memberHn);
    expect(hn.get("Activity check one")).toBe(1);
    expect(hn.has("Activity check two")).toBe(false);
  });
});

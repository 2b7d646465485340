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

/** The group dashboard's participation table: per delegation, [stances, comments, edits, total]. */
async function participation(client: HttpClient): Promise<Map<string, number[]>> {
  const html = await (await client.get("/g/rmsg")).text();
  const table = /id="participation-table"[\s\S]*?<\/table>/.exec(html)?.[0];
  if (!table) throw new Error("no participation table on the group page");
  const rows = new Map<string, number[]>();
  for (const row of table.matchAll(/<tr[^>]*><th scope="row">([^<]+)<\/th>([\s\S]*?)<\/tr>/g))
    rows.set(
      row[1],
      [...row[2].matchAll(/<td[^>]*>(\d+)<\/td>/g)].map((cell) => Number(cell[1])),
    );
  return rows;
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

  it("counts the group's participation per delegation: each comment, and each paper created", async () => {
    const cochairMx = new HttpClient(server.url);
    await cochairMx.login(DEMO.cochairMx);
    const before = await participation(sec);
    const paper = await createPaper(cochairMx, "rmsg", "Participation check");
    await comment(memberHn, paper, "Honduras asks for the 2023 figures.");
    await comment(memberHn, paper, "Honduras adds the central bank's note.");
    await comment(memberSv, paper, "El Salvador agrees with both.");
    const after = await participation(sec);
    const change = (delegation: string) =>
      after.get(delegation)!.map((count, i) => count - before.get(delegation)![i]);
    // Stances, comments, edits, total.
    expect(change("Honduras")).toEqual([0, 2, 0, 2]);
    expect(change("El Salvador")).toEqual([0, 1, 0, 1]);
    expect(change("Mexico")).toEqual([0, 0, 1, 1]);
    expect(change("United States")).toEqual([0, 0, 0, 0]);
  });
});

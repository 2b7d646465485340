import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { loadStoredDoc } from "~/modules/documents/doc-store.server";
import { marked } from "../support/suggestion-text";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { collabClient, waitFor } from "../support/collab-client";
import { paperIdByTitle, voteTextHash } from "../support/papers";
import { databaseTargets } from "../support/services";
import { frame } from "../support/collab-fuzz";
import { openRawSocket, paperState } from "../support/raw-collab";

// "Ask the group" against the real server: a silence procedure on one suggestion of the demo paper in
// Penholder mode, closed by the scheduler at its deadline, decides the suggestion in the text that live
// editors see and that is stored, and the audit chain says so. Refusals change nothing.

const PAPER = "Labour inspection across borders"; // a Penholder draft led by Guatemala
const MX_SUGGESTION = { sectionKey: "recommendation", suggestionId: "seed-mx-1" }; // "should" → "shall" (member.mx)
const HN_SUGGESTION = { sectionKey: "finding", suggestionId: "seed-hn-1" }; // an insertion (member.hn)
const HN_WORDS = ", so abuses that start at home are found, if ever, abroad";

/** A deadline `seconds` from now as the dialog sends it (a wall time, here in UTC). */
function deadlineIn(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString().slice(0, 19);
}

const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replace(/ ([:.,])/g, "$1");

describe.each(databaseTargets())("asking the group about a suggestion (%s)", (database) => {
  let server: TestServer;
  let paperId: string;
  const people = new Map<string, HttpClient>();

  async function as(email: string): Promise<HttpClient> {
    if (!people.has(email)) {
      const client = new HttpClient(server.url);
      await client.login(email);
      people.set(email, client);
    }
    return people.get(email)!;
  }
  const suggestions = () => `/g/rmsg/papers/${paperId}/suggestions`;
  async function ask(email: string, fields: Record<string, string>): Promise<Response> {
    return (await as(email)).post(suggestions(), { intent: "askGroup", timeZone: "UTC", ...fields });
  }
  async function askedVoteId(response: Response): Promise<string> {
    const body = (await response.json()) as { ok: boolean; voteId?: string; error?: string };
    expect(body, JSON.stringify(body)).toMatchObject({ ok: true });
    return body.voteId!;
  }
  async function auditText(kind?: string): Promise<string> {
    const cochair = await as(DEMO.cochairGt);
    return text(await (await cochair.get(`/g/rmsg/audit${kind ? `?kind=${kind}` : ""}`)).text());
  }
  async function closedVotePage(voteId: string, timeoutMs = 20_000): Promise<string> {
    const cochair = await as(DEMO.cochairGt);
    const start = Date.now();
    for (;;) {
      const page = text(await (await cochair.get(`/g/rmsg/votes/${voteId}`)).text());
      if (page.includes("Outcome")) return page;
      if (Date.now() - start > timeoutMs)
        throw new Error(`vote ${voteId} did not close:\n${page.slice(0, 600)}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  beforeAll(async () => {
    server = await startServer({
      database,
      env: { SUGGESTION_VOTE_MIN_LEAD_SECONDS: "2", VOTE_SCHEDULER_MS: "300" },
    });
    paperId = await paperIdByTitle(await as(DEMO.cochairGt), "rmsg", PAPER);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("refuses bad 'accept or reject several' requests with a clear 4xx and changes nothing", async () => {
    const state = async () => {
      const { doc } = await paperState(server.url, (await as(DEMO.cochairGt)).cookieString, paperId);
      return `${marked(doc, "finding")}\n${marked(doc, "recommendation")}`;
    };
    const before = await state();
    expect(before).toContain("[-should][+shall]");
    const refusals: [string, string, Record<string, string>, number][] = [
      ["another delegation's member", DEMO.memberHn, { intent: "acceptAll" }, 403],
      ["an observer", DEMO.observer, { intent: "rejectAll" }, 403],
      ["an unknown section", DEMO.memberGt, { intent: "acceptAll", sectionKey: "nope" }, 404],
      ["an unknown intent", DEMO.memberGt, { intent: "acceptSome" }, 400],
      ["an overlong author id", DEMO.memberGt, { intent: "rejectAll", authorId: "x".repeat(65) }, 400],
    ];
    for (const [what, email, form, status] of refusals) {
      const response = await (await as(email)).post(suggestions(), form);
      expect(response.status, what).toBe(status);
      const body = (await response.json()) as { ok: boolean; error?: string };
      expect(body.ok, what).toBe(false);
      expect(body.error, what).toBeTruthy();
    }
    // An author with nothing pending: nothing to decide, nothing changed.
    const none = await (
      await as(DEMO.memberGt)
    ).post(suggestions(), {
      intent: "acceptAll",
      authorId: "no-such-person",
    });
    expect(await none.json()).toMatchObject({ ok: true, count: 0 });
    expect(await state()).toBe(before);
  });

  it("refuses bad requests with a clear 4xx and changes nothing", async () => {
    const before = await paperState(server.url, (await as(DEMO.cochairGt)).cookieString, paperId);
    const auditBefore = await auditText("suggestion.group_asked");
    const hour = deadlineIn(3600);
    const refusals: [string, string, Record<string, string>, number, string][] = [
      [
        "an unknown suggestion",
        DEMO.member2Mx,
        { sectionKey: "recommendation", suggestionId: "nope", deadline: hour },
        404,
        "suggestions.gone",
      ],
      [
        "a suggestion named in another section",
        DEMO.member2Mx,
        { sectionKey: "finding", suggestionId: "seed-mx-1", deadline: hour },
        404,
        "suggestions.gone",
      ],
      ["an observer", DEMO.observer, { ...MX_SUGGESTION, deadline: hour }, 403, "errors.forbidden"],
      // Neither Mexico (the author's delegation) nor the penholder (Guatemala) nor a convener.
      [
        "a third delegation's member",
        DEMO.memberSv,
        { ...MX_SUGGESTION, deadline: hour },
        403,
        "errors.forbidden",
      ],
      [
        "a deadline too soon",
        DEMO.member2Mx,
        { ...MX_SUGGESTION, deadline: deadlineIn(0) },
        400,
        "askGroup.deadlineTooSoon",
      ],
      [
        "a deadline too far",
        DEMO.member2Mx,
        { ...MX_SUGGESTION, deadline: deadlineIn(15 * 24 * 3600) },
        400,
        "askGroup.deadlineTooFar",
      ],
      [
        "no deadline at all",
        DEMO.member2Mx,
        { ...MX_SUGGESTION, deadline: "soon" },
        400,
        "votes.deadlineInvalid",
      ],
      [
        "a note too long",
        DEMO.member2Mx,
        { ...MX_SUGGESTION, deadline: hour, note: "x".repeat(1001) },
        400,
        "askGroup.noteTooLong",
      ],
    ];
    for (const [what, who, fields, status, key] of refusals) {
      const response = await ask(who, fields);
      expect(response.status, what).toBe(status);
      // A message key the card shows in the person's language.
      expect(((await response.json()) as { ok: boolean; error: string }).error, what).toBe(key);
    }
    const after = await paperState(server.url, (await as(DEMO.cochairGt)).cookieString, paperId);
    expect(after.state.equals(before.state)).toBe(true);
    expect(await auditText("suggestion.group_asked")).toBe(auditBefore);
  });

  it("silence kept: the scheduler closes it at its deadline and the suggestion is accepted, live and stored", async () => {
    const reader = collabClient(server.url, (await as(DEMO.memberUs)).cookieString, paperId);
    await reader.synced();
    expect(marked(reader.doc, "recommendation")).toContain("Labour ministries [-should][+shall] share");

    // Someone of the author's delegation (Mexico) asks; the deadline leaves time for the checks below.
    const asked = await ask(DEMO.member2Mx, {
      ...MX_SUGGESTION,
      deadline: deadlineIn(15),
      note: "Guatemala prefers “should”; let the group decide.",
    });
    expect(asked.status).toBe(200);
    const voteId = await askedVoteId(asked);
    const lead = await as(DEMO.cochairGt);

    // Read first, while it is surely open. The paper page knows the procedure (its card says so); the
    // vote page shows the change in words.
    expect(await (await lead.get(`/g/rmsg/papers/${paperId}`)).text()).toContain(voteId);
    const page = text(await (await lead.get(`/g/rmsg/votes/${voteId}`)).text());
    expect(page).toContain("Silence procedure on a suggestion in “Labour inspection across borders”");
    expect(page).toContain("Replace “should” with “shall”");
    expect(page).toContain("Suggested by Gabriela Núñez (MX) · Section: Recommendation");
    expect(page).toContain("Guatemala prefers “should”; let the group decide.");
    expect(page).toContain("Break silence");
    expect(page).toContain("one break ends the silence and the suggestion is rejected");
    expect(page).not.toContain("the text is not adopted");
    expect(page).not.toContain("The text under vote");

    // While the group decides, nobody decides it by hand: a clear 409 and nothing changes.
    for (const [who, intent] of [
      [DEMO.cochairGt, "accept"],
      [DEMO.cochairGt, "reject"],
      [DEMO.memberMx, "withdraw"],
    ] as const) {
      const response = await (await as(who)).post(suggestions(), { intent, ...MX_SUGGESTION });
      expect(response.status, intent).toBe(409);
      expect(((await response.json()) as { error: string }).error).toBe("askGroup.underSilence");
    }
    // "Accept all" leaves it to the group too; and it cannot be asked twice.
    const all = await lead.post(suggestions(), { intent: "acceptAll", sectionKey: "recommendation" });
    expect(((await all.json()) as { count: number }).count).toBe(0);
    expect((await ask(DEMO.cochairGt, { ...MX_SUGGESTION, deadline: deadlineIn(3600) })).status).toBe(409);
    expect(marked(reader.doc, "recommendation")).toContain("[-should][+shall]");

    // A suggestion vote does not take the paper's place: the paper stays a draft, with no paper vote.
    const paperPage = text(await (await lead.get(`/g/rmsg/papers/${paperId}`)).text());
    expect(paperPage).not.toContain("A vote is open");

    const closed = await closedVotePage(voteId);
    expect(closed).toContain("Outcome: Adopted");
    expect(closed).toContain("Silence was kept: the suggestion was accepted and applied to the text.");
    // The live editor saw it, as a decision by the server.
    await waitFor(
      () => marked(reader.doc, "recommendation").startsWith("Labour ministries shall share"),
      10_000,
      "the accepted text in the open editor",
    );
    reader.destroy();
    const fresh = await paperState(server.url, lead.cookieString, paperId);
    expect(marked(fresh.doc, "recommendation")).toMatch(/^Labour ministries shall share/);

    const log = await auditText();
    expect(log).toContain(
      "José Luis Herrera (MX) asked the group about Gabriela Núñez (MX)’s suggestion in “Labour inspection across borders” (silence procedure until",
    );
    expect(log).toContain(
      "The group accepted Gabriela Núñez (MX)’s suggestion in “Labour inspection across borders” (silence kept): Replace “should” with “shall”",
    );
    expect(log).toContain("The chain is intact");
    // The versions page records it, decided by the group.
    expect(text(await (await lead.get(`/g/rmsg/papers/${paperId}/versions`)).text())).toContain(
      "Accepted by the group (silence procedure): Replace “should” with “shall” — suggested by Gabriela Núñez (MX)",
    );
    // Decided: it cannot be asked about again, nor decided by hand.
    expect((await ask(DEMO.member2Mx, { ...MX_SUGGESTION, deadline: deadlineIn(3600) })).status).toBe(404);
    expect((await lead.post(suggestions(), { intent: "accept", ...MX_SUGGESTION })).status).toBe(404);
  });

  it("silence broken: a statement makes the group reject the suggestion", async () => {
    const lead = await as(DEMO.cochairGt);
    // The penholder asks about Honduras's insertion.
    const voteId = await askedVoteId(
      await ask(DEMO.cochairGt, { ...HN_SUGGESTION, deadline: deadlineIn(6) }),
    );
    const hash = await voteTextHash(lead, voteId);
    const honduras = await as(DEMO.memberHn);
    const statement = { intent: "stance", value: "BREAK_SILENCE", textHash: hash };
    expect((await honduras.post(`/g/rmsg/votes/${voteId}`, { ...statement, statement: "" })).status).toBe(
      400,
    );
    // A stance on another change than the one shown is refused too.
    expect(
      (
        await honduras.post(`/g/rmsg/votes/${voteId}`, {
          ...statement,
          textHash: "0".repeat(64),
          statement: "x",
        })
      ).status,
    ).toBe(409);
    const broke = await (
      await as(DEMO.memberUs)
    ).post(`/g/rmsg/votes/${voteId}`, {
      ...statement,
      statement: "The finding must stay one sentence.",
    });
    expect(broke.status).toBe(200);
    expect(await (await lead.get(`/g/rmsg/papers/${paperId}`)).text()).toMatch(
      /"statements":1|statements.{0,12}1/,
    );

    const closed = await closedVotePage(voteId);
    expect(closed).toContain("Outcome: Not adopted");
    expect(closed).toContain("Silence was broken: the suggestion was rejected.");
    expect(closed).toContain("The finding must stay one sentence.");
    // The vote's record is committed first and the decision reaches the text right after it (closeVote
    // settles it): a page read in between already shows the outcome. Wait for the text, as a reader would.
    let after: Awaited<ReturnType<typeof paperState>> | undefined;
    await waitFor(
      async () =>
        !marked((after = await paperState(server.url, lead.cookieString, paperId)).doc, "finding").includes(
          HN_WORDS.trim(),
        ),
      10_000,
      "the rejected insertion to leave the text",
    );
    expect(marked(after!.doc, "finding")).not.toContain(HN_WORDS.trim());
    expect(marked(after!.doc, "finding")).toMatch(/recruited in another\.$/);
    expect(await auditText("suggestion.group_decided")).toContain(
      "The group rejected Carlos Mejía (HN)’s suggestion in “Labour inspection across borders” (silence broken): Insert “, so abuses that start at home are found, if ever, abroad”",
    );
    // The outcome reached every eligible voter's inbox, as a paper vote's does.
    const inbox = text(await (await as(DEMO.memberSv)).get("/inbox").then((r) => r.text()));
    expect(inbox).toContain("A silence procedure on a suggestion closed: rejected");
  });

  it("a cancelled procedure leaves the suggestion pending; one whose text did not follow is settled after a restart", async () => {
    const gabriela = await as(DEMO.memberMx);
    // Her user id, as the server knows it: her presence carries it.
    const probe = collabClient(server.url, gabriela.cookieString, paperId);
    const watcher = collabClient(server.url, (await as(DEMO.cochairGt)).cookieString, paperId);
    await Promise.all([probe.synced(), watcher.synced()]);
    probe.provider.awareness.setLocalStateField("cursor", null);
    const hers = () =>
      [...watcher.provider.awareness.getStates().values()]
        .map((state) => state.user as { id?: string; name?: string } | undefined)
        .find((user) => user?.name === "Gabriela Núñez")?.id;
    await waitFor(() => hers() !== undefined, 5000, "her presence");
    const gabrielaId = hers()!;
    probe.destroy();
    watcher.destroy();

    // She suggests "Today, " at the start of the finding, over a raw socket.
    const base = await paperState(server.url, gabriela.cookieString, paperId);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(base.doc));
    const vector = Y.encodeStateVector(copy);
    const first = (copy.getXmlFragment("finding").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    first.insert(0, "Today, ", {
      suggestionInsert: {
        id: "s-today",
        authorId: gabrielaId,
        authorName: "Gabriela Núñez",
        delegation: "MX",
        createdAt: new Date().toISOString().replace(/\.\d+Z$/, ".000Z"),
      },
    });
    const socket = await openRawSocket(server.url, paperId, gabriela.cookieString);
    socket.ws.send(frame(0, 2, Y.encodeStateAsUpdate(copy, vector)));
    const today = { sectionKey: "finding", suggestionId: "s-today" };
    const reader = collabClient(server.url, gabriela.cookieString, paperId);
    await reader.synced();
    await waitFor(() => marked(reader.doc, "finding").startsWith("[+Today, ]"), 5000, "her suggestion");
    socket.ws.close();
    reader.destroy();

    // Cancelled by a co-chair: pending again, and the paper is as it was.
    const cochair = await as(DEMO.cochairUs);
    // Asked by both sides at the same moment: one procedure, the other told so.
    const both = await Promise.all([
      ask(DEMO.memberMx, { ...today, deadline: deadlineIn(3600) }),
      ask(DEMO.cochairGt, { ...today, deadline: deadlineIn(7200) }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const cancelled = await askedVoteId(both.find((r) => r.status === 200)!);
    expect(
      (await cochair.post(`/g/rmsg/votes/${cancelled}`, { intent: "cancel", reason: "Agreed in the room" }))
        .status,
    ).toBe(200);
    expect(text(await (await cochair.get(`/g/rmsg/votes/${cancelled}`)).text())).toContain(
      "The procedure was cancelled: the suggestion is pending again.",
    );
    expect(text(await (await cochair.get(`/g/rmsg/papers/${paperId}`)).text())).toContain("Draft");

    // Asked again; then, as if the process closing it had stopped between the vote's record and the
    // text: the vote is closed with its outcome in the database, the suggestion still pending.
    const voteId = await askedVoteId(await ask(DEMO.memberMx, { ...today, deadline: deadlineIn(3600) }));
    await server.stop();
    const opened = await openDatabase(
      server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : { DATA_DIR: server.dataDir },
    );
    try {
      await opened.raw.exec(
        `UPDATE "Vote" SET status = 'CLOSED', "closedAt" = now() - interval '5 minutes' WHERE id = '${voteId}'`,
      );
      await opened.raw.exec(
        `INSERT INTO "VoteOutcome" ("voteId", result, reason, "quorumMet", counts, "perDelegation", statements, "eligibleCount", "takingPart")
         VALUES ('${voteId}', 'ADOPTED', 'silence_kept', true, '{}', '{}', '[]', 0, 0)`,
      );
      // What is already stored: the first procedure's accepted text, the second's rejection.
      const stored = await loadStoredDoc(paperId, opened.prisma);
      expect(marked(stored, "recommendation")).toMatch(/^Labour ministries shall share/);
      expect(marked(stored, "finding")).not.toContain(HN_WORDS.trim());
      expect(marked(stored, "finding")).toContain("[+Today, ]");
      stored.destroy();
      // A settled procedure keeps its mark; no closed vote's record changes.
      for (const sql of [
        `UPDATE "Vote" SET "suggestionSettledAt" = now() WHERE "suggestionSettledAt" IS NOT NULL`,
        `UPDATE "Vote" SET note = 'edited' WHERE status = 'CLOSED' AND "suggestionId" IS NOT NULL`,
        `UPDATE "Vote" SET "suggestionChange" = '{}' WHERE status = 'CLOSED' AND "suggestionId" IS NOT NULL`,
      ])
        await expect(opened.raw.exec(sql), sql).rejects.toThrow(/acuerdo:/);
    } finally {
      await opened.close();
    }
    await server.restart();
    const lead = await as(DEMO.cochairGt);
    const start = Date.now();
    let finding = "";
    while (Date.now() - start < 15_000) {
      finding = marked((await paperState(server.url, lead.cookieString, paperId)).doc, "finding");
      if (finding.startsWith("Today, ")) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(finding).toMatch(/^Today, Labour inspectors/);
  });
});

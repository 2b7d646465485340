import { describe, expect, it } from "vitest";
import { renderDigest, renderMail, groupByPaper, escapeHtml, type Recipient } from "~/modules/mail/render";
import type {
  CommentEvent,
  NotificationEvent,
  VoteOutcomeEvent,
  VoteReminderEvent,
} from "~/modules/mail/events";
import { signUnsubscribe, verifyUnsubscribe } from "~/modules/mail/unsubscribe-token";
import { backoffMs, classifyFailure, MAX_ATTEMPTS, MAX_BACKOFF_MS } from "~/modules/mail/delivery";
import { digestDue, localDateHour } from "~/modules/mail/digest-schedule";
import { DEFAULT_MODE, effectivePreferences, modeFor, OPTIONAL_KINDS } from "~/modules/mail/kinds";
import { resetLinkState } from "~/modules/auth/password-reset.logic";

const group = { name: "Regional Migration Study Group", slug: "rmsg" };
const labour = { id: "p1", title: "Legal pathways for regional labour mobility" };
const protection = { id: "p2", title: "Protection systems for people on the move" };
const origin = "https://acuerdo.example.org";
const links = { origin, unsubscribeUrl: `${origin}/unsubscribe?token=abc.def` };
const gabriela: Recipient = { name: "Gabriela Núñez", locale: "es", timeZone: "America/Mexico_City" };
const david: Recipient = { name: "David Okafor", locale: "en", timeZone: "America/New_York" };

const mention: CommentEvent = {
  kind: "mention",
  group,
  paper: labour,
  threadId: "t1",
  actor: "David Okafor",
  excerpt: "@Gabriela Núñez could Mexico <check> these figures?",
  at: "2026-12-03T20:00:00.000Z",
};

describe("rendering a mail", () => {
  it("writes a mention in the recipient's language and time zone with a deep link and the group in the subject", () => {
    const es = renderMail(mention, gabriela, links);
    expect(es.subject).toBe(
      "[Regional Migration Study Group] David Okafor le mencionó en «Legal pathways for regional labour mobility»",
    );
    expect(es.text).toContain("Hola, Gabriela Núñez:");
    expect(es.text).toContain("3 dic 2026, 14:00 (Mexico City)");
    expect(es.text).toContain(`${origin}/g/rmsg/papers/p1#thread-t1`);
    expect(es.text).toContain(`Dejar de recibir estos mensajes: ${links.unsubscribeUrl}`);
    const en = renderMail(mention, david, links);
    expect(en.subject).toBe(
      "[Regional Migration Study Group] David Okafor mentioned you on “Legal pathways for regional labour mobility”",
    );
    expect(en.text).toContain("3 Dec 2026, 15:00 (New York)");
  });

  it("names the group and the paper in the recipient's language where they are written in it", () => {
    const bilingual: CommentEvent = {
      ...mention,
      group: { ...group, nameEs: "Grupo de Estudio Regional sobre Migración" },
      paper: {
        id: "p3",
        title: "Consulados móviles para quienes trabajan en el exterior",
        titleTranslation: "Consular protection for workers abroad",
        originalLanguage: "es",
      },
    };
    const es = renderMail(bilingual, gabriela, links);
    expect(es.subject).toBe(
      "[Grupo de Estudio Regional sobre Migración] David Okafor le mencionó en «Consulados móviles para quienes trabajan en el exterior»",
    );
    const en = renderMail(bilingual, david, links);
    expect(en.subject).toBe(
      "[Regional Migration Study Group] David Okafor mentioned you on “Consular protection for workers abroad”",
    );
    expect(renderDigest([bilingual], david, links).text).toContain("Consular protection for workers abroad");
    expect(renderDigest([bilingual], david, links).text).not.toContain("Consulados móviles");
    // Items stored before titles had translations read as they did.
    expect(renderMail(mention, gabriela, links).subject).toContain(
      "«Legal pathways for regional labour mobility»",
    );
  });

  it("escapes everything people wrote in the HTML part", () => {
    const html = renderMail({ ...mention, actor: "<img src=x onerror=alert(1)>" }, david, links).html;
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;check&gt;");
    expect(escapeHtml(`"'&<>`)).toBe("&quot;&#39;&amp;&lt;&gt;");
  });

  it("keeps a subject on one line whatever a title holds", () => {
    const subject = renderMail(
      { ...mention, paper: { id: "p", title: "Line one\nBcc: x@evil\n" + "x".repeat(400) } },
      david,
      links,
    ).subject;
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.length).toBeLessThanOrEqual(200);
  });

  it("adds the delegation line to a reminder when nobody in it has taken part", () => {
    const reminder: VoteReminderEvent = {
      kind: "vote.reminder",
      group,
      paper: labour,
      voteId: "v1",
      deadline: "2026-12-04T18:00:00.000Z",
      quietDelegation: { name: "Honduras", nameEs: "Honduras" },
    };
    expect(renderMail(reminder, david, links).text).toContain("Honduras has not taken part yet.");
    expect(renderMail(reminder, gabriela, links).text).toContain("Honduras aún no ha participado.");
    expect(renderMail({ ...reminder, quietDelegation: null }, david, links).text).not.toContain(
      "taken part yet",
    );
    expect(renderMail(reminder, david, links).text).toContain(`${origin}/g/rmsg/votes/v1`);
  });

  it("states an outcome with its counts and reservations", () => {
    const outcome: VoteOutcomeEvent = {
      kind: "vote.outcome",
      group,
      paper: labour,
      voteId: "v1",
      adopted: true,
      closedAt: "2026-12-04T18:00:00.000Z",
      counts: { SUPPORT: 19, SUPPORT_WITH_RESERVATIONS: 2, ABSTAIN: 1, OBJECT: 0 },
      takingPart: 22,
      eligible: 24,
      reservations: [
        {
          name: "Carlos Mejía",
          delegation: { name: "Honduras", nameEs: "Honduras" },
          value: "SUPPORT_WITH_RESERVATIONS",
          statement: "Subject to consultation.",
        },
      ],
    };
    const text = renderMail(outcome, david, links).text;
    expect(text).toContain("“Legal pathways for regional labour mobility” was adopted");
    expect(text).toContain(
      "22 of 24 eligible members took part: Support 19, Support with reservations 2, Abstain 1.",
    );
    expect(text).toContain("- Carlos Mejía (Honduras), Support with reservations: Subject to consultation.");
  });

  it("says which suggestion a silence procedure on one decides, and that it was accepted or rejected", () => {
    const suggestion = { inserted: "shall", deleted: "should", author: "Gabriela Núñez (MX)" };
    const opened = renderMail(
      {
        kind: "vote.opened",
        group,
        paper: labour,
        voteId: "v2",
        actor: "José Luis Herrera",
        deadline: "2026-12-06T18:00:00.000Z",
        suggestion,
      },
      david,
      links,
    );
    expect(opened.subject).toBe(
      "[Regional Migration Study Group] The group is asked about a suggestion in “Legal pathways for regional labour mobility”",
    );
    expect(opened.text).toContain("> The suggestion: Replace “should” with “shall” (Gabriela Núñez (MX))");
    expect(opened.text).toContain(`${origin}/g/rmsg/votes/v2`);
    const outcome = (adopted: boolean): VoteOutcomeEvent => ({
      kind: "vote.outcome",
      group,
      paper: labour,
      voteId: "v2",
      adopted,
      closedAt: "2026-12-06T18:00:00.000Z",
      counts: adopted ? {} : { BREAK_SILENCE: 1 },
      takingPart: adopted ? 0 : 1,
      eligible: 24,
      reservations: [],
      suggestion,
    });
    const kept = renderMail(outcome(true), gabriela, links);
    expect(kept.subject).toBe(
      "[Regional Migration Study Group] Una sugerencia en «Legal pathways for regional labour mobility» se aceptó por silencio",
    );
    expect(kept.text).toContain("> La sugerencia: Sustituir «should» por «shall» (Gabriela Núñez (MX))");
    const broken = renderMail(outcome(false), david, links);
    expect(broken.subject).toContain("was rejected: silence was broken");
    expect(broken.text).toContain(
      "Silence was broken on a suggestion in “Legal pathways for regional labour mobility”: it was rejected",
    );
    expect(broken.text).not.toContain("was not adopted");
  });

  it("says that invitations and resets are sent whatever the settings, with no unsubscribe link", () => {
    const mail = renderMail(
      { kind: "password.reset", link: `${origin}/reset-password/tok`, expiresAt: "2026-12-03T21:00:00.000Z" },
      david,
      links,
    );
    expect(mail.text).toContain(`${origin}/reset-password/tok`);
    expect(mail.text).toContain("whatever your notification settings say");
    expect(mail.text).not.toContain("unsubscribe");
  });
});

describe("the daily digest", () => {
  const events: NotificationEvent[] = [
    { ...mention, excerpt: "first on labour" },
    { ...mention, paper: protection, threadId: "t2", excerpt: "on protection" },
    { ...mention, kind: "reply", threadId: "t3", excerpt: "second on labour" },
  ];

  it("groups events by paper in the order their first event came", () => {
    const sections = groupByPaper(events);
    expect(sections.map((s) => s.paper)).toEqual([labour.title, protection.title]);
    expect(sections[0].events.map((e) => (e as CommentEvent).excerpt)).toEqual([
      "first on labour",
      "second on labour",
    ]);
  });

  it("renders one mail with a heading per paper and the count in the subject", () => {
    const mail = renderDigest(events, david, links);
    expect(mail.subject).toBe("[Regional Migration Study Group] Your daily digest: 3 updates");
    expect(mail.text.indexOf(`## ${labour.title}`)).toBeLessThan(mail.text.indexOf("second on labour"));
    expect(mail.text.indexOf("second on labour")).toBeLessThan(mail.text.indexOf(`## ${protection.title}`));
  });
});

describe("unsubscribe tokens", () => {
  const secret = "s".repeat(40);
  it("round-trips who and which kind", () => {
    expect(verifyUnsubscribe(secret, signUnsubscribe(secret, "user-1", "mention"))).toEqual({
      userId: "user-1",
      kind: "mention",
    });
    expect(verifyUnsubscribe(secret, signUnsubscribe(secret, "user-1", "digest"))).toEqual({
      userId: "user-1",
      kind: "digest",
    });
  });
  it("refuses forged, altered, foreign and malformed tokens", () => {
    const token = signUnsubscribe(secret, "user-1", "mention");
    const [payload, sig] = token.split(".");
    const other = Buffer.from("user-2:mention").toString("base64url");
    for (const bad of [
      `${other}.${sig}`,
      `${payload}.${sig.slice(0, -2)}AA`,
      signUnsubscribe("t".repeat(40), "user-1", "mention"),
      signUnsubscribe(secret, "user-1", "password.reset" as "mention"),
      "",
      "abc",
      `${token}.extra`,
      null,
    ])
      expect(verifyUnsubscribe(secret, bad)).toBeNull();
  });
});

describe("delivery policy", () => {
  const now = new Date("2026-12-03T12:00:00Z");
  it("retries temporary failures with doubling backoff up to an hour", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30, 60_000)).toBe(MAX_BACKOFF_MS);
    const outcome = classifyFailure(
      { responseCode: 451, message: "451 4.7.1 Try again later" },
      2,
      now,
      1000,
    );
    expect(outcome).toEqual({
      status: "RETRY",
      at: new Date(now.getTime() + 2000),
      error: "451 4.7.1 Try again later",
    });
    expect(classifyFailure({ message: "connect ECONNREFUSED" }, 1, now, 1000).status).toBe("RETRY");
  });
  it("fails for good on 5xx, with the reason, and after too many attempts", () => {
    expect(
      classifyFailure({ responseCode: 550, message: "550 5.1.1 Mailbox unavailable" }, 1, now, 1000),
    ).toEqual({
      status: "FAILED",
      error: "550 5.1.1 Mailbox unavailable",
    });
    expect(classifyFailure({ responseCode: 421, message: "busy" }, MAX_ATTEMPTS, now, 1000).status).toBe(
      "FAILED",
    );
  });
});

describe("when a digest is due", () => {
  it("reads the local date and hour in the person's zone", () => {
    expect(localDateHour(new Date("2026-12-03T05:30:00Z"), "America/Mexico_City")).toEqual({
      date: "2026-12-02",
      hour: 23,
    });
    expect(localDateHour(new Date("2026-12-03T05:30:00Z"), "UTC")).toEqual({ date: "2026-12-03", hour: 5 });
  });
  it("is due at or after the chosen hour, once per local day", () => {
    const zone = "America/Tegucigalpa"; // UTC-6
    const at = (iso: string) => new Date(iso);
    const person = { timeZone: zone, digestHour: 8, digestSentOn: null as string | null };
    expect(digestDue(at("2026-12-03T13:59:00Z"), person)).toBeNull();
    expect(digestDue(at("2026-12-03T14:00:00Z"), person)).toBe("2026-12-03");
    expect(digestDue(at("2026-12-03T20:00:00Z"), { ...person, digestSentOn: "2026-12-03" })).toBeNull();
    expect(digestDue(at("2026-12-04T14:05:00Z"), { ...person, digestSentOn: "2026-12-03" })).toBe(
      "2026-12-04",
    );
  });
});

describe("preferences", () => {
  it("defaults mentions and reminders to immediately, the rest to the digest", () => {
    expect(DEFAULT_MODE).toEqual({
      mention: "IMMEDIATE",
      reply: "DIGEST",
      "vote.opened": "DIGEST",
      "vote.reminder": "IMMEDIATE",
      "vote.outcome": "DIGEST",
    });
    expect(modeFor("reply", new Map([["reply", "OFF"]]))).toBe("OFF");
    expect(Object.keys(effectivePreferences(new Map()))).toEqual([...OPTIONAL_KINDS]);
  });
});

describe("password reset links", () => {
  const created = new Date("2026-12-03T12:00:00Z");
  const link = { createdAt: created, expiresAt: new Date(created.getTime() + 3600_000), usedAt: null };
  const before = new Date("2026-01-01T00:00:00Z");
  it("work once, for an hour, while the password is unchanged", () => {
    expect(resetLinkState(link, before, new Date(created.getTime() + 3599_000))).toBe("usable");
    expect(resetLinkState(link, before, new Date(created.getTime() + 3600_000))).toBe("expired");
    expect(resetLinkState({ ...link, usedAt: created }, before, created)).toBe("used");
    expect(resetLinkState(link, new Date(created.getTime() + 1), new Date(created.getTime() + 2))).toBe(
      "superseded",
    );
  });
});

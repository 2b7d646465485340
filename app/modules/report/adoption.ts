// How a paper was adopted, in one sentence generated from the vote's stored outcome (never recomputed):
// "Adopted by consensus on 20 March 2026: 19 in support, 2 with reservations, 1 abstention; all five
// delegations took part." The words come from app/i18n, so the sentence exists in every UI language.
import { z } from "zod";
import { formatTime } from "~/modules/time/format-time";
import { t, type Locale, type MessageKey } from "~/i18n/messages";
import type { StanceValue, VoteKind } from "~/modules/votes/tally";

const countsSchema = z.record(z.string(), z.number().int().nonnegative()).catch({});
const delegationTallySchema = z.object({
  eligible: z.number().int().nonnegative().catch(0),
  takingPart: z.number().int().nonnegative().catch(0),
  voice: z.enum(["FOR", "AGAINST", "ABSTAIN"]).optional().catch(undefined),
});

/** The stored outcome's JSON columns, read defensively: a malformed value counts as empty, never crashes a report. */
export const storedCountsSchema = countsSchema;
export const storedPerDelegationSchema = z.record(z.string(), delegationTallySchema).catch({});

export interface AdoptionRecord {
  kind: VoteKind;
  onePerDelegation: boolean;
  /** When the vote closed (the outcome was computed). */
  adoptedAt: Date;
  counts: Partial<Record<StanceValue, number>>;
  perDelegation: Record<
    string,
    { eligible: number; takingPart: number; voice?: "FOR" | "AGAINST" | "ABSTAIN" }
  >;
}

/** "20 March 2026" / "20 de marzo de 2026", on the reader's calendar (their time zone; UTC by default). */
export function formatReportDate(date: Date, locale: Locale, timeZone = "UTC"): string {
  return formatTime(date, { locale, timeZone }, "longDate");
}

/** Small numbers as words ("five"), larger ones as digits, as a report would write them. */
export function numberWord(n: number, locale: Locale): string {
  if (n >= 2 && n <= 10) return t(locale, `report.number.${n}` as MessageKey);
  return String(n);
}

function countPhrase(locale: Locale, value: StanceValue, count: number): string {
  const plural = value === "ABSTAIN" || value === "OBJECT";
  const key = (
    plural ? `report.count.${value}.${count === 1 ? "one" : "other"}` : `report.count.${value}`
  ) as MessageKey;
  return t(locale, key, { count });
}

function voicesPhrase(locale: Locale, voice: "FOR" | "AGAINST" | "ABSTAIN", count: number): string {
  const key = (
    voice === "FOR" ? `report.voices.FOR.${count === 1 ? "one" : "other"}` : `report.voices.${voice}`
  ) as MessageKey;
  return t(locale, key, { count });
}

/** "all five delegations took part", "three of five delegations took part", ... */
export function participationPhrase(locale: Locale, perDelegation: AdoptionRecord["perDelegation"]): string {
  const delegations = Object.values(perDelegation).filter((d) => d.eligible > 0);
  const total = delegations.length;
  const taking = delegations.filter((d) => d.takingPart > 0).length;
  if (taking === 0) return t(locale, "report.delegations.none");
  if (taking === total) {
    if (total === 1) return t(locale, "report.delegations.only");
    if (total === 2) return t(locale, "report.delegations.both");
    return t(locale, "report.delegations.all", { total: numberWord(total, locale) });
  }
  if (taking === 1) return t(locale, "report.delegations.one", { total: numberWord(total, locale) });
  return t(locale, "report.delegations.some", {
    count: numberWord(taking, locale),
    total: numberWord(total, locale),
  });
}

const ORDER: Record<VoteKind, StanceValue[]> = {
  CONSENSUS: ["SUPPORT", "SUPPORT_WITH_RESERVATIONS", "ABSTAIN", "OBJECT"],
  MAJORITY: ["FOR", "AGAINST", "ABSTAIN"],
  SILENCE: [],
};

/** The adoption record in one sentence, ending with a full stop. */
export function adoptionSentence(record: AdoptionRecord, locale: Locale, timeZone = "UTC"): string {
  const date = formatReportDate(record.adoptedAt, locale, timeZone);
  if (record.kind === "SILENCE") return `${t(locale, "report.adoption.SILENCE", { date })}.`;

  let head: string;
  let tallies: string[];
  if (record.kind === "MAJORITY" && record.onePerDelegation) {
    head = t(locale, "report.adoption.MAJORITY_DELEGATIONS", { date });
    const voices = { FOR: 0, AGAINST: 0, ABSTAIN: 0 };
    for (const delegation of Object.values(record.perDelegation))
      if (delegation.voice) voices[delegation.voice] += 1;
    tallies = (["FOR", "AGAINST", "ABSTAIN"] as const)
      .filter((v) => voices[v] > 0)
      .map((v) => voicesPhrase(locale, v, voices[v]));
  } else {
    head = t(locale, record.kind === "MAJORITY" ? "report.adoption.MAJORITY" : "report.adoption.CONSENSUS", {
      date,
    });
    tallies = ORDER[record.kind]
      .filter((v) => (record.counts[v] ?? 0) > 0)
      .map((v) => countPhrase(locale, v, record.counts[v] ?? 0));
  }
  const participation = participationPhrase(locale, record.perDelegation);
  return `${head}${tallies.length ? `: ${tallies.join(", ")}` : ""}; ${participation}.`;
}

/** Stances whose statements the report records as notes under the finding, and how it names them. */
export function noteKind(value: string): "reservation" | "objection" | null {
  if (value === "SUPPORT_WITH_RESERVATIONS") return "reservation";
  if (value === "OBJECT" || value === "AGAINST" || value === "BLOCK" || value === "BREAK_SILENCE")
    return "objection";
  return null;
}

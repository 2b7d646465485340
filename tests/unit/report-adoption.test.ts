import { describe, expect, it } from "vitest";
import {
  adoptionSentence,
  formatReportDate,
  noteKind,
  participationPhrase,
  type AdoptionRecord,
} from "~/modules/report/adoption";
import { storedCountsSchema, storedPerDelegationSchema } from "~/modules/report/adoption";

const FIVE = ["US", "MX", "SV", "GT", "HN"];
const on = new Date("2026-03-20T18:30:00Z");

function delegations(taking: string[], all = FIVE): AdoptionRecord["perDelegation"] {
  return Object.fromEntries(
    all.map((code) => [code, { eligible: 4, takingPart: taking.includes(code) ? 3 : 0 }]),
  );
}

const consensus: AdoptionRecord = {
  kind: "CONSENSUS",
  onePerDelegation: false,
  adoptedAt: on,
  counts: { SUPPORT: 19, SUPPORT_WITH_RESERVATIONS: 2, ABSTAIN: 1 },
  perDelegation: delegations(FIVE),
};

describe("the adoption sentence, from a stored outcome", () => {
  it("says how a consensus was reached, as the design's example", () => {
    expect(adoptionSentence(consensus, "en")).toBe(
      "Adopted by consensus on 20 March 2026: 19 in support, 2 with reservations, 1 abstention; all five delegations took part.",
    );
    expect(adoptionSentence(consensus, "es")).toBe(
      "Adoptado por consenso el 20 de marzo de 2026: 19 a favor, 2 con reservas, 1 abstención; participaron las cinco delegaciones.",
    );
  });

  it("counts objections and plural abstentions, and names the delegations that took part", () => {
    const record: AdoptionRecord = {
      ...consensus,
      counts: { SUPPORT: 10, ABSTAIN: 3, OBJECT: 2 },
      perDelegation: delegations(["US", "MX", "GT"]),
    };
    expect(adoptionSentence(record, "en")).toBe(
      "Adopted by consensus on 20 March 2026: 10 in support, 3 abstentions, 2 objections; three of five delegations took part.",
    );
    expect(adoptionSentence(record, "es")).toBe(
      "Adoptado por consenso el 20 de marzo de 2026: 10 a favor, 3 abstenciones, 2 objeciones; participaron tres de las cinco delegaciones.",
    );
    const one = { ...record, counts: { SUPPORT: 4, OBJECT: 1 } };
    expect(adoptionSentence(one, "en")).toContain("4 in support, 1 objection;");
    expect(adoptionSentence(one, "es")).toContain("4 a favor, 1 objeción;");
  });

  it("says the silence procedure was kept", () => {
    const record: AdoptionRecord = {
      kind: "SILENCE",
      onePerDelegation: false,
      adoptedAt: on,
      counts: {},
      perDelegation: delegations([]),
    };
    expect(adoptionSentence(record, "en")).toBe(
      "Adopted under the silence procedure on 20 March 2026: no member broke silence before the deadline.",
    );
    expect(adoptionSentence(record, "es")).toBe(
      "Adoptado por procedimiento de silencio el 20 de marzo de 2026: ningún miembro rompió el silencio antes del plazo.",
    );
  });

  it("gives a majority vote's counts", () => {
    const record: AdoptionRecord = {
      kind: "MAJORITY",
      onePerDelegation: false,
      adoptedAt: on,
      counts: { FOR: 12, AGAINST: 3, ABSTAIN: 2 },
      perDelegation: delegations(FIVE),
    };
    expect(adoptionSentence(record, "en")).toBe(
      "Adopted by majority vote on 20 March 2026: 12 for, 3 against, 2 abstentions; all five delegations took part.",
    );
    expect(adoptionSentence(record, "es")).toBe(
      "Adoptado por mayoría el 20 de marzo de 2026: 12 a favor, 3 en contra, 2 abstenciones; participaron las cinco delegaciones.",
    );
  });

  it("gives the delegations' voices when each delegation has one voice", () => {
    const perDelegation = delegations(FIVE);
    perDelegation.US.voice = "FOR";
    perDelegation.MX.voice = "FOR";
    perDelegation.SV.voice = "FOR";
    perDelegation.GT.voice = "AGAINST";
    perDelegation.HN.voice = "ABSTAIN";
    const record: AdoptionRecord = {
      kind: "MAJORITY",
      onePerDelegation: true,
      adoptedAt: on,
      counts: { FOR: 9, AGAINST: 4 },
      perDelegation,
    };
    expect(adoptionSentence(record, "en")).toBe(
      "Adopted by a majority of delegations on 20 March 2026: 3 delegations for, 1 against, 1 abstaining; all five delegations took part.",
    );
    expect(adoptionSentence(record, "es")).toBe(
      "Adoptado por mayoría de delegaciones el 20 de marzo de 2026: 3 delegaciones a favor, 1 en contra, 1 en abstención; participaron las cinco delegaciones.",
    );
  });

  it.each([
    [["US"], ["US"], "the only delegation took part", "participó la única delegación"],
    [["US", "MX"], ["US", "MX"], "both delegations took part", "participaron ambas delegaciones"],
    [["US"], FIVE, "one of five delegations took part", "participó una de las cinco delegaciones"],
    [[], FIVE, "no delegation took part", "no participó ninguna delegación"],
  ])("says who took part: %j of %j", (taking, all, en, es) => {
    expect(participationPhrase("en", delegations(taking, all))).toBe(en);
    expect(participationPhrase("es", delegations(taking, all))).toBe(es);
  });

  it("counts only delegations with someone eligible, and writes large numbers as digits", () => {
    const many = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`D${i}`, { eligible: 1, takingPart: 1 }]),
    );
    expect(participationPhrase("en", { ...many, NONE: { eligible: 0, takingPart: 0 } })).toBe(
      "all 12 delegations took part",
    );
  });

  it("dates in UTC, in the reader's language", () => {
    expect(formatReportDate(new Date("2026-11-23T23:30:00Z"), "en")).toBe("23 November 2026");
    expect(formatReportDate(new Date("2026-11-23T23:30:00Z"), "es")).toBe("23 de noviembre de 2026");
  });

  it("reads malformed stored JSON as empty rather than failing the report", () => {
    expect(storedCountsSchema.parse("nonsense")).toEqual({});
    expect(storedCountsSchema.parse({ SUPPORT: 3 })).toEqual({ SUPPORT: 3 });
    expect(storedPerDelegationSchema.parse([1, 2])).toEqual({});
    expect(storedPerDelegationSchema.parse({ MX: { eligible: "x", takingPart: 2 } })).toEqual({
      MX: { eligible: 0, takingPart: 2 },
    });
  });

  it("records reservations and objections as notes, nothing else", () => {
    expect(
      ["SUPPORT_WITH_RESERVATIONS", "OBJECT", "AGAINST", "SUPPORT", "ABSTAIN", "FOR"].map(noteKind),
    ).toEqual(["reservation", "objection", "objection", null, null, null]);
  });
});

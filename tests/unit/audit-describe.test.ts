import { describe, expect, it } from "vitest";
import {
  AUDIT_KINDS,
  describeAuditEvent,
  type AuditEventView,
  type AuditNames,
} from "~/modules/audit/describe";
import { toCsv } from "~/modules/audit/csv";
import { auditFilterSchema, toAuditFilter } from "~/modules/audit/audit-filters";

const names: AuditNames = {
  papers: new Map([["p1", "Cheaper and safer remittances"]]),
  votes: new Map([["v1", "p1"]]),
  users: new Map([
    ["u-ana", "Ana Ruiz"],
    ["u-carlos", "Carlos Mejía"],
  ]),
  delegations: new Map([
    ["d-hn", { code: "HN", name: "Honduras", nameEs: "Honduras" }],
    ["d-us", { code: "US", name: "United States", nameEs: "Estados Unidos" }],
  ]),
  templates: new Map([["t1", "Recommendation"]]),
};
const carlos = { name: "Carlos Mejía", delegation: "HN" };
const en = { locale: "en" as const, timeZone: "America/Mexico_City" };
const es = { locale: "es" as const, timeZone: "America/Mexico_City" };
const at = "2026-11-20T15:00:00.000Z";

function event(type: string, subjectType: string, subjectId: string, data: unknown, actor = carlos) {
  return { type, subjectType, subjectId, data, createdAt: at, actor } satisfies AuditEventView;
}

// One stored event of each kind, as the modules write them, and the sentence each reads as.
const cases: [AuditEventView, string, string][] = [
  [
    event("member.invited", "invite", "i1", { role: "MEMBER", delegationId: "d-us" }),
    "Carlos Mejía (HN) invited a new member (Member, United States)",
    "Carlos Mejía (HN) invitó a un nuevo miembro (Miembro, Estados Unidos)",
  ],
  [
    event("member.invite_revoked", "invite", "i1", { role: "MEMBER", delegationId: "d-us" }),
    "Carlos Mejía (HN) revoked an invitation (Member, United States)",
    "Carlos Mejía (HN) revocó una invitación (Miembro, Estados Unidos)",
  ],
  [
    event("member.invite_renewed", "invite", "i1", { role: "OBSERVER", delegationId: "d-hn" }),
    "Carlos Mejía (HN) sent an invitation again with a new link (Observer, Honduras)",
    "Carlos Mejía (HN) volvió a enviar una invitación con un nuevo enlace (Observador, Honduras)",
  ],
  [
    event("member.joined", "user", "u-carlos", { role: "MEMBER", delegationId: "d-hn", inviteId: "i1" }),
    "Carlos Mejía (HN) joined the group (Member, Honduras)",
    "Carlos Mejía (HN) se unió al grupo (Miembro, Honduras)",
  ],
  [
    event("member.changed", "user", "u-ana", {
      from: { role: "MEMBER", delegationId: "d-us" },
      to: { role: "OBSERVER", delegationId: "d-us" },
    }),
    "Carlos Mejía (HN) changed Ana Ruiz from Member, United States to Observer, United States",
    "Carlos Mejía (HN) cambió a Ana Ruiz de Miembro, Estados Unidos a Observador, Estados Unidos",
  ],
  [
    event("member.removed", "user", "u-ana", { role: "MEMBER" }),
    "Carlos Mejía (HN) removed Ana Ruiz (Member) from the group",
    "Carlos Mejía (HN) retiró a Ana Ruiz (Miembro) del grupo",
  ],
  [
    event("paper.created", "paper", "p1", { title: "Cheaper and safer remittances", originalLanguage: "en" }),
    "Carlos Mejía (HN) created the paper “Cheaper and safer remittances”, drafted in English",
    "Carlos Mejía (HN) creó el documento “Cheaper and safer remittances”, redactado en inglés",
  ],
  [
    event("paper.titled", "paper", "p1", {
      from: { title: "Safer remittances", translation: "" },
      to: { title: "Cheaper and safer remittances", translation: "Remesas más baratas y seguras" },
    }),
    "Carlos Mejía (HN) set the titles of the paper “Cheaper and safer remittances”: “Cheaper and safer remittances” and “Remesas más baratas y seguras”",
    "Carlos Mejía (HN) fijó los títulos del documento “Cheaper and safer remittances”: “Cheaper and safer remittances” y “Remesas más baratas y seguras”",
  ],
  [
    event("paper.status_changed", "paper", "p1", { from: "DRAFT", to: "REVIEW", cause: "manual" }),
    "Carlos Mejía (HN) moved “Cheaper and safer remittances” from Draft to In review",
    "Carlos Mejía (HN) pasó “Cheaper and safer remittances” de Borrador a En revisión",
  ],
  [
    event("template.created", "template", "t1", { name: "Recommendation", sections: ["a"] }),
    "Carlos Mejía (HN) created the template “Recommendation”",
    "Carlos Mejía (HN) creó la plantilla “Recommendation”",
  ],
  [
    event("template.updated", "template", "t1", {
      from: { name: "Recommendation", sections: [] },
      to: { name: "Policy brief", sections: [] },
    }),
    "Carlos Mejía (HN) changed the template “Policy brief”",
    "Carlos Mejía (HN) modificó la plantilla “Policy brief”",
  ],
  [
    event("version.saved", "paper", "p1", { number: 3, label: "x", textHash: "ab", reason: "MANUAL" }),
    "Carlos Mejía (HN) saved version 3 of “Cheaper and safer remittances”",
    "Carlos Mejía (HN) guardó la versión 3 de “Cheaper and safer remittances”",
  ],
  [
    event("translation.marked", "paper", "p1", { sectionKey: "context", language: "es", originalHash: "h" }),
    "Carlos Mejía (HN) marked the Spanish translation of section “context” of “Cheaper and safer remittances” up to date",
    "Carlos Mejía (HN) marcó como al día la traducción al español de la sección «context» de “Cheaper and safer remittances”",
  ],
  [
    event("vote.opened", "vote", "v1", {
      paperId: "p1",
      kind: "CONSENSUS",
      deadline: "2026-11-29T02:00:00.000Z",
    }),
    "Carlos Mejía (HN) opened a consensus vote on “Cheaper and safer remittances”, closing 28 Nov 2026, 20:00 (Mexico City)",
    "Carlos Mejía (HN) abrió una votación (consenso) sobre “Cheaper and safer remittances”, con cierre el 28 nov 2026, 20:00 (Mexico City)",
  ],
  [
    event("stance.cast", "vote", "v1", { stanceId: "1", value: "SUPPORT_WITH_RESERVATIONS", statement: "" }),
    "Carlos Mejía (HN) took a stance: Support with reservations — vote on “Cheaper and safer remittances”",
    "Carlos Mejía (HN) registró su posición: Apoyo con reservas — votación sobre “Cheaper and safer remittances”",
  ],
  [
    { ...event("vote.closed", "vote", "v1", { result: "ADOPTED", early: false }), actor: null },
    "The vote on “Cheaper and safer remittances” closed at its deadline: Adopted",
    "La votación sobre “Cheaper and safer remittances” se cerró al vencer el plazo: Adoptado",
  ],
  [
    event("vote.closed", "vote", "v1", { result: "NOT_ADOPTED", early: true }),
    "Carlos Mejía (HN) closed the vote on “Cheaper and safer remittances”: Not adopted",
    "Carlos Mejía (HN) cerró la votación sobre “Cheaper and safer remittances”: No adoptado",
  ],
  [
    event("vote.cancelled", "vote", "v1", { reason: "Wrong text" }),
    "Carlos Mejía (HN) cancelled the vote on “Cheaper and safer remittances”: “Wrong text”",
    "Carlos Mejía (HN) canceló la votación sobre “Cheaper and safer remittances”: «Wrong text»",
  ],
  [
    event("report.ordered", "group", "g1", { order: ["p1"] }),
    "Carlos Mejía (HN) rearranged the findings of the report",
    "Carlos Mejía (HN) reordenó los hallazgos del informe",
  ],
  [
    event("report.edited", "group", "g1", {}),
    "Carlos Mejía (HN) edited the report’s foreword and summary",
    "Carlos Mejía (HN) editó el prólogo y el resumen del informe",
  ],
  [
    event("group.edited", "group", "g1", {
      fields: ["nameEs"],
      name: "Regional Migration Study Group",
      nameEs: "Grupo Regional de Estudio",
    }),
    "Carlos Mejía (HN) changed the group’s name or description (now “Regional Migration Study Group”)",
    "Carlos Mejía (HN) cambió el nombre o la descripción del grupo (ahora “Grupo Regional de Estudio”)",
  ],
  [
    event("paper.imported", "paper", "p1", {
      fileName: "Borrador MX",
      sha256: "abababababababababababababababababababababababababababababababab",
    }),
    "Carlos Mejía (HN) created the paper “Cheaper and safer remittances” from the Word file “Borrador MX” (SHA-256 abababababababababababababababababababababababababababababababab)",
    "Carlos Mejía (HN) creó el documento “Cheaper and safer remittances” a partir del archivo de Word “Borrador MX” (SHA-256 abababababababababababababababababababababababababababababababab)",
  ],
  [
    event("translation.imported", "paper", "p1", {
      fileName: "Borrador MX",
      sha256: "abababababababababababababababababababababababababababababababab",
    }),
    "Carlos Mejía (HN) filled the translation of “Cheaper and safer remittances” from the Word file “Borrador MX” (SHA-256 abababababababababababababababababababababababababababababababab)",
    "Carlos Mejía (HN) completó la traducción de “Cheaper and safer remittances” a partir del archivo de Word “Borrador MX” (SHA-256 abababababababababababababababababababababababababababababababab)",
  ],
  [
    event("paper.drafting_changed", "paper", "p1", { from: "OPEN", to: "PENHOLDER" }),
    "Carlos Mejía (HN) set the drafting mode of “Cheaper and safer remittances” to Penholder",
    "Carlos Mejía (HN) fijó el modo de redacción de “Cheaper and safer remittances” en Redactor principal",
  ],
  [
    event("suggestion.decided", "paper", "p1", {
      decision: "accept",
      suggestionId: "s1",
      sectionKey: "finding",
      authorId: "u-ana",
      authorName: "Ana Pérez",
      delegation: "MX",
      inserted: "shall",
      deleted: "should",
    }),
    "Carlos Mejía (HN) accepted Ana Pérez (MX)’s suggestion in “Cheaper and safer remittances”: Replace “should” with “shall”",
    "Carlos Mejía (HN) aceptó la sugerencia de Ana Pérez (MX) en “Cheaper and safer remittances”: Sustituir «should» por «shall»",
  ],
  [
    event("suggestion.decided", "paper", "p1", {
      decision: "withdraw",
      authorName: "Carlos Mejía",
      delegation: "HN",
      inserted: "",
      deleted: "fees",
    }),
    "Carlos Mejía (HN) withdrew their suggestion in “Cheaper and safer remittances”: Delete “fees”",
    "Carlos Mejía (HN) retiró su sugerencia en “Cheaper and safer remittances”: Suprimir «fees»",
  ],
  [
    event("suggestion.group_asked", "vote", "v1", {
      paperId: "p1",
      suggestionId: "s1",
      authorName: "Ana Pérez",
      delegation: "MX",
      inserted: "shall",
      deleted: "should",
      deadline: "2026-11-22T15:00:00.000Z",
    }),
    "Carlos Mejía (HN) asked the group about Ana Pérez (MX)’s suggestion in “Cheaper and safer remittances” (silence procedure until 22 Nov 2026, 09:00 (Mexico City)): Replace “should” with “shall”",
    "Carlos Mejía (HN) consultó al grupo sobre la sugerencia de Ana Pérez (MX) en “Cheaper and safer remittances” (procedimiento de silencio hasta el 22 nov 2026, 09:00 (Mexico City)): Sustituir «should» por «shall»",
  ],
  [
    event(
      "suggestion.group_decided",
      "vote",
      "v1",
      { decision: "accept", authorName: "Ana Pérez", delegation: "MX", inserted: "now ", deleted: "" },
      null as unknown as typeof carlos,
    ),
    "The group accepted Ana Pérez (MX)’s suggestion in “Cheaper and safer remittances” (silence kept): Insert “now”",
    "El grupo aceptó la sugerencia de Ana Pérez (MX) en “Cheaper and safer remittances” (se guardó silencio): Insertar «now»",
  ],
];

describe("the audit log in sentences", () => {
  it.each(cases.map(([stored, english, spanish]) => [stored.type, stored, english, spanish] as const))(
    "says %s in English and Spanish",
    (_kind, stored, english, spanish) => {
      expect(describeAuditEvent(stored, names, en)).toBe(english);
      expect(describeAuditEvent(stored, names, es)).toBe(spanish);
    },
  );

  it("has a sentence for every kind of event the modules record", () => {
    const described = new Set(cases.map(([e]) => e.type));
    for (const kind of AUDIT_KINDS) expect(described, kind).toContain(kind);
  });

  it("never shows raw JSON, ids or English event names in Spanish", () => {
    for (const [stored] of cases) {
      const sentence = describeAuditEvent(stored, names, es);
      expect(sentence).not.toMatch(/[{}]|\bv1\b|\bp1\b|u-ana|d-hn|\w+\.\w+_?\w*|SUPPORT|CONSENSUS/);
    }
  });

  it("reads damaged or unknown events without crashing", () => {
    const odd = [
      event("stance.cast", "vote", "gone", null),
      event("member.changed", "user", "nobody", { from: "x", to: 3 }),
      event("paper.status_changed", "paper", "p-deleted", { from: "LIMBO" }),
      event("something.new", "group", "g1", { anything: true }),
    ];
    expect(odd.map((e) => describeAuditEvent(e, names, en))).toEqual([
      "Carlos Mejía (HN) took a stance: — — vote on a paper",
      "Carlos Mejía (HN) changed someone from — to —",
      "Carlos Mejía (HN) moved a paper from LIMBO to —",
      "Carlos Mejía (HN) recorded an event",
    ]);
    expect(describeAuditEvent({ ...odd[3], actor: null }, names, es)).toBe("El sistema registró un evento");
  });
});

describe("the audit CSV", () => {
  it("quotes every field, doubles quotes and defuses spreadsheet formulas", () => {
    const csv = toCsv(
      ["#", "Event"],
      [
        [1, 'Said "yes", twice'],
        [2, '=HYPERLINK("x")'],
        [3, null],
      ],
    );
    expect(csv).toBe(
      '\uFEFF"#","Event"\r\n"1","Said ""yes"", twice"\r\n"2","\'=HYPERLINK(""x"")"\r\n"3",""\r\n',
    );
  });
});

describe("audit filters", () => {
  it("turns days on the viewer's calendar into instants", () => {
    const input = auditFilterSchema.parse({
      kind: "stance.cast",
      from: "2026-11-02",
      to: "2026-11-02",
      person: "",
    });
    const filter = toAuditFilter(input, "America/Mexico_City");
    expect(filter.kind).toBe("stance.cast");
    expect(filter.actorId).toBeUndefined();
    expect(filter.since?.toISOString()).toBe("2026-11-02T06:00:00.000Z");
    expect(filter.before?.toISOString()).toBe("2026-11-03T06:00:00.000Z");
  });

  it("refuses a kind that is not one and a date that is not a day", () => {
    expect(auditFilterSchema.safeParse({ kind: "drop.table" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: "yesterday" }).success).toBe(false);
  });
});

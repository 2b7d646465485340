import type { PMNode } from "~/modules/documents/prosemirror-json";
import type { ReportSource, SourcePaper } from "~/modules/report/report";

const text = (value: string, marks?: PMNode["marks"]): PMNode => ({
  type: "text",
  text: value,
  ...(marks ? { marks } : {}),
});
const p = (...content: (string | PMNode)[]): PMNode => ({
  type: "paragraph",
  content: content.map((c) => (typeof c === "string" ? text(c) : c)),
});
const doc = (...content: PMNode[]): PMNode => ({ type: "doc", content });

export const HOSTILE = {
  script: "<script>alert('x')</script>",
  markdown: "*not bold* _not italic_ [not a link](http://evil.example) # not a heading",
  lineStart: "1. not a list",
  javascript: "javascript:alert(document.cookie)",
};

/** A paper with headings, lists, links, accents and hostile strings in every place user text can go. */
export const FIXTURE_SECTIONS: SourcePaper["sections"] = [
  {
    key: "finding",
    title: "Finding",
    doc: doc(
      p(
        "La migración laboral ordenada beneficia a la región: niñas, niños y señoras de Peñasco ",
        text("también", [{ type: "italic" }]),
        ".",
      ),
    ),
  },
  {
    key: "recommendation",
    title: "Recommendation <b>now</b>",
    doc: doc(
      { type: "heading", attrs: { level: 2 }, content: [text("Visados regionales")] },
      p(
        "Open ",
        text("temporary work visas", [{ type: "bold" }]),
        " — see ",
        text("the study", [{ type: "link", attrs: { href: "https://example.org/estudio?a=1&b=2" } }]),
        " or ",
        text("write to us", [{ type: "link", attrs: { href: "mailto:secretaria@example.org" } }]),
        ".",
      ),
      p(text("Click me", [{ type: "link", attrs: { href: HOSTILE.javascript } }]), " ", HOSTILE.script),
      p(HOSTILE.markdown),
      p(HOSTILE.lineStart),
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [p("Año uno: piloto en Guatemala")] },
          {
            type: "listItem",
            content: [
              p("Second item"),
              {
                type: "orderedList",
                attrs: { start: 3 },
                content: [{ type: "listItem", content: [p("Nested third")] }],
              },
            ],
          },
        ],
      },
      {
        type: "orderedList",
        attrs: { start: 1 },
        content: [
          { type: "listItem", content: [p("Primero")] },
          { type: "listItem", content: [p("Segundo")] },
        ],
      },
      { type: "blockquote", content: [p("Una cita con acentos: ¿por qué? ¡Sí!")] },
      // Not in the schema: only its text may come through.
      {
        type: "iframe",
        attrs: { src: "javascript:alert(1)" },
        content: [text("Texto de un nodo desconocido")],
      },
    ),
  },
  {
    key: "evidence",
    title: "Context and evidence",
    doc: doc(p("Line one", { type: "hardBreak" }, "line two")),
  },
  { key: "implementation", title: "Implementation", doc: doc(p()) },
];

export function fixtureSource(overrides: Partial<ReportSource> = {}): ReportSource {
  return {
    group: { slug: "rmsg", name: "Regional Migration Study Group" },
    delegations: [
      {
        code: "US",
        name: "United States",
        nameEs: "Estados Unidos",
        members: [
          { name: "Margaret Ellison", role: "COCHAIR" },
          { name: "David Okafor", role: "MEMBER" },
          { name: "Thomas Brandt", role: "OBSERVER" },
        ],
      },
      {
        code: "MX",
        name: "Mexico",
        nameEs: "México",
        members: [
          { name: "Andrés Villaseñor", role: "COCHAIR" },
          { name: "Gabriela Núñez", role: "MEMBER" },
        ],
      },
      {
        code: "SV",
        name: "El Salvador",
        nameEs: "El Salvador",
        members: [{ name: "Roberto Alvarado", role: "MEMBER" }],
      },
    ],
    foreword: doc(p("Prólogo de la secretaría.")),
    summary: null,
    papers: [
      {
        id: "paper-1",
        title: "Legal pathways <i>for</i> labour mobility",
        sections: FIXTURE_SECTIONS,
        version: { number: 3, textHash: "a".repeat(64) },
        adoption: {
          kind: "CONSENSUS",
          onePerDelegation: false,
          adoptedAt: new Date("2026-03-20T15:00:00Z"),
          counts: { SUPPORT: 3, SUPPORT_WITH_RESERVATIONS: 1, ABSTAIN: 1 },
          perDelegation: {
            US: { eligible: 2, takingPart: 2 },
            MX: { eligible: 2, takingPart: 2 },
            SV: { eligible: 1, takingPart: 1 },
          },
        },
        statements: [
          {
            delegation: "SV",
            value: "SUPPORT_WITH_RESERVATIONS",
            statement: "El Salvador pide revisión anual. <script>x</script> *y*",
          },
        ],
      },
    ],
    audit: { count: 42, head: "b".repeat(64) },
    ...overrides,
  };
}

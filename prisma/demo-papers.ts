// The demo "Recommendation" template and four papers drafted on it, written for the demo on topics of
// the seed report (labour mobility, protection, remittances, return and reintegration).
import type { PMNode } from "../app/modules/papers/prosemirror-json";

export const RECOMMENDATION_TEMPLATE = {
  name: "Recommendation",
  description: "One finding of the report: a headline statement, the recommendation, its evidence, what each country does, and how it is implemented.",
  sections: [
    { key: "finding", title: "Finding", guidance: "One sentence the whole group can stand behind. It becomes the bold lead of the finding in the report.", required: true },
    { key: "recommendation", title: "Recommendation", guidance: "What governments should do, stated so a minister can act on it. One or two short paragraphs.", required: true },
    { key: "evidence", title: "Context and evidence", guidance: "The facts behind the finding: data, studies, programme results. Name your sources.", required: true },
    { key: "actions", title: "Actions by country", guidance: "One sub-heading per delegation (United States, Mexico, El Salvador, Guatemala, Honduras) with what that government commits to.", required: true },
    { key: "implementation", title: "Implementation and timeline", guidance: "Who acts, by when, and how the group will know it worked.", required: false },
  ],
};

const text = (value: string, marks?: PMNode["marks"]): PMNode => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const p = (...content: (string | PMNode)[]): PMNode => ({ type: "paragraph", content: content.map((c) => (typeof c === "string" ? text(c) : c)) });
const h = (level: 2 | 3, value: string): PMNode => ({ type: "heading", attrs: { level }, content: [text(value)] });
const bold = (value: string) => text(value, [{ type: "bold" }]);
const list = (...items: string[]): PMNode => ({ type: "bulletList", content: items.map((item) => ({ type: "listItem", content: [p(item)] })) });
const doc = (...content: PMNode[]): PMNode => ({ type: "doc", content });

export interface DemoPaper {
  title: string;
  lead: string;
  status: "DRAFT" | "REVIEW";
  /** The language the paper is drafted in (English when absent). */
  originalLanguage?: "en" | "es";
  sections: Partial<Record<string, PMNode>>;
  /** The other language, section by section (fragments "<key>:<lang>"). */
  translation?: Partial<Record<string, PMNode>>;
  /**
   * Sections whose translation was marked up to date, and against which text of the original: "current"
   * (up to date now) or an older original (the original changed since: out of date).
   */
  markedAgainst?: Partial<Record<string, "current" | PMNode>>;
  /** Who marked the translations (a demo account's email). */
  translator?: string;
}

export const DEMO_PAPERS: DemoPaper[] = [
  {
    title: "Legal pathways for regional labour mobility",
    lead: "MX",
    status: "REVIEW",
    sections: {
      finding: doc(p("Employers across the region need workers that legal channels do not supply, and that gap is filled by irregular migration and the smugglers who profit from it.")),
      recommendation: doc(
        p("The governments of the region should open ", bold("temporary work visas with a regional preference"), ": positions at mid and lower skill levels are offered first to workers from the region, with visas that can move with the worker to another employer after a reasonable period."),
        p("Wage floors and working conditions should be written into every visa, and an employer who breaks them should lose the right to sponsor."),
      ),
      evidence: doc(
        p("Net migration from Mexico to the United States has been close to zero for several years, while demand for seasonal work in agriculture, construction and care keeps rising."),
        p("Countries that let regional and local governments recruit the workers they need — Australia, Canada and New Zealand among them — report fewer overstays and better matches."),
      ),
      actions: doc(
        h(3, "United States"),
        p("Create a portable provisional visa and set its annual numbers through an independent labour-market commission."),
        h(3, "Mexico"),
        p("Certify recruiters, publish their fees, and register departing temporary workers so their rights can be followed up."),
        h(3, "El Salvador, Guatemala and Honduras"),
        p("Run pre-departure training with the employers' associations of receiving countries, in Spanish and in the main indigenous languages."),
      ),
      implementation: doc(list("First regional recruitment pilot in the agricultural season after adoption.", "Annual review of visa numbers against vacancy data.", "Joint report to the group after two seasons.")),
    },
  },
  {
    title: "Protection systems for people on the move",
    lead: "GT",
    status: "DRAFT",
    sections: {
      finding: doc(p("Asylum and protection systems in the region were built for a few thousand cases a year and now face hundreds of thousands; their backlogs push people towards irregular routes.")),
      recommendation: doc(p("Each country should be able to process a protection claim within six months, with shared standards for interviews, interpretation and appeals, and with cases of unaccompanied children handled first.")),
      actions: doc(h(3, "Guatemala"), p("Double the staff of the refugee commission and open two regional offices near the southern border.")),
    },
  },
  {
    title: "Cheaper and safer remittances",
    lead: "SV",
    status: "DRAFT",
    sections: {
      finding: doc(p("Remittances sustain millions of households in El Salvador, Guatemala and Honduras, yet a large share of every transfer is still lost to fees and poor exchange rates.")),
      recommendation: doc(p("Governments and central banks should bring the average cost of sending money within the region under three percent, and link remittances to savings, housing and small-business credit.")),
      evidence: doc(p("Transfers through mobile wallets and credit unions already cost a fraction of cash-to-cash services where they are allowed to compete.")),
    },
  },
  {
    title: "Return and reintegration of migrants",
    lead: "HN",
    status: "DRAFT",
    sections: {
      finding: doc(p("People who return, by choice or by removal, arrive without records of the skills they gained abroad and often leave again within a year.")),
    },
  },
  {
    // Bilingual: drafted in English and carried in Spanish. The finding and the evidence are up to date,
    // the recommendation changed after its translation was checked (out of date), the actions are
    // translated but not checked yet, and the implementation is not translated.
    title: "Recognising skills across borders",
    lead: "GT",
    status: "REVIEW",
    originalLanguage: "en",
    translator: "member.mx@example.org",
    sections: {
      finding: doc(p("Workers who return or move within the region lose years of experience because their skills and diplomas are not recognised from one country to the next.")),
      recommendation: doc(
        p("The governments of the region should agree on a common framework to certify skills, so that a certificate issued in one country is accepted in the others ", bold("within ninety days"), "."),
        p("Certification should be free for the worker and available in the consulates, not only in the capital."),
      ),
      evidence: doc(p("Surveys of returning migrants in Guatemala and Honduras show that most worked abroad in construction, agriculture or care, yet few hold any document of those skills.")),
      actions: doc(
        h(3, "Guatemala"),
        p("Open skills-assessment centres in the three departments that receive the most returnees."),
        h(3, "Mexico"),
        p("Accept the regional certificate in the national employment service."),
      ),
      implementation: doc(list("Common framework agreed by the labour ministries within a year.", "First regional certificates issued in the second year.")),
    },
    translation: {
      finding: doc(p("Las personas trabajadoras que regresan o se desplazan dentro de la región pierden años de experiencia porque sus competencias y títulos no se reconocen de un país a otro.")),
      recommendation: doc(
        p("Los gobiernos de la región deberían acordar un marco común para certificar competencias, de modo que un certificado expedido en un país sea aceptado en los demás."),
        p("La certificación debería ser asequible para el trabajador y estar disponible en los consulados."),
      ),
      evidence: doc(p("Las encuestas a personas migrantes que regresan a Guatemala y Honduras muestran que la mayoría trabajó en el extranjero en construcción, agricultura o cuidados, pero pocas tienen algún documento que acredite esas competencias.")),
      actions: doc(
        h(3, "Guatemala"),
        p("Abrir centros de evaluación de competencias en los tres departamentos que reciben más personas retornadas."),
        h(3, "México"),
        p("Aceptar el certificado regional en el servicio nacional de empleo."),
      ),
    },
    markedAgainst: {
      finding: "current",
      evidence: "current",
      // The English said this when the Spanish was last checked; the deadline and "free" came later.
      recommendation: doc(
        p("The governments of the region should agree on a common framework to certify skills, so that a certificate issued in one country is accepted in the others."),
        p("Certification should be affordable for the worker and available in the consulates."),
      ),
    },
  },
];

const orderedList = (...items: string[]): PMNode => ({ type: "orderedList", attrs: { start: 1 }, content: items.map((item) => ({ type: "listItem", content: [p(item)] })) });

/** Seeded as adopted by consensus through a real vote record (prisma/seed-adopted.ts), so the report has a finding. */
export const ADOPTED_PAPER: DemoPaper & { status: "REVIEW" } = {
  title: "Recognising the skills of workers who move",
  lead: "GT",
  status: "REVIEW",
  sections: {
    finding: doc(p("Workers who move within the region, and those who come home, lose years of their working lives because the skills they have are not recognised where they go.")),
    recommendation: doc(
      p("The governments of the region should ", bold("assess and certify skills against shared occupational standards"), ", starting with construction, agriculture, care and hospitality, and accept each other's certificates."),
      p("A certificate should be free for returning migrants and should be available before departure as well as after arrival."),
    ),
    evidence: doc(
      p("Employers in every country of the group report vacancies that workers with foreign or informal experience could fill but cannot prove they are able to."),
      p("Where certification centres already work with employers, certified workers find jobs sooner and earn more than those without papers for the same skills."),
    ),
    actions: doc(
      h(3, "United States"),
      p("Accept certificates issued under the shared standards for temporary work visas in the sectors covered."),
      h(3, "Mexico"),
      p("Extend the national competency system to returnees at border reception points."),
      h(3, "El Salvador, Guatemala and Honduras"),
      p("Open assessment centres with the labour ministries and the employers' associations, and record certificates in one regional register."),
    ),
    implementation: doc(orderedList("Shared standards for four sectors within a year of adoption.", "Mutual recognition agreement signed by every delegation.", "A first report on certified workers to the group after two years.")),
  },
};

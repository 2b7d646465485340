// The demo "Recommendation" template and four papers drafted on it, written for the demo on topics of
// the seed report (labour mobility, protection, remittances, return and reintegration).
import type { PMNode } from "../app/modules/documents/prosemirror-json";

export const RECOMMENDATION_TEMPLATE = {
  name: "Recommendation",
  nameEs: "Recomendación",
  descriptionEs:
    "Un hallazgo del informe: una afirmación principal, la recomendación, su evidencia, lo que hace cada país y cómo se pone en práctica.",
  description:
    "One finding of the report: a headline statement, the recommendation, its evidence, what each country does, and how it is implemented.",
  sections: [
    {
      key: "finding",
      title: "Finding",
      titleEs: "Hallazgo",
      guidance:
        "One sentence the whole group can stand behind. It becomes the bold lead of the finding in the report.",
      guidanceEs:
        "Una sola oración que todo el grupo pueda respaldar. En el informe será la frase inicial, en negrita, del hallazgo.",
      required: true,
    },
    {
      key: "recommendation",
      title: "Recommendation",
      titleEs: "Recomendación",
      guidance:
        "What governments should do, stated so a minister can act on it. One or two short paragraphs.",
      guidanceEs:
        "Lo que deben hacer los gobiernos, dicho de modo que una ministra o un ministro pueda actuar. Uno o dos párrafos breves.",
      required: true,
    },
    {
      key: "evidence",
      title: "Context and evidence",
      titleEs: "Contexto y evidencia",
      guidance: "The facts behind the finding: data, studies, programme results. Name your sources.",
      guidanceEs:
        "Los hechos en que se apoya el hallazgo: datos, estudios, resultados de programas. Cite sus fuentes.",
      required: true,
    },
    {
      key: "actions",
      title: "Actions by country",
      titleEs: "Acciones por país",
      guidance:
        "One sub-heading per delegation (United States, Mexico, El Salvador, Guatemala, Honduras) with what that government commits to.",
      guidanceEs:
        "Un subtítulo por delegación (Estados Unidos, México, El Salvador, Guatemala, Honduras) con lo que ese gobierno se compromete a hacer.",
      required: true,
    },
    {
      key: "implementation",
      title: "Implementation and timeline",
      titleEs: "Implementación y calendario",
      guidance: "Who acts, by when, and how the group will know it worked.",
      guidanceEs: "Quién actúa, para cuándo y cómo sabrá el grupo que dio resultado.",
      required: false,
    },
  ],
};

const text = (value: string, marks?: PMNode["marks"]): PMNode => ({
  type: "text",
  text: value,
  ...(marks ? { marks } : {}),
});
const p = (...content: (string | PMNode)[]): PMNode => ({
  type: "paragraph",
  content: content.map((c) => (typeof c === "string" ? text(c) : c)),
});
const h = (level: 2 | 3, value: string): PMNode => ({
  type: "heading",
  attrs: { level },
  content: [text(value)],
});
const bold = (value: string) => text(value, [{ type: "bold" }]);
const list = (...items: string[]): PMNode => ({
  type: "bulletList",
  content: items.map((item) => ({ type: "listItem", content: [p(item)] })),
});
const doc = (...content: PMNode[]): PMNode => ({ type: "doc", content });

export interface DemoPaper {
  title: string;
  /** The title in the paper's other language. */
  titleTranslation?: string;
  /** The original title the translation was written for, when it is not the title (out of date). */
  titleTranslationSource?: string;
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
    titleTranslation: "Vías legales para la movilidad laboral regional",
    lead: "MX",
    status: "REVIEW",
    sections: {
      finding: doc(
        p(
          "Employers across the region need workers that legal channels do not supply, and that gap is filled by irregular migration and the smugglers who profit from it.",
        ),
      ),
      recommendation: doc(
        p(
          "The governments of the region should open ",
          bold("temporary work visas with a regional preference"),
          ": positions at mid and lower skill levels are offered first to workers from the region, with visas that can move with the worker to another employer after a reasonable period.",
        ),
        p(
          "Wage floors and working conditions should be written into every visa, and an employer who breaks them should lose the right to sponsor.",
        ),
      ),
      evidence: doc(
        p(
          "Net migration from Mexico to the United States has been close to zero for several years, while demand for seasonal work in agriculture, construction and care keeps rising.",
        ),
        p(
          "Countries that let regional and local governments recruit the workers they need — Australia, Canada and New Zealand among them — report fewer overstays and better matches.",
        ),
      ),
      actions: doc(
        h(3, "United States"),
        p(
          "Create a portable provisional visa and set its annual numbers through an independent labour-market commission.",
        ),
        h(3, "Mexico"),
        p(
          "Certify recruiters, publish their fees, and register departing temporary workers so their rights can be followed up.",
        ),
        h(3, "El Salvador, Guatemala and Honduras"),
        p(
          "Run pre-departure training with the employers' associations of receiving countries, in Spanish and in the main indigenous languages.",
        ),
      ),
      implementation: doc(
        list(
          "First regional recruitment pilot in the agricultural season after adoption.",
          "Annual review of visa numbers against vacancy data.",
          "Joint report to the group after two seasons.",
        ),
      ),
    },
  },
  {
    title: "Protection systems for people on the move",
    titleTranslation: "Sistemas de protección para las personas en movimiento",
    lead: "GT",
    status: "DRAFT",
    sections: {
      finding: doc(
        p(
          "Asylum and protection systems in the region were built for a few thousand cases a year and now face hundreds of thousands; their backlogs push people towards irregular routes.",
        ),
      ),
      recommendation: doc(
        p(
          "Each country should be able to process a protection claim within six months, with shared standards for interviews, interpretation and appeals, and with cases of unaccompanied children handled first.",
        ),
      ),
      actions: doc(
        h(3, "Guatemala"),
        p(
          "Double the staff of the refugee commission and open two regional offices near the southern border.",
        ),
      ),
    },
  },
  {
    title: "Cheaper and safer remittances",
    titleTranslation: "Remesas más baratas y seguras",
    lead: "SV",
    status: "DRAFT",
    sections: {
      finding: doc(
        p(
          "Remittances sustain millions of households in El Salvador, Guatemala and Honduras, yet a large share of every transfer is still lost to fees and poor exchange rates.",
        ),
      ),
      recommendation: doc(
        p(
          "Governments and central banks should bring the average cost of sending money within the region under three percent, and link remittances to savings, housing and small-business credit.",
        ),
      ),
      evidence: doc(
        p(
          "Transfers through mobile wallets and credit unions already cost a fraction of cash-to-cash services where they are allowed to compete.",
        ),
      ),
    },
  },
  {
    title: "Return and reintegration of migrants",
    titleTranslation: "Retorno y reintegración de las personas migrantes",
    lead: "HN",
    status: "DRAFT",
    sections: {
      finding: doc(
        p(
          "People who return, by choice or by removal, arrive without records of the skills they gained abroad and often leave again within a year.",
        ),
      ),
    },
  },
  {
    // Bilingual: drafted in English and carried in Spanish. The finding and the evidence are up to date,
    // the recommendation changed after its translation was checked (out of date), the actions are
    // translated but not checked yet, and the implementation is not translated.
    title: "Consular protection for workers abroad",
    // The Spanish title was written when the paper was still about mobile consulates only: out of date.
    titleTranslation: "Consulados móviles para quienes trabajan en el exterior",
    titleTranslationSource: "Mobile consulates for workers abroad",
    lead: "MX",
    status: "REVIEW",
    originalLanguage: "en",
    translator: "member.mx@example.org",
    sections: {
      finding: doc(
        p(
          "Workers abroad often learn of their rights only when something has already gone wrong, and many cannot reach a consulate in time.",
        ),
      ),
      recommendation: doc(
        p(
          "Every country of the region should run mobile consulates that visit the places where its workers live and work, ",
          bold("at least once a month"),
          ".",
        ),
        p(
          "Consular staff should be trained to take labour complaints and pass them to the labour inspectors of the host country within two weeks.",
        ),
      ),
      evidence: doc(
        p(
          "Mobile consulates run by Mexico and Guatemala in farming areas have registered thousands of workers who had never been in touch with their consulate.",
        ),
      ),
      actions: doc(
        h(3, "Mexico"),
        p("Double the visits of mobile consulates to farms and building sites."),
        h(3, "El Salvador and Honduras"),
        p("Share consular offices where one of the two countries has no presence of its own."),
      ),
      implementation: doc(
        list(
          "A shared calendar of mobile consulate visits within six months.",
          "A yearly count of the complaints received and how they ended.",
        ),
      ),
    },
    translation: {
      finding: doc(
        p(
          "Las personas que trabajan en el extranjero suelen conocer sus derechos solo cuando algo ya salió mal, y muchas no logran llegar a tiempo a un consulado.",
        ),
      ),
      recommendation: doc(
        p(
          "Cada país de la región debería contar con consulados móviles que visiten los lugares donde viven sus trabajadores.",
        ),
        p(
          "El personal consular debería estar capacitado para recibir quejas laborales y remitirlas a las autoridades del país de acogida.",
        ),
      ),
      evidence: doc(
        p(
          "En los últimos años, los consulados móviles de México y Guatemala en zonas agrícolas han registrado a miles de trabajadores que nunca habían tenido contacto con su consulado.",
        ),
      ),
      actions: doc(
        h(3, "México"),
        p("Duplicar las visitas de los consulados móviles a fincas y obras de construcción."),
        h(3, "El Salvador y Honduras"),
        p("Compartir oficinas consulares donde uno de los dos países no tenga presencia propia."),
      ),
    },
    markedAgainst: {
      finding: "current",
      evidence: "current",
      // The English said this when the Spanish was last checked; "and work", the monthly visits and the
      // two-week deadline came later.
      recommendation: doc(
        p(
          "Every country of the region should run mobile consulates that visit the places where its workers live.",
        ),
        p(
          "Consular staff should be trained to take labour complaints and pass them to the authorities of the host country.",
        ),
      ),
    },
  },
];

const orderedList = (...items: string[]): PMNode => ({
  type: "orderedList",
  attrs: { start: 1 },
  content: items.map((item) => ({ type: "listItem", content: [p(item)] })),
});

/** Seeded as adopted by consensus through a real vote record (prisma/seed-adopted.ts), so the report has a finding. */
/** The paper under an open vote in the demo, with threads around it. */
export const VOTING_PAPER: DemoPaper & { status: "REVIEW" } = {
  title: "Fair recruitment without fees",
  titleTranslation: "Contratación equitativa sin cobro de comisiones",
  lead: "US",
  status: "REVIEW",
  sections: {
    finding: doc(
      p(
        "Workers who move for seasonal and temporary jobs still pay recruitment fees that can equal several months of wages, and many arrive in debt to the agents who placed them.",
      ),
    ),
    recommendation: doc(
      p(
        "Each country should ",
        bold("ban recruitment fees charged to workers"),
        ", keep a public registry of licensed recruiters, and share it with the other delegations every quarter.",
      ),
    ),
    evidence: doc(
      p(
        "Surveys of returning workers show that those hired through registered recruiters paid far less and reported fewer broken contracts.",
      ),
    ),
    actions: doc(
      list(
        "United States: publish the list of employers using the temporary worker visas.",
        "Mexico: open its registry of recruiters to the other delegations.",
        "Guatemala, Honduras and El Salvador: set up a complaint line for workers abroad.",
      ),
    ),
  },
};

export const ADOPTED_PAPER: DemoPaper & { status: "REVIEW" } = {
  title: "Recognising the skills of workers who move",
  titleTranslation: "Reconocimiento de las competencias de los trabajadores que migran",
  lead: "GT",
  status: "REVIEW",
  sections: {
    finding: doc(
      p(
        "Workers who move within the region, and those who come home, lose years of their working lives because the skills they have are not recognised where they go.",
      ),
    ),
    recommendation: doc(
      p(
        "The governments of the region should ",
        bold("assess and certify skills against shared occupational standards"),
        ", starting with construction, agriculture, care and hospitality, and accept each other's certificates.",
      ),
      p(
        "A certificate should be free for returning migrants and should be available before departure as well as after arrival.",
      ),
    ),
    evidence: doc(
      p(
        "Employers in every country of the group report vacancies that workers with foreign or informal experience could fill but cannot prove they are able to.",
      ),
      p(
        "Where certification centres already work with employers, certified workers find jobs sooner and earn more than those without papers for the same skills.",
      ),
    ),
    actions: doc(
      h(3, "United States"),
      p(
        "Accept certificates issued under the shared standards for temporary work visas in the sectors covered.",
      ),
      h(3, "Mexico"),
      p("Extend the national competency system to returnees at border reception points."),
      h(3, "El Salvador, Guatemala and Honduras"),
      p(
        "Open assessment centres with the labour ministries and the employers' associations, and record certificates in one regional register.",
      ),
    ),
    implementation: doc(
      orderedList(
        "Shared standards for four sectors within a year of adoption.",
        "Mutual recognition agreement signed by every delegation.",
        "A first report on certified workers to the group after two years.",
      ),
    ),
  },
  // Adopted in both languages, except the implementation, which the Spanish report gives in English, marked.
  originalLanguage: "en",
  translator: "member.gt@example.org",
  translation: {
    finding: doc(
      p(
        "Las personas trabajadoras que se desplazan dentro de la región, y las que regresan a casa, pierden años de su vida laboral porque las competencias que tienen no se reconocen allí adonde van.",
      ),
    ),
    recommendation: doc(
      p(
        "Los gobiernos de la región deberían ",
        bold("evaluar y certificar las competencias según normas ocupacionales comunes"),
        ", empezando por la construcción, la agricultura, los cuidados y la hostelería, y aceptar los certificados de los demás países.",
      ),
      p(
        "El certificado debería ser gratuito para las personas migrantes que regresan y estar disponible tanto antes de la salida como después de la llegada.",
      ),
    ),
    evidence: doc(
      p(
        "Los empleadores de todos los países del grupo señalan vacantes que podrían ocupar trabajadores con experiencia adquirida en el extranjero o en la economía informal, si pudieran demostrarla.",
      ),
      p(
        "Donde los centros de certificación ya trabajan con los empleadores, las personas certificadas encuentran empleo antes y ganan más que quienes tienen las mismas competencias sin papeles que las acrediten.",
      ),
    ),
    actions: doc(
      h(3, "Estados Unidos"),
      p(
        "Aceptar los certificados expedidos según las normas comunes para las visas de trabajo temporal en los sectores cubiertos.",
      ),
      h(3, "México"),
      p(
        "Extender el sistema nacional de competencias a las personas retornadas en los puntos de recepción fronterizos.",
      ),
      h(3, "El Salvador, Guatemala y Honduras"),
      p(
        "Abrir centros de evaluación con los ministerios de trabajo y las asociaciones de empleadores, y registrar los certificados en un único registro regional.",
      ),
    ),
  },
  markedAgainst: { finding: "current", recommendation: "current", evidence: "current", actions: "current" },
};

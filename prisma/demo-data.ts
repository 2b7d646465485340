// The demo study group. People are fictional; the shape (three co-chairs from the US, Mexico and
// Guatemala, members from five countries, a secretariat, an observer) follows the seed documents.
import type { Role } from "@prisma/client";

export const DEMO_PASSWORD = "acuerdo-demo";

export interface DemoPerson {
  email: string;
  name: string;
  locale: "en" | "es";
  role: Role;
  delegation: string | null;
}

export const DEMO_DELEGATIONS = [
  { code: "US", name: "United States", nameEs: "Estados Unidos", colour: "#1f5fa8" },
  { code: "MX", name: "Mexico", nameEs: "México", colour: "#0f7a4f" },
  { code: "SV", name: "El Salvador", nameEs: "El Salvador", colour: "#5b3fa6" },
  { code: "GT", name: "Guatemala", nameEs: "Guatemala", colour: "#a4501a" },
  { code: "HN", name: "Honduras", nameEs: "Honduras", colour: "#b0234a" },
] as const;

export const DEMO_GROUP = {
  slug: "rmsg",
  name: "Regional Migration Study Group",
  nameEs: "Grupo de Estudio Regional sobre Migración",
  description:
    "Delegations from the United States, Mexico, El Salvador, Guatemala and Honduras drafting shared recommendations on labour mobility, protection and development.",
  descriptionEs:
    "Delegaciones de Estados Unidos, México, El Salvador, Guatemala y Honduras que redactan recomendaciones comunes sobre movilidad laboral, protección y desarrollo.",
};

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    email: "cochair.us@example.org",
    name: "Margaret Ellison",
    locale: "en",
    role: "COCHAIR",
    delegation: "US",
  },
  {
    email: "cochair.mx@example.org",
    name: "Andrés Villaseñor",
    locale: "es",
    role: "COCHAIR",
    delegation: "MX",
  },
  {
    email: "cochair.gt@example.org",
    name: "Lucía Cabrera Ortiz",
    locale: "es",
    role: "COCHAIR",
    delegation: "GT",
  },
  { email: "member.us@example.org", name: "David Okafor", locale: "en", role: "MEMBER", delegation: "US" },
  { email: "member.mx@example.org", name: "Gabriela Núñez", locale: "es", role: "MEMBER", delegation: "MX" },
  {
    email: "member.sv@example.org",
    name: "Roberto Alvarado",
    locale: "es",
    role: "MEMBER",
    delegation: "SV",
  },
  {
    email: "member.gt@example.org",
    name: "Ana Sofía Chávez",
    locale: "es",
    role: "MEMBER",
    delegation: "GT",
  },
  { email: "member.hn@example.org", name: "Carlos Mejía", locale: "es", role: "MEMBER", delegation: "HN" },
  { email: "member2.us@example.org", name: "Jennifer Walsh", locale: "en", role: "MEMBER", delegation: "US" },
  {
    email: "member2.mx@example.org",
    name: "José Luis Herrera",
    locale: "es",
    role: "MEMBER",
    delegation: "MX",
  },
  { email: "member2.sv@example.org", name: "Marisol Campos", locale: "es", role: "MEMBER", delegation: "SV" },
  { email: "member2.gt@example.org", name: "Mario Estrada", locale: "es", role: "MEMBER", delegation: "GT" },
  {
    email: "member2.hn@example.org",
    name: "Patricia Zelaya",
    locale: "es",
    role: "MEMBER",
    delegation: "HN",
  },
  {
    email: "secretariat@example.org",
    name: "Elena Marsh",
    locale: "en",
    role: "SECRETARIAT",
    delegation: null,
  },
  { email: "observer@example.org", name: "Thomas Brandt", locale: "en", role: "OBSERVER", delegation: "US" },
];

/** A second, small group the US co-chair is not in, so the 404 rule can be seen. */
export const SECOND_GROUP = {
  slug: "remesas",
  name: "Remittances and Development Working Group",
  nameEs: "Grupo de Trabajo sobre Remesas y Desarrollo",
  description:
    "A smaller working group of Salvadoran, Guatemalan and Honduran delegates on remittances and local investment.",
  descriptionEs:
    "Un grupo de trabajo más pequeño, de delegados salvadoreños, guatemaltecos y hondureños, sobre remesas e inversión local.",
  delegations: ["SV", "GT", "HN"] as const,
  people: [
    { email: "cochair.gt@example.org", role: "COCHAIR" as Role, delegation: "GT" },
    { email: "member.sv@example.org", role: "MEMBER" as Role, delegation: "SV" },
    { email: "member.hn@example.org", role: "MEMBER" as Role, delegation: "HN" },
  ],
};

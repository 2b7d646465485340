// The demo report's foreword and executive summary, in English and Spanish: one Yjs state with a
// fragment per part, as the report's edit page saves it (app/modules/report/report.server.ts).
import * as Y from "yjs";
import type { PrismaClient } from "@prisma/client";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { editorSchema } from "../app/modules/documents/editor-schema";
import type { PMNode } from "../app/modules/documents/prosemirror-json";
import type { FrontMatterPart } from "../app/modules/report/report.schema";

const p = (value: string): PMNode => ({ type: "paragraph", content: [{ type: "text", text: value }] });
const list = (...items: string[]): PMNode => ({
  type: "bulletList",
  content: items.map((item) => ({ type: "listItem", content: [p(item)] })),
});
const doc = (...content: PMNode[]): PMNode => ({ type: "doc", content });

export const DEMO_FRONT_MATTER: Record<FrontMatterPart, PMNode> = {
  foreword: doc(
    p(
      "The Regional Migration Study Group brings together delegations from the United States, Mexico, El Salvador, Guatemala and Honduras. Its three co-chairs, from the United States, Mexico and Guatemala, lead some two dozen members from government, business, labour and civil society.",
    ),
    p(
      "This report gathers the findings the group has adopted. Each one opens with a headline statement, followed by a recommendation, the evidence behind it, and what each government commits to do.",
    ),
  ),
  forewordEs: doc(
    p(
      "El Grupo de Estudio Regional sobre Migración reúne a delegaciones de Estados Unidos, México, El Salvador, Guatemala y Honduras. Sus tres copresidencias, de Estados Unidos, México y Guatemala, coordinan a unas dos docenas de miembros del gobierno, las empresas, los sindicatos y la sociedad civil.",
    ),
    p(
      "Este informe reúne los hallazgos que el grupo ha adoptado. Cada uno se abre con una afirmación principal, seguida de una recomendación, la evidencia que la sustenta y lo que cada gobierno se compromete a hacer.",
    ),
  ),
  summary: doc(
    p(
      "Migration shapes the economies and societies of the five countries and the way they work with one another. Managed together, with legal pathways, protection and development at home, it serves every country better than each acting alone.",
    ),
    list(
      "Open legal pathways that match labour demand in agriculture, manufacturing and health care.",
      "Protect people on the move, with consular help wherever they work.",
      "Make remittances cheaper and safer, and turn them into local investment.",
    ),
  ),
  summaryEs: doc(
    p(
      "La migración moldea las economías y las sociedades de los cinco países y la manera en que cooperan entre sí. Gestionada en conjunto, con vías legales, protección y desarrollo en los lugares de origen, beneficia a cada país más que si cada uno actúa por su cuenta.",
    ),
    list(
      "Abrir vías legales que respondan a la demanda de trabajo en la agricultura, la manufactura y la salud.",
      "Proteger a las personas en movimiento, con asistencia consular dondequiera que trabajen.",
      "Abaratar y hacer más seguras las remesas, y convertirlas en inversión local.",
    ),
  ),
};

/** Writes the demo report's front matter once (a group that already has some keeps it). */
export async function seedFrontMatter(prisma: PrismaClient, groupId: string): Promise<number> {
  if (await prisma.reportFrontMatter.findUnique({ where: { groupId }, select: { groupId: true } })) return 0;
  const ydoc = new Y.Doc();
  for (const [part, content] of Object.entries(DEMO_FRONT_MATTER))
    prosemirrorJSONToYXmlFragment(editorSchema(), content, ydoc.getXmlFragment(part));
  const state = new Uint8Array(Y.encodeStateAsUpdate(ydoc));
  ydoc.destroy();
  await prisma.reportFrontMatter.create({ data: { groupId, state } });
  return 1;
}

import { seedFrontMatter } from "./seed-front-matter";
import type { PrismaClient } from "@prisma/client";
import { hashPassword } from "../app/modules/auth/passwords.server";
import { seedTemplateAndPapers } from "./seed-papers";
import { seedDemoActivity } from "./seed-activity";
import { seedSuggestionsPaper } from "./seed-suggestions";
import { RECOMMENDATION_TEMPLATE } from "./demo-papers";
import { DEMO_DELEGATIONS, DEMO_GROUP, DEMO_PASSWORD, DEMO_PEOPLE, SECOND_GROUP } from "./demo-data";

/** Seeds the demo only into an empty database (first start). */
export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.group.count()) > 0 || (await prisma.user.count()) > 0) return false;
  await seedDemo(prisma);
  return true;
}

/** Adds whatever part of the demo is missing; never changes or overwrites existing rows. */
export async function seedDemo(prisma: PrismaClient): Promise<{ created: number }> {
  let created = 0;
  const userIds = new Map<string, string>();
  for (const person of DEMO_PEOPLE) {
    const existing = await prisma.user.findUnique({ where: { email: person.email }, select: { id: true } });
    if (existing) {
      userIds.set(person.email, existing.id);
      continue;
    }
    const user = await prisma.user.create({
      data: {
        email: person.email,
        name: person.name,
        locale: person.locale,
        passwordHash: await hashPassword(DEMO_PASSWORD),
      },
    });
    userIds.set(person.email, user.id);
    created += 1;
  }

  created += await seedGroup(prisma, {
    ...DEMO_GROUP,
    delegations: DEMO_DELEGATIONS.map((d) => d.code),
    people: DEMO_PEOPLE.map((p) => ({ email: p.email, role: p.role, delegation: p.delegation })),
    userIds,
  });
  created += await seedGroup(prisma, {
    ...SECOND_GROUP,
    delegations: [...SECOND_GROUP.delegations],
    userIds,
  });
  const demoGroup = await prisma.group.findUniqueOrThrow({
    where: { slug: DEMO_GROUP.slug },
    select: { id: true },
  });
  created += await seedTemplateAndPapers(prisma, demoGroup.id, userIds.get("secretariat@example.org")!);
  const template = await prisma.template.findFirst({
    where: { groupId: demoGroup.id, name: RECOMMENDATION_TEMPLATE.name },
    select: { id: true },
  });
  if (template) created += await seedDemoActivity(prisma, demoGroup.id, template.id);
  created += await seedFrontMatter(prisma, demoGroup.id);
  if (template) created += await seedSuggestionsPaper(prisma, demoGroup.id, template.id);
  return { created };
}

async function seedGroup(
  prisma: PrismaClient,
  spec: {
    slug: string;
    name: string;
    nameEs: string;
    description: string;
    descriptionEs: string;
    delegations: string[];
    people: { email: string; role: DemoRole; delegation: string | null }[];
    userIds: Map<string, string>;
  },
): Promise<number> {
  if (await prisma.group.findUnique({ where: { slug: spec.slug }, select: { id: true } })) return 0;
  const group = await prisma.group.create({
    data: {
      slug: spec.slug,
      name: spec.name,
      nameEs: spec.nameEs,
      description: spec.description,
      descriptionEs: spec.descriptionEs,
    },
  });
  const delegationIds = new Map<string, string>();
  for (const [position, code] of spec.delegations.entries()) {
    const d = DEMO_DELEGATIONS.find((x) => x.code === code)!;
    const row = await prisma.delegation.create({
      data: { groupId: group.id, code: d.code, name: d.name, nameEs: d.nameEs, colour: d.colour, position },
    });
    delegationIds.set(code, row.id);
  }
  for (const person of spec.people) {
    await prisma.membership.create({
      data: {
        groupId: group.id,
        userId: spec.userIds.get(person.email)!,
        role: person.role,
        delegationId: person.delegation ? delegationIds.get(person.delegation)! : null,
      },
    });
  }
  return 1 + spec.delegations.length + spec.people.length;
}

type DemoRole = (typeof DEMO_PEOPLE)[number]["role"];

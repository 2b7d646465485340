import { db } from "~/db.server";

/**
 * The group the header's search box searches: the group in the address when the person belongs to it,
 * else their first group (by name); null without any group.
 */
export async function headerSearchSlug(userId: string, pathname: string): Promise<string | null> {
  const inPath = /^\/g\/([^/]+)/.exec(pathname)?.[1];
  const memberships = await db().membership.findMany({
    where: { userId },
    orderBy: { group: { name: "asc" } },
    select: { group: { select: { slug: true } } },
  });
  const slugs = memberships.map((m) => m.group.slug);
  return inPath && slugs.includes(inPath) ? inPath : (slugs[0] ?? null);
}

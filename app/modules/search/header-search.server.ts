import { sqlRows } from "~/sql.server";

/**
 * The group the header's search box searches: the group in the address when the person belongs to it,
 * else their first group (by name); null without any group.
 */
export async function headerSearchSlug(userId: string, pathname: string): Promise<string | null> {
  const inPath = /^\/g\/([^/]+)/.exec(pathname)?.[1];
  // Plain SQL (app/sql.server.ts): the header asks this on every page.
  const rows = await sqlRows<{ slug: string }>(
    `SELECT g.slug FROM "Membership" m JOIN "Group" g ON g.id = m."groupId"
      WHERE m."userId" = $1 ORDER BY g.name ASC`,
    [userId],
  );
  const slugs = rows.map((row) => row.slug);
  return inPath && slugs.includes(inPath) ? inPath : (slugs[0] ?? null);
}

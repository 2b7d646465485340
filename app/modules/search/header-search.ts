/**
 * The slugs of the groups of the user whose id is the SQL expression `userId`, by group name, as an
 * array subquery. Every page asks it, in one statement with the session (getPageHeader, app/http/sessions.server.ts).
 */
export function memberGroupSlugsSql(userId: string): string {
  return `ARRAY(SELECT g.slug FROM "Membership" m JOIN "Group" g ON g.id = m."groupId"
      WHERE m."userId" = ${userId} ORDER BY g.name ASC)`;
}

/**
 * The group the header's search box searches: the group in the address when the person belongs to it,
 * else their first group (by name); null without any group. `slugs` by group name.
 */
export function chooseHeaderSearchSlug(slugs: readonly string[], pathname: string): string | null {
  const inPath = /^\/g\/([^/]+)/.exec(pathname)?.[1];
  return inPath && slugs.includes(inPath) ? inPath : (slugs[0] ?? null);
}

import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "~/db.server";
import { applyMigrations, readMigrations } from "~/migrate.server";
import { seedDemo, seedDemoIfEmpty } from "../../prisma/seed";
import { DEMO_PEOPLE } from "../../prisma/demo-data";
import { databaseTargets } from "../support/services";
import { openFresh } from "../support/fresh-database";

const TABLES = [
  "User",
  "Group",
  "Delegation",
  "Membership",
  "Invite",
  "Template",
  "Paper",
  "AuditEvent",
  "Session",
] as const;

async function countAll(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await database.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = row.n;
  }
  return counts;
}

describe.each(databaseTargets())("database on %s", (target) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("applies every migration to an empty database, and nothing the second time", async () => {
    const opened = await openFresh(target);
    cleanup = opened.cleanup;
    const applied = await applyMigrations(opened.database.raw);
    expect(applied).toEqual(readMigrations().map((m) => m.name));
    const tables = await opened.database.raw.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const names = tables.map((t) => t.table_name);
    for (const table of [
      ...TABLES,
      "PaperUpdate",
      "PaperSnapshot",
      "Version",
      "Thread",
      "Comment",
      "Mention",
      "Notification",
      "Vote",
      "EligibleVoter",
      "Stance",
      "VoteOutcome",
      "ReportEntry",
    ]) {
      expect(names).toContain(table);
    }
    expect(await applyMigrations(opened.database.raw)).toEqual([]);
  });

  it("seeds the demo group once; seeding again changes nothing", async () => {
    const opened = await openFresh(target);
    cleanup = opened.cleanup;
    await applyMigrations(opened.database.raw);
    expect(await seedDemoIfEmpty(opened.database.prisma)).toBe(true);
    const first = await countAll(opened.database);
    expect(first.User).toBe(DEMO_PEOPLE.length);
    expect(first.Group).toBe(2);
    expect(first.Delegation).toBe(5 + 3);

    const hashBefore = (
      await opened.database.prisma.user.findUniqueOrThrow({ where: { email: "cochair.us@example.org" } })
    ).passwordHash;
    expect(await seedDemoIfEmpty(opened.database.prisma)).toBe(false);
    expect(await seedDemo(opened.database.prisma)).toEqual({ created: 0 });
    expect(await countAll(opened.database)).toEqual(first);
    const hashAfter = (
      await opened.database.prisma.user.findUniqueOrThrow({ where: { email: "cochair.us@example.org" } })
    ).passwordHash;
    expect(hashAfter).toBe(hashBefore);
  });

  it("gives the demo group the roles the README lists, and keeps the US co-chair out of the second group", async () => {
    const opened = await openFresh(target);
    cleanup = opened.cleanup;
    await applyMigrations(opened.database.raw);
    await seedDemo(opened.database.prisma);
    const memberships = await opened.database.prisma.membership.findMany({
      where: { group: { slug: "rmsg" } },
      select: { role: true, user: { select: { email: true } }, delegation: { select: { code: true } } },
    });
    const byEmail = new Map(memberships.map((m) => [m.user.email, m]));
    expect(byEmail.get("cochair.us@example.org")).toMatchObject({
      role: "COCHAIR",
      delegation: { code: "US" },
    });
    expect(byEmail.get("cochair.mx@example.org")).toMatchObject({
      role: "COCHAIR",
      delegation: { code: "MX" },
    });
    expect(byEmail.get("cochair.gt@example.org")).toMatchObject({
      role: "COCHAIR",
      delegation: { code: "GT" },
    });
    for (const code of ["us", "mx", "sv", "gt", "hn"])
      expect(byEmail.get(`member.${code}@example.org`)?.role).toBe("MEMBER");
    expect(byEmail.get("secretariat@example.org")).toMatchObject({ role: "SECRETARIAT", delegation: null });
    expect(byEmail.get("observer@example.org")?.role).toBe("OBSERVER");
    expect(memberships.length).toBeGreaterThanOrEqual(12);
    const second = await opened.database.prisma.membership.count({
      where: { group: { slug: "remesas" }, user: { email: "cochair.us@example.org" } },
    });
    expect(second).toBe(0);
  });
});

// The reads every request makes are plain SQL (app/sql.server.ts); they must answer exactly what the
// Prisma queries they replaced answered, on both databases and whatever the process's time zone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db.server";
import {
  findSessionUser,
  findSessionUserWith,
  hashToken,
  startSession,
} from "~/modules/auth/sessions.server";
import { unreadCountSql } from "~/modules/inbox/inbox.server";
import { memberGroupSlugsSql } from "~/modules/search/header-search";
import {
  delegationLook,
  getActor,
  getMembership,
  listGroupDelegations,
  readGroupRoster,
} from "~/modules/groups/memberships.server";
import { openSeeded } from "../support/fresh-database";
import { databaseTargets } from "../support/services";

describe.each(databaseTargets())("hot reads on %s", (target) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  const zone = process.env.TZ;

  beforeAll(async () => {
    ({ database, cleanup } = await openSeeded(target));
    // Far from UTC: a timestamp read in the local zone would be six hours off.
    process.env.TZ = "America/Guatemala";
  }, 120_000);
  afterAll(async () => {
    process.env.TZ = zone;
    await cleanup();
  });

  const member = () =>
    database.prisma.user.findUniqueOrThrow({
      where: { email: "member.gt@example.org" },
      select: { id: true, email: true, name: true, locale: true, timeZone: true, passwordChangedAt: true },
    });

  it("finds a session's user with the same fields and dates Prisma reads", async () => {
    const user = await member();
    const token = await startSession(user.id, "vitest");
    const found = await findSessionUser(token);
    expect(found?.user).toEqual(user);
    expect(found?.user.passwordChangedAt.getTime()).toBe(user.passwordChangedAt.getTime());
  });

  it("finds no user for an unknown token or an expired session", async () => {
    const user = await member();
    expect(await findSessionUser("no-such-token")).toBeNull();
    const token = await startSession(user.id, "vitest");
    // One second ago, in UTC as Prisma writes it: expired, whatever the process's zone.
    await database.prisma.session.update({
      where: { id: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await findSessionUser(token)).toBeNull();
    // An hour ahead: alive (a zone error of six hours would call it expired).
    await database.prisma.session.update({
      where: { id: hashToken(token) },
      data: { expiresAt: new Date(Date.now() + 3_600_000) },
    });
    expect((await findSessionUser(token))?.user.id).toBe(user.id);
  });

  it("reads the header's unread count and groups with the session, as Prisma counts and orders them", async () => {
    // The US co-chair belongs to one demo group, the secretariat to both.
    for (const email of ["cochair.us@example.org", "secretariat@example.org", "member.hn@example.org"]) {
      const user = await database.prisma.user.findUniqueOrThrow({ where: { email } });
      const token = await startSession(user.id, "vitest");
      const found = await findSessionUserWith<{ unread: number; slugs: string[] }>(
        token,
        `${unreadCountSql("u.id")} AS unread, ${memberGroupSlugsSql("u.id")} AS slugs`,
      );
      expect(found?.user.id).toBe(user.id);
      const memberships = await database.prisma.membership.findMany({
        where: { userId: user.id },
        select: { group: { select: { slug: true, name: true } } },
      });
      const slugs = memberships
        .map((m) => m.group)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((g) => g.slug);
      expect(found?.extra.slugs, email).toEqual(slugs);
      const unread = await database.prisma.notification.count({
        where: { userId: user.id, readAt: null, group: { memberships: { some: { userId: user.id } } } },
      });
      expect(found?.extra.unread, email).toBe(unread);
    }
    // The demo gives member.hn an unread mention: a count of zero everywhere would prove nothing.
    const hn = await database.prisma.user.findUniqueOrThrow({ where: { email: "member.hn@example.org" } });
    const token = await startSession(hn.id, "vitest");
    const found = await findSessionUserWith<{ unread: number }>(token, `${unreadCountSql("u.id")} AS unread`);
    expect(found?.extra.unread).toBeGreaterThan(0);
    expect(await findSessionUserWith("no-such-token", `${unreadCountSql("u.id")} AS unread`)).toBeNull();
  });

  it("answers a member's group and role, and nothing for a non-member or an unknown group", async () => {
    const user = await member();
    const group = await database.prisma.group.findUniqueOrThrow({ where: { slug: "rmsg" } });
    const membership = await database.prisma.membership.findUniqueOrThrow({
      where: { groupId_userId: { groupId: group.id, userId: user.id } },
    });
    const context = await getMembership(user.id, "rmsg");
    expect(context).toEqual({
      group: {
        id: group.id,
        slug: group.slug,
        name: group.name,
        nameEs: group.nameEs,
        description: group.description,
        descriptionEs: group.descriptionEs,
      },
      actor: { userId: user.id, role: membership.role, delegationId: membership.delegationId },
    });
    // The WebSocket's lookup: the same Actor, with the delegation's code and colour.
    const delegation = await database.prisma.delegation.findUniqueOrThrow({
      where: { id: membership.delegationId! },
    });
    expect(await getActor(user.id, group.id)).toEqual({
      actor: context?.actor,
      look: { code: delegation.code, colour: delegation.colour },
    });
    expect(await getMembership(user.id, "no-such-group")).toBeNull();
    expect(await getMembership(user.id, "../rmsg")).toBeNull();
    // The US co-chair is not in the second demo group.
    const outsider = await database.prisma.user.findUniqueOrThrow({
      where: { email: "cochair.us@example.org" },
    });
    expect(await getMembership(outsider.id, "remesas")).toBeNull();
    const remesas = await database.prisma.group.findUniqueOrThrow({ where: { slug: "remesas" } });
    expect(await getActor(outsider.id, remesas.id)).toBeNull();
  });

  it("gives the secretariat's actor no delegation look", async () => {
    const secretariat = await database.prisma.membership.findFirstOrThrow({
      where: { role: "SECRETARIAT", delegationId: null },
      select: { userId: true, groupId: true },
    });
    expect((await getActor(secretariat.userId, secretariat.groupId))?.look).toBeNull();
  });

  it("reads a group's delegations in the roster's order, and a delegation's look from them", async () => {
    const group = await database.prisma.group.findUniqueOrThrow({ where: { slug: "rmsg" } });
    const expected = await database.prisma.delegation.findMany({
      where: { groupId: group.id },
      orderBy: [{ position: "asc" }, { code: "asc" }],
    });
    expect(expected.length).toBeGreaterThan(1);
    const delegations = await listGroupDelegations(group.id);
    expect(delegations).toEqual(expected);
    const first = expected[0];
    expect(delegationLook(delegations, first.id)).toEqual({ code: first.code, colour: first.colour });
    expect(delegationLook(delegations, null)).toBeNull();
    // Another group's delegation has no look in this group.
    const other = await database.prisma.delegation.findFirstOrThrow({
      where: { groupId: { not: group.id } },
    });
    expect(delegationLook(delegations, other.id)).toBeNull();
    // The roster's rows: the same delegations, and every membership with its member.
    const rows = await readGroupRoster(group.id);
    expect(rows.delegations).toEqual(expected);
    expect(rows.memberships.length).toBe(
      await database.prisma.membership.count({ where: { groupId: group.id } }),
    );
  });

  it("reads bytes through Prisma as the bytes written", async () => {
    const group = await database.prisma.group.findUniqueOrThrow({ where: { slug: "rmsg" } });
    // Every byte value, and long enough to have been slow as an array of numbers.
    const state = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256);
    await database.prisma.reportFrontMatter.upsert({
      where: { groupId: group.id },
      create: { groupId: group.id, state },
      update: { state },
    });
    const row = await database.prisma.reportFrontMatter.findUniqueOrThrow({ where: { groupId: group.id } });
    expect(row.state).toBeInstanceOf(Uint8Array);
    expect(Buffer.compare(Buffer.from(row.state!), Buffer.from(state))).toBe(0);
    const rows = await database.prisma.reportFrontMatter.findMany({ select: { state: true } });
    expect(rows.some((r) => r.state?.byteLength === state.byteLength)).toBe(true);
  });
});

// The loaders of one page read the session's user and the user's membership once (app/http/
// request-scope.server.ts): Remix hands each loader its own Request, so the sharing must not depend on it.
// Shown without counting queries: a change made between two loaders' reads is not seen inside the request
// (one read answered both) and is seen by the next request and outside any request scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db.server";
import { loadEnv, setEnv } from "~/env.server";
import { requireGroupAccess, requirePaperAccess } from "~/http/access.server";
import { runInRequestScope } from "~/http/request-scope.server";
import { createSession, getUser } from "~/http/sessions.server";
import { openSeeded } from "../support/fresh-database";
import { databaseTargets } from "../support/services";

const ORIGIN = "http://localhost:3000";

describe.each(databaseTargets())("reads shared within one request on %s", (target) => {
  let database: Database;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    setEnv(loadEnv({ ...process.env, SESSION_SECRET: "s".repeat(40) }));
    ({ database, cleanup } = await openSeeded(target));
  }, 120_000);
  afterAll(async () => {
    await cleanup();
  });

  const pageRequest = (cookie: string) => new Request(`${ORIGIN}/g/rmsg`, { headers: { Cookie: cookie } });

  async function signIn(email: string) {
    const user = await database.prisma.user.findUniqueOrThrow({ where: { email } });
    const cookie = (await createSession(new Request(`${ORIGIN}/login`), user.id)).split(";")[0];
    return { user, cookie };
  }

  it("reads the session once for all loaders of a request", async () => {
    const { user, cookie } = await signIn("member.gt@example.org");
    await runInRequestScope(async () => {
      expect((await getUser(pageRequest(cookie)))?.id).toBe(user.id);
      // Signed out elsewhere while this request's loaders run: they answer the same user.
      await database.prisma.session.deleteMany({ where: { userId: user.id } });
      expect((await getUser(pageRequest(cookie)))?.id).toBe(user.id);
    });
    // The next request, and a read outside any request, see the session is gone.
    expect(await runInRequestScope(() => getUser(pageRequest(cookie)))).toBeNull();
    expect(await getUser(pageRequest(cookie))).toBeNull();
  });

  it("keeps different sessions apart within one scope", async () => {
    const gt = await signIn("member.gt@example.org");
    const mx = await signIn("member.mx@example.org");
    await runInRequestScope(async () => {
      expect((await getUser(pageRequest(gt.cookie)))?.id).toBe(gt.user.id);
      expect((await getUser(pageRequest(mx.cookie)))?.id).toBe(mx.user.id);
    });
  });

  it("reads the membership once for the group layout and the page", async () => {
    const { user, cookie } = await signIn("member.gt@example.org");
    const params = { slug: "rmsg" };
    const membership = () =>
      database.prisma.membership.findFirstOrThrow({ where: { userId: user.id, group: { slug: "rmsg" } } });
    const before = await membership();
    try {
      await runInRequestScope(async () => {
        const layout = await requireGroupAccess(pageRequest(cookie), params);
        expect(layout.actor.role).toBe(before.role);
        await database.prisma.membership.update({ where: { id: before.id }, data: { role: "OBSERVER" } });
        const page = await requireGroupAccess(pageRequest(cookie), params);
        expect(page.actor.role).toBe(before.role);
      });
      const next = await runInRequestScope(() => requireGroupAccess(pageRequest(cookie), params));
      expect(next.actor.role).toBe("OBSERVER");
    } finally {
      await database.prisma.membership.update({ where: { id: before.id }, data: { role: before.role } });
    }
  });

  it("grants a group only to a valid session of one of its members, read beside the session", async () => {
    const params = { slug: "rmsg" };
    const status = async (work: () => Promise<unknown>) => {
      try {
        await work();
        return "ok";
      } catch (thrown) {
        if (thrown instanceof Response) return thrown.status;
        throw thrown;
      }
    };
    // A member, inside and outside a request scope (the membership read batched and alone).
    const member = await signIn("member.gt@example.org");
    const access = await runInRequestScope(() => requireGroupAccess(pageRequest(member.cookie), params));
    expect(access.user.id).toBe(member.user.id);
    expect(access.actor.userId).toBe(member.user.id);
    expect((await requireGroupAccess(pageRequest(member.cookie), params)).actor.userId).toBe(member.user.id);
    // Another group's slug, and one that is not a slug: not found.
    for (const slug of ["no-such-group", "../etc", ""])
      expect(
        await status(() => runInRequestScope(() => requireGroupAccess(pageRequest(member.cookie), { slug }))),
      ).toBe(404);
    // A signed-in person who is not a member: not found.
    const outsider = await database.prisma.user.create({
      data: { email: `outsider-${Date.now()}@example.org`, name: "Outsider", passwordHash: "x" },
    });
    const outsiderCookie = (await createSession(new Request(`${ORIGIN}/login`), outsider.id)).split(";")[0];
    expect(
      await status(() => runInRequestScope(() => requireGroupAccess(pageRequest(outsiderCookie), params))),
    ).toBe(404);
    // An expired session of a member: sent to sign in, whatever its membership says.
    await database.prisma.session.updateMany({
      where: { userId: member.user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(
      await status(() => runInRequestScope(() => requireGroupAccess(pageRequest(member.cookie), params))),
    ).toBe(302);
    // No cookie, and a forged one: sent to sign in.
    expect(await status(() => runInRequestScope(() => requireGroupAccess(pageRequest(""), params)))).toBe(
      302,
    );
    expect(
      await status(() =>
        runInRequestScope(() => requireGroupAccess(pageRequest("acuerdo_session=forged"), params)),
      ),
    ).toBe(302);
  });

  it("answers a paper only within its own group, and only to a member", async () => {
    const member = await signIn("member.gt@example.org");
    const rmsg = await database.prisma.group.findUniqueOrThrow({ where: { slug: "rmsg" } });
    const mine = await database.prisma.paper.findFirstOrThrow({ where: { groupId: rmsg.id } });
    // Another group, which the member is not in, with a paper of its own.
    const other = await database.prisma.group.create({
      data: { slug: `other-${Date.now()}`, name: "Other" },
    });
    const theirs = await database.prisma.paper.create({
      data: { groupId: other.id, title: "Not yours", createdById: member.user.id },
    });
    const status = async (slug: string, paperId: string) => {
      try {
        const found = await runInRequestScope(() =>
          requirePaperAccess(pageRequest(member.cookie), { slug, paperId }),
        );
        return found.paper.id;
      } catch (thrown) {
        if (thrown instanceof Response) return thrown.status;
        throw thrown;
      }
    };
    expect(await status("rmsg", mine.id)).toBe(mine.id);
    // Their paper under this group's slug, under their own slug, and papers that do not exist.
    expect(await status("rmsg", theirs.id)).toBe(404);
    expect(await status(other.slug, theirs.id)).toBe(404);
    expect(await status(other.slug, mine.id)).toBe(404);
    expect(await status("rmsg", "no-such-paper")).toBe(404);
    expect(await status("rmsg", "")).toBe(404);
    // Signed out: sent to sign in, even for a paper that exists.
    await database.prisma.session.deleteMany({ where: { userId: member.user.id } });
    expect(await status("rmsg", mine.id)).toBe(302);
  });
});

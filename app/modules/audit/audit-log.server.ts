// The audit log as people read it: filtered events and the names their sentences need.
import type { Prisma } from "@prisma/client";
import { db } from "~/db.server";
import type { AuditFilter } from "./audit-filters";
import type { AuditEventView, AuditNames } from "./describe";

export const AUDIT_PAGE_SIZE = 500;

export interface AuditRow extends AuditEventView {
  seq: number;
  hash: string;
  createdAt: Date;
}

async function whereFor(groupId: string, filter: AuditFilter): Promise<Prisma.AuditEventWhereInput> {
  const where: Prisma.AuditEventWhereInput = { groupId };
  if (filter.kind) where.type = filter.kind;
  if (filter.actorId) where.actorId = filter.actorId;
  if (filter.since || filter.before) where.createdAt = { gte: filter.since, lt: filter.before };
  if (filter.paperId) {
    // A paper's events are its own and those of its votes.
    const votes = await db().vote.findMany({
      where: { paperId: filter.paperId, paper: { groupId } },
      select: { id: true },
    });
    where.OR = [
      { subjectType: "paper", subjectId: filter.paperId },
      { subjectType: "vote", subjectId: { in: votes.map((v) => v.id) } },
    ];
  }
  return where;
}

/** Events matching the filter, newest first, with the total that matched. */
export async function listAuditRows(
  groupId: string,
  filter: AuditFilter,
  take: number = AUDIT_PAGE_SIZE,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = await whereFor(groupId, filter);
  const [events, total, memberships] = await Promise.all([
    db().auditEvent.findMany({
      where,
      orderBy: { seq: "desc" },
      take,
      select: {
        seq: true,
        type: true,
        actorId: true,
        subjectType: true,
        subjectId: true,
        data: true,
        createdAt: true,
        hash: true,
        actor: { select: { name: true } },
      },
    }),
    db().auditEvent.count({ where }),
    db().membership.findMany({
      where: { groupId },
      select: { userId: true, delegation: { select: { code: true } } },
    }),
  ]);
  const codes = new Map(memberships.map((m) => [m.userId, m.delegation?.code ?? null]));
  return {
    total,
    rows: events.map((e) => ({
      seq: e.seq,
      hash: e.hash,
      type: e.type,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      data: e.data,
      createdAt: e.createdAt,
      actor: e.actor ? { name: e.actor.name, delegation: codes.get(e.actorId ?? "") ?? null } : null,
    })),
  };
}

/** Everything in the group an event may name, and the choices of the person and paper filters. */
export async function loadAuditNames(groupId: string) {
  const [papers, votes, members, delegations, templates, actors] = await Promise.all([
    db().paper.findMany({ where: { groupId }, select: { id: true, title: true }, orderBy: { title: "asc" } }),
    db().vote.findMany({ where: { paper: { groupId } }, select: { id: true, paperId: true } }),
    db().membership.findMany({ where: { groupId }, select: { user: { select: { id: true, name: true } } } }),
    db().delegation.findMany({
      where: { groupId },
      select: { id: true, code: true, name: true, nameEs: true },
    }),
    db().template.findMany({ where: { groupId }, select: { id: true, name: true } }),
    // People who appear in the log, members or not any more.
    db().user.findMany({
      where: { auditEvents: { some: { groupId } } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const users = new Map<string, string>();
  for (const a of actors) users.set(a.id, a.name);
  for (const m of members) users.set(m.user.id, m.user.name);
  const names: AuditNames = {
    papers: new Map(papers.map((p) => [p.id, p.title])),
    votes: new Map(votes.map((v) => [v.id, v.paperId])),
    users,
    delegations: new Map(delegations.map((d) => [d.id, d])),
    templates: new Map(templates.map((t) => [t.id, t.name])),
  };
  return {
    names,
    people: actors.map((a) => ({ id: a.id, name: a.name })),
    papers: papers.map((p) => ({ id: p.id, title: p.title })),
  };
}

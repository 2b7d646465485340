import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireGroupAccess } from "~/http/access.server";
import { readGroupRoster, rosterOf } from "~/modules/groups/memberships.server";
import { can } from "~/modules/policy/policy";
import { DelegationBadge } from "~/components/DelegationBadge";
import { PaperList } from "~/components/PaperList";
import { InLanguage } from "~/components/ShownText";
import { groupText } from "~/modules/translations/bilingual-text";
import { listPapers, PAPERS_PER_PAGE } from "~/modules/papers/papers.server";
import { pageCount, pageSearch, shownRange } from "~/modules/papers/paper-pages";
import { countOutOfDateTranslations } from "~/modules/translations/translations.server";
import { paperFilterSchema } from "~/modules/papers/papers.schema";
import { PAPER_STATUSES } from "~/modules/policy/policy";
import { useLocale, useT } from "~/i18n/use-t";
import { GroupDashboard } from "~/components/GroupDashboard";
import { getGroupDashboard } from "~/modules/dashboard/dashboard.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor, user } = await requireGroupAccess(request, params);
  const filter = paperFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const now = new Date();
  // The roster and the dashboard are both built from the group's delegations and memberships: read once.
  const rosterRows = readGroupRoster(group.id);
  const [roster, listed, dashboard] = await Promise.all([
    rosterRows.then(rosterOf),
    listPapers(group.id, filter),
    getGroupDashboard(group.id, actor, now, rosterRows),
  ]);
  const paging = { page: filter.page ?? 1, perPage: PAPERS_PER_PAGE, total: listed.total };
  // Past the last page (papers withdrawn meanwhile, an edited address): the last page.
  const last = pageCount(paging);
  if (paging.page > last) throw redirect(`/g/${group.slug}${pageSearch(filter, last)}`);
  const timeZone = user.timeZone;
  const outOfDate = await countOutOfDateTranslations(listed.papers.map((p) => p.id));
  return {
    group,
    dashboard,
    timeZone,
    now: now.toISOString(),
    filter,
    papers: listed.papers.map((p) => ({ ...p, translationsOutOfDate: outOfDate.get(p.id) ?? 0 })),
    paging,
    canCreatePaper: can(actor, "paper.create"),
    userId: user.id,
    canManageMembers: can(actor, "member.manage"),
    delegations: roster.delegations.map((d) => ({
      id: d.id,
      code: d.code,
      name: d.name,
      nameEs: d.nameEs,
      colour: d.colour,
      members: d.members.map((m) => ({ id: m.id, role: m.role, name: m.user.name, userId: m.user.id })),
    })),
    unaffiliated: roster.unaffiliated.map((m) => ({
      id: m.id,
      role: m.role,
      name: m.user.name,
      userId: m.user.id,
    })),
  };
}

interface Person {
  id: string;
  role: "COCHAIR" | "MEMBER" | "SECRETARIAT" | "OBSERVER";
  name: string;
  userId: string;
}

function PeopleList({ people, userId }: { people: Person[]; userId: string }) {
  const tr = useT();
  return (
    <ul role="list" className="people">
      {people.map((p) => (
        <li key={p.id}>
          <span>{p.name}</span>
          {p.userId === userId ? <span className="muted"> ({tr("group.you")})</span> : null}
          <span className={`role role-${p.role.toLowerCase()}`}>{tr(`role.${p.role}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/** "Papers 51–100 of 230", and links to the newer and older pages, when the list takes more than one. */
function PaperPagesNav({
  filter,
  paging,
}: {
  filter: { status?: string; lead?: string };
  paging: { page: number; perPage: number; total: number };
}) {
  const tr = useT();
  const pages = pageCount(paging);
  if (pages <= 1) return null;
  const { from, to } = shownRange(paging);
  return (
    <nav className="list-pages" aria-label={tr("papers.pagesLabel")}>
      <p className="muted small">{tr("papers.pageRange", { from, to, total: paging.total })}</p>
      <div className="list-pages-links">
        {paging.page > 1 ? (
          <Link to={pageSearch(filter, paging.page - 1)} rel="prev">
            {tr("papers.pageNewer")}
          </Link>
        ) : null}
        {paging.page < pages ? (
          <Link to={pageSearch(filter, paging.page + 1)} rel="next">
            {tr("papers.pageOlder")}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

export default function GroupHome() {
  const {
    group,
    delegations,
    unaffiliated,
    userId,
    canManageMembers,
    papers,
    paging,
    filter,
    canCreatePaper,
    dashboard,
    timeZone,
    now,
  } = useLoaderData<typeof loader>();
  const tr = useT();
  const locale = useLocale();
  return (
    <>
      <h1>
        <InLanguage texts={groupText(group.name, group.nameEs)} />
      </h1>
      {group.description || group.descriptionEs ? (
        <p>
          <InLanguage texts={groupText(group.description, group.descriptionEs)} />
        </p>
      ) : null}
      <GroupDashboard slug={group.slug} dashboard={dashboard} timeZone={timeZone} now={now} />
      <section aria-labelledby="papers-heading" className="panel">
        <div className="section-head">
          <h2 id="papers-heading">{tr("group.papers")}</h2>
          {canCreatePaper ? <Link to={`/g/${group.slug}/papers/new`}>{tr("papers.new")}</Link> : null}
        </div>
        <Form method="get" className="filters">
          <div className="field">
            <label htmlFor="filter-status">{tr("papers.filterStatus")}</label>
            <select id="filter-status" name="status" defaultValue={filter.status ?? ""}>
              <option value="">{tr("papers.filterAll")}</option>
              {PAPER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tr(`paper.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-lead">{tr("papers.filterLead")}</label>
            <select id="filter-lead" name="lead" defaultValue={filter.lead ?? ""}>
              <option value="">{tr("papers.filterAll")}</option>
              {delegations.map((d) => (
                <option key={d.code} value={d.code}>
                  {locale === "es" && d.nameEs ? d.nameEs : d.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            {tr("papers.filterApply")}
          </button>
        </Form>
        {papers.length === 0 ? (
          <p className="muted">
            {filter.status || filter.lead ? tr("papers.none") : tr("group.papersEmpty")}
          </p>
        ) : (
          <PaperList slug={group.slug} papers={papers} />
        )}
        <PaperPagesNav filter={filter} paging={paging} />
      </section>
      <section aria-labelledby="delegations-heading">
        <div className="section-head">
          <h2 id="delegations-heading">{tr("group.delegations")}</h2>
          {canManageMembers ? <Link to={`/g/${group.slug}/members`}>{tr("group.manageMembers")}</Link> : null}
        </div>
        <div className="cards">
          {delegations.map((d) => {
            const label = locale === "es" && d.nameEs ? d.nameEs : d.name;
            return (
              <article key={d.id} className="card" aria-labelledby={`delegation-${d.code}`}>
                <h3 id={`delegation-${d.code}`}>
                  <DelegationBadge code={d.code} colour={d.colour} label={label} /> {label}
                </h3>
                <p className="muted">{tr("group.membersCount", { count: d.members.length })}</p>
                <PeopleList people={d.members} userId={userId} />
              </article>
            );
          })}
          {unaffiliated.length > 0 ? (
            <article className="card" aria-labelledby="delegation-none">
              <h3 id="delegation-none">{tr("group.noDelegation")}</h3>
              <PeopleList people={unaffiliated} userId={userId} />
            </article>
          ) : null}
        </div>
      </section>
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireGroupAccess } from "~/http/access.server";
import { can } from "~/modules/policy/policy";
import { useT } from "~/i18n/use-t";
import { InLanguage } from "~/components/ShownText";
import { groupText } from "~/modules/translations/bilingual-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.group.name} · Acuerdo` : "Acuerdo" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  return {
    group,
    role: actor.role,
    canManageMembers: can(actor, "member.manage"),
    canReadAudit: can(actor, "audit.read"),
    canReadOutbox: can(actor, "outbox.read"),
    canEditGroup: can(actor, "group.edit"),
  };
}

export default function GroupLayout() {
  const { group, canReadAudit, canReadOutbox, canEditGroup } = useLoaderData<typeof loader>();
  const tr = useT();
  return (
    <div className="group-layout">
      <nav aria-label={tr("nav.groupSections")} className="group-nav">
        <p className="group-name">
          <InLanguage texts={groupText(group.name, group.nameEs)} />
        </p>
        <ul role="list">
          <li>
            <NavLink to={`/g/${group.slug}`} end>
              {tr("nav.overview")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`/g/${group.slug}/members`}>{tr("nav.members")}</NavLink>
          </li>
          <li>
            <NavLink to={`/g/${group.slug}/templates`}>{tr("nav.templates")}</NavLink>
          </li>
          <li>
            <NavLink to={`/g/${group.slug}/report`}>{tr("nav.report")}</NavLink>
          </li>
          {canReadAudit ? (
            <li>
              <NavLink to={`/g/${group.slug}/audit`}>{tr("nav.audit")}</NavLink>
            </li>
          ) : null}
          {canEditGroup ? (
            <li>
              <NavLink to={`/g/${group.slug}/details`}>{tr("nav.groupDetails")}</NavLink>
            </li>
          ) : null}
          {canReadOutbox ? (
            <li>
              <NavLink to={`/g/${group.slug}/outbox`}>{tr("outbox.nav")}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <div className="group-content">
        <Outlet />
      </div>
    </div>
  );
}

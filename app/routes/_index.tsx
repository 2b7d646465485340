import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/auth/sessions.server";
import { listMyGroups } from "~/modules/groups/memberships.server";
import { useLocale, useT } from "~/i18n/use-t";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { groups: await listMyGroups(user.id) };
}

export default function Home() {
  const { groups } = useLoaderData<typeof loader>();
  const tr = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{tr("home.title")}</h1>
      {groups.length === 0 ? <p>{tr("home.empty")}</p> : null}
      <ul className="cards" role="list">
        {groups.map(({ group, role, delegation }) => (
          <li key={group.slug} className="card">
            <h2>
              <Link to={`/g/${group.slug}`}>{group.name}</Link>
            </h2>
            <p>{group.description}</p>
            <p className="muted">
              {tr("home.yourRole", { role: tr(`role.${role}`) })}
              {delegation
                ? ` · ${locale === "es" && delegation.nameEs ? delegation.nameEs : delegation.name}`
                : ""}
              {" · "}
              {tr("home.members", { count: group._count.memberships })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireGroupAccess } from "~/modules/groups/access.server";
import { useT } from "~/i18n/use-t";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireGroupAccess(request, params);
  return { group };
}

export default function ReportPage() {
  const { group } = useLoaderData<typeof loader>();
  const tr = useT();
  return (
    <article>
      <h1>{tr("report.title", { group: group.name })}</h1>
      <p className="muted">{tr("report.empty")}</p>
    </article>
  );
}

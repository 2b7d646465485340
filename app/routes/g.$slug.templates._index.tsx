import { readForm } from "~/modules/read-form.server";
import { InLanguage } from "~/components/ShownText";
import { groupText } from "~/modules/translations/bilingual-text";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TemplateForm } from "~/components/TemplateForm";
import { requireGroupAccess } from "~/http/access.server";
import { stepTemplateForm } from "~/modules/templates/template-draft";
import { createTemplate, listTemplates } from "~/modules/templates/templates.server";
import { draftToValues, emptySection } from "~/modules/templates/template-form";
import { can } from "~/modules/policy/policy";
import { requirePagePermission } from "~/http/permission.server";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { isLocale, t } from "~/i18n/messages";
import { useT } from "~/i18n/use-t";
import { formatTime } from "~/modules/time/format-time";
import { useViewer } from "~/components/use-viewer";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((match) => match.id === "root")?.data;
  const locale =
    root && typeof root === "object" && "locale" in root && isLocale(root.locale) ? root.locale : "en";
  return [{ title: data ? `${t(locale, "templates.title")} · ${data.group.name} · Acuerdo` : "Acuerdo" }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  return { group, templates: await listTemplates(group.id), canEdit: can(actor, "template.edit") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "template.edit");
  const step = stepTemplateForm(await readForm(request));
  if (step.kind === "invalid-intent")
    return failure(400, { error: "errors.invalidInput", values: step.values });
  if (step.kind === "draft") {
    if (step.error) return failure(400, { error: step.error, values: step.values });
    return { ok: true as const, values: step.values, focus: step.focus };
  }
  const { parsed } = step;
  if (!parsed.ok)
    return failure(400, {
      error: "errors.invalidInput",
      fieldErrors: parsed.fieldErrors,
      values: parsed.values,
    });
  return handleUserErrors(async () => {
    const template = await createTemplate(actor, group.id, parsed.data);
    return redirect(`/g/${group.slug}/templates/${template.id}`);
  });
}

const NEW_TEMPLATE = draftToValues({
  name: "",
  nameEs: "",
  description: "",
  descriptionEs: "",
  sections: [emptySection()],
});

export default function Templates() {
  const { group, templates, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const tr = useT();
  const viewer = useViewer();
  const failed = result && !result.ok ? result : null;

  return (
    <>
      <h1>{tr("templates.title")}</h1>
      <p>{tr("templates.intro")}</p>
      {templates.length === 0 ? <p className="muted">{tr("templates.none")}</p> : null}
      <ul role="list" className="template-list">
        {templates.map((template) => (
          <li key={template.id}>
            <Link to={`/g/${group.slug}/templates/${template.id}`} className="paper-title">
              <InLanguage texts={groupText(template.name, template.nameEs)} />
            </Link>
            {template.description || template.descriptionEs ? (
              <p>
                <InLanguage texts={groupText(template.description, template.descriptionEs)} />
              </p>
            ) : null}
            <p className="muted small">
              {tr("templates.sectionCount", { count: template.sectionCount })} ·{" "}
              {tr("templates.updated", { date: formatTime(template.updatedAt, viewer, "date") })}
            </p>
          </li>
        ))}
      </ul>

      {canEdit ? (
        <section className="panel" aria-labelledby="new-template-heading">
          <h2 id="new-template-heading">{tr("templates.new")}</h2>
          <TemplateForm
            values={result?.values ?? NEW_TEMPLATE}
            fieldErrors={failed?.fieldErrors}
            error={failed && !failed.fieldErrors ? failed.error : null}
            focus={result?.ok ? result.focus : null}
            unsaved={result?.ok}
            submitLabel="templates.create"
            busy={navigation.state === "submitting"}
            revision={result}
          />
        </section>
      ) : (
        <p className="muted">{tr("templates.readOnly")}</p>
      )}
    </>
  );
}

import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TemplateForm } from "~/components/TemplateForm";
import { settledResult } from "~/components/settled-result";
import { InLanguage } from "~/components/ShownText";
import { groupText } from "~/modules/translations/bilingual-text";
import { requireGroupAccess } from "~/http/access.server";
import { notFound } from "~/http/responses.server";
import { stepTemplateForm } from "~/modules/templates/template-draft";
import { getTemplate, updateTemplate } from "~/modules/templates/templates.server";
import { draftToValues } from "~/modules/templates/template-form";
import { templateIdSchema } from "~/modules/templates/templates.schema";
import { can } from "~/modules/policy/policy";
import { requirePagePermission } from "~/http/permission.server";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { isLocale, t } from "~/i18n/messages";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((match) => match.id === "root")?.data;
  const locale =
    root && typeof root === "object" && "locale" in root && isLocale(root.locale) ? root.locale : "en";
  return [{ title: data ? `${data.template.name} · ${t(locale, "templates.title")} · Acuerdo` : "Acuerdo" }];
};

function templateIdOf(params: Params): string {
  const parsed = templateIdSchema.safeParse(params.templateId);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  const template = await getTemplate(group.id, templateIdOf(params));
  if (!template) throw notFound();
  return { group, template, canEdit: can(actor, "template.edit") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  const templateId = templateIdOf(params);
  requirePagePermission(actor, "template.edit");
  if (!(await getTemplate(group.id, templateId))) throw notFound();
  const step = stepTemplateForm(await readForm(request));
  if (step.kind === "invalid-intent")
    return failure(400, { error: "errors.invalidInput", values: step.values });
  if (step.kind === "draft") {
    if (step.error) return failure(400, { error: step.error, values: step.values });
    return { ok: true as const, intent: "draft" as const, values: step.values, focus: step.focus };
  }
  const { parsed } = step;
  if (!parsed.ok)
    return failure(400, {
      error: "errors.invalidInput",
      fieldErrors: parsed.fieldErrors,
      values: parsed.values,
    });
  return handleUserErrors(async () => {
    await updateTemplate(actor, group.id, templateId, parsed.data);
    return { ok: true as const, intent: "saved" as const };
  });
}

export default function TemplatePage() {
  const { group, template, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const tr = useT();
  const failed = result && !result.ok ? result : null;
  const draft = result?.ok && result.intent === "draft" ? result : null;
  const done = settledResult(navigation.state, result);
  const saved = done?.ok && done.intent === "saved";

  return (
    <>
      <p>
        <Link to={`/g/${group.slug}/templates`}>{tr("templates.back")}</Link>
      </p>
      <h1>
        <InLanguage texts={groupText(template.name, template.nameEs)} />
      </h1>
      {template.description || template.descriptionEs ? (
        <p>
          <InLanguage texts={groupText(template.description, template.descriptionEs)} />
        </p>
      ) : null}
      <p className="muted small">{tr("templates.papersUnaffected")}</p>

      <section aria-labelledby="outline-heading">
        <h2 id="outline-heading">{tr("templates.sections")}</h2>
        <ol className="template-outline">
          {template.sections.map((section) => (
            <li key={section.key}>
              <h3>
                <InLanguage texts={groupText(section.title, section.titleEs)} />{" "}
                <span className={section.required ? "role role-cochair" : "role"}>
                  {tr(section.required ? "templates.requiredBadge" : "templates.optionalBadge")}
                </span>
              </h3>
              <p className="muted small">
                {tr("templates.key")}: <code>{section.key}</code>
              </p>
              {section.guidance || section.guidanceEs ? (
                <p>
                  <InLanguage texts={groupText(section.guidance, section.guidanceEs)} />
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {canEdit ? (
        <section className="panel" aria-labelledby="edit-heading">
          <h2 id="edit-heading">{tr("templates.edit")}</h2>
          {saved ? (
            <p role="status" className="success">
              {tr("templates.saved")}
            </p>
          ) : null}
          <TemplateForm
            values={failed?.values ?? draft?.values ?? draftToValues(template)}
            fieldErrors={failed?.fieldErrors}
            error={failed && !failed.fieldErrors ? failed.error : null}
            focus={draft?.focus ?? null}
            unsaved={Boolean(draft)}
            submitLabel="templates.save"
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

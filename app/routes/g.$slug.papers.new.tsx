import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireGroupAccess } from "~/http/access.server";
import { getGroupRoster } from "~/modules/groups/memberships.server";
import { createPaper, listTemplateChoices } from "~/modules/papers/papers.server";
import { createPaperSchema } from "~/modules/papers/papers.schema";
import { PAPER_LANGUAGES } from "~/modules/translations/translation";
import { requirePagePermission } from "~/http/permission.server";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "paper.create");
  const [templates, roster] = await Promise.all([listTemplateChoices(group.id), getGroupRoster(group.id)]);
  return {
    group,
    templates,
    delegations: roster.delegations.map((d) => ({ id: d.id, name: d.name, nameEs: d.nameEs })),
    defaultLead: actor.delegationId,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "paper.create");
  const parsed = parseForm(createPaperSchema, await readForm(request));
  if (!parsed.ok)
    return failure(400, {
      error: "errors.invalidInput",
      fieldErrors: parsed.fieldErrors,
      values: parsed.values,
    });
  return handleUserErrors(async () => {
    const paper = await createPaper(actor, group.id, parsed.data);
    return redirect(`/g/${group.slug}/papers/${paper.id}`);
  });
}

export default function NewPaper() {
  const { templates, delegations, defaultLead } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const tr = useT();
  const locale = useLocale();
  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const values = result && !result.ok ? (result.values ?? {}) : {};
  return (
    <section className="panel">
      <h1>{tr("papers.newTitle")}</h1>
      <p>
        <Link to="../import" relative="path">
          {tr("word.import.link")}
        </Link>
      </p>
      {result && !result.ok ? (
        <p role="alert" className="error">
          {t(locale, result.error, result.params)}
        </p>
      ) : null}
      {templates.length === 0 ? (
        <p>{tr("papers.noTemplates")}</p>
      ) : (
        <Form method="post" className="stack">
          <div className="field">
            <label htmlFor="paper-title">{tr("papers.title")}</label>
            <input
              id="paper-title"
              name="title"
              required
              maxLength={200}
              defaultValue={values.title ?? ""}
              aria-invalid={fieldErrors.title ? true : undefined}
              aria-describedby={fieldErrors.title ? "paper-title-error" : undefined}
            />
            {fieldErrors.title ? (
              <p className="field-error" id="paper-title-error">
                {tr(fieldErrors.title)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="paper-title-other">{tr("papers.titleOther")}</label>
            <input
              id="paper-title-other"
              name="titleTranslation"
              maxLength={200}
              defaultValue={values.titleTranslation ?? ""}
              aria-invalid={fieldErrors.titleTranslation ? true : undefined}
              aria-describedby={
                fieldErrors.titleTranslation
                  ? "paper-title-other-help paper-title-other-error"
                  : "paper-title-other-help"
              }
            />
            <p id="paper-title-other-help" className="muted small">
              {tr("papers.titleOtherHelp")}
            </p>
            {fieldErrors.titleTranslation ? (
              <p className="field-error" id="paper-title-other-error">
                {tr(fieldErrors.titleTranslation)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="paper-template">{tr("papers.template")}</label>
            <select
              id="paper-template"
              name="templateId"
              defaultValue={values.templateId ?? templates[0].id}
              aria-invalid={fieldErrors.templateId ? true : undefined}
            >
              {templates.map((template) => (
                <option key={template.id} value={template.id}>
                  {locale === "es" && template.nameEs ? template.nameEs : template.name}
                </option>
              ))}
            </select>
            {fieldErrors.templateId ? <p className="field-error">{tr(fieldErrors.templateId)}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="paper-lead">{tr("papers.lead")}</label>
            <select
              id="paper-lead"
              name="leadDelegationId"
              defaultValue={values.leadDelegationId ?? defaultLead ?? ""}
            >
              <option value="">{tr("papers.leadNone")}</option>
              {delegations.map((d) => (
                <option key={d.id} value={d.id}>
                  {locale === "es" && d.nameEs ? d.nameEs : d.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="paper-language">{tr("papers.originalLanguage")}</label>
            <select
              id="paper-language"
              name="originalLanguage"
              defaultValue={values.originalLanguage ?? locale}
              aria-describedby="paper-language-help"
              aria-invalid={fieldErrors.originalLanguage ? true : undefined}
            >
              {PAPER_LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {tr(`lang.${language}`)}
                </option>
              ))}
            </select>
            <p id="paper-language-help" className="muted small">
              {tr("papers.originalLanguageHelp")}
            </p>
            {fieldErrors.originalLanguage ? (
              <p className="field-error">{tr(fieldErrors.originalLanguage)}</p>
            ) : null}
          </div>
          <div>
            <button type="submit" disabled={navigation.state === "submitting"}>
              {tr("papers.create")}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

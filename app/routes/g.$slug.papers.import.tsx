// A new paper from a delegation's Word draft: upload (multipart, its own 10 MB limit) → preview of where
import { wordDraftIdSchema } from "~/modules/word/word-draft.schema";
// each part goes (?draft=<id>) → create. The preview keeps only the converted text, for 30 minutes.
import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ImportPreview } from "~/components/ImportPreview";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { UserError } from "~/modules/errors";
import { requireGroupAccess } from "~/http/access.server";
import { getGroupRoster } from "~/modules/groups/memberships.server";
import { createPaperSchema } from "~/modules/papers/papers.schema";
import { listTemplateChoices } from "~/modules/papers/papers.server";
import { PAPER_LANGUAGES } from "~/modules/translations/translation";
import { requirePagePermission } from "~/http/permission.server";
import { parseForm } from "~/modules/validation";
import { readDocxUpload } from "~/http/word-upload.server";
import {
  createPaperFromImport,
  getImportPreview,
  previewPaperImport,
} from "~/modules/word/word-import.server";
import type { ImportPreview as Preview } from "~/modules/word/import-preview";

export const meta: MetaFunction = () => [{ title: "Acuerdo" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "paper.create");
  const draftParam = new URL(request.url).searchParams.get("draft");
  let preview: Preview | null = null;
  let previewError: UserError | null = null;
  if (draftParam !== null) {
    const draftId = wordDraftIdSchema.safeParse(draftParam);
    try {
      if (!draftId.success) throw new UserError("word.draftGone", 404);
      preview = await getImportPreview(actor, group.id, draftId.data);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      previewError = error;
    }
  }
  const [templates, roster] = await Promise.all([listTemplateChoices(group.id), getGroupRoster(group.id)]);
  return {
    group,
    templates,
    delegations: roster.delegations.map((d) => ({ id: d.id, name: d.name, nameEs: d.nameEs })),
    defaultLead: actor.delegationId,
    preview,
    previewError: previewError ? { key: previewError.key, params: previewError.params } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "paper.create");
  const isUpload = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/");
  if (!isUpload) {
    const form = await readForm(request);
    const draftId = wordDraftIdSchema.safeParse(form.get("draftId"));
    if (form.get("intent") !== "create" || !draftId.success)
      return failure(400, { error: "errors.invalidInput" });
    return handleUserErrors(async () => {
      const paper = await createPaperFromImport(actor, group.id, draftId.data);
      return redirect(`/g/${group.slug}/papers/${paper.id}`);
    });
  }
  return handleUserErrors(async () => {
    const upload = await readDocxUpload(request);
    const parsed = parseForm(createPaperSchema, upload.fields);
    if (!parsed.ok)
      return failure(400, {
        error: "errors.invalidInput",
        fieldErrors: parsed.fieldErrors,
        values: parsed.values,
      });
    const values = Object.fromEntries(
      [...upload.fields.entries()].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
    );
    if (!upload.file)
      return failure(400, {
        error: "word.import.fileRequired",
        fieldErrors: { file: "word.import.fileRequired" },
        values,
      });
    try {
      const draftId = await previewPaperImport(actor, group.id, parsed.data, upload.file);
      return redirect(`/g/${group.slug}/papers/import?draft=${draftId}`);
    } catch (error) {
      // The form keeps what was typed; the file has to be chosen again (browsers never refill it).
      if (error instanceof UserError)
        return failure(error.status, { error: error.key, params: error.params, values });
      throw error;
    }
  });
}

export default function ImportPaper() {
  const { templates, delegations, defaultLead, preview, previewError } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const tr = useT();
  const locale = useLocale();
  const failed = result && "ok" in result && !result.ok ? result : null;
  const fieldErrors = failed?.fieldErrors ?? {};
  const values = failed?.values ?? {};
  const busy = navigation.state === "submitting";

  if (preview) {
    return (
      <section className="panel">
        <h1>{tr("word.import.previewTitle")}</h1>
        {failed ? (
          <p role="alert" className="error">
            {t(locale, failed.error, failed.params)}
          </p>
        ) : null}
        <ImportPreview preview={preview} />
        <div className="import-actions">
          <Form method="post">
            <input type="hidden" name="intent" value="create" />
            <input type="hidden" name="draftId" value={preview.draftId} />
            <button type="submit" disabled={busy}>
              {tr("word.import.create")}
            </button>
          </Form>
          <Link to=".">{tr("word.import.again")}</Link>
        </div>
      </section>
    );
  }

  return (
    <section className="panel">
      <h1>{tr("word.import.title")}</h1>
      <p className="muted">{tr("word.import.intro")}</p>
      {failed || previewError ? (
        <p role="alert" className="error">
          {failed
            ? t(locale, failed.error, failed.params)
            : t(locale, previewError!.key, previewError!.params)}
        </p>
      ) : null}
      {templates.length === 0 ? (
        <p>{tr("papers.noTemplates")}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" className="stack">
          <div className="field">
            <label htmlFor="import-file">{tr("word.import.file")}</label>
            <input
              id="import-file"
              name="file"
              type="file"
              required
              accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              aria-invalid={fieldErrors.file ? true : undefined}
            />
          </div>
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
            <label htmlFor="paper-template">{tr("papers.template")}</label>
            <select id="paper-template" name="templateId" defaultValue={values.templateId ?? templates[0].id}>
              {templates.map((template) => (
                <option key={template.id} value={template.id}>
                  {locale === "es" && template.nameEs ? template.nameEs : template.name}
                </option>
              ))}
            </select>
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
            >
              {PAPER_LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {tr(`lang.${language}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" disabled={busy}>
              {tr("word.import.preview")}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

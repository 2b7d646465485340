// The paper's translation from a Word document: upload → preview (?draft=<id>) → import into the
import { wordDraftIdSchema } from "~/modules/word/word-draft.schema";
// translation sections that have no text yet, live for everyone who has the paper open.
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
import { notFound } from "~/http/responses.server";
import { paperIdSchema } from "~/modules/papers/papers.schema";
import { getPaper } from "~/modules/papers/papers.server";
import { otherLanguage } from "~/modules/translations/translation";
import { paperLanguage } from "~/modules/translations/translations.server";
import { readDocxUpload } from "~/http/word-upload.server";
import {
  applyTranslationImport,
  getImportPreview,
  previewTranslationImport,
} from "~/modules/word/word-import.server";
import type { ImportPreview as Preview } from "~/modules/word/import-preview";

export const meta: MetaFunction = () => [{ title: "Acuerdo" }];

async function requirePaper(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireGroupAccess(request, params);
  const paperId = paperIdSchema.safeParse(params.paperId);
  const paper = paperId.success ? await getPaper(access.group.id, paperId.data) : null;
  if (!paper) throw notFound();
  return { ...access, paper };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor, paper } = await requirePaper(request, params);
  const query = new URL(request.url).searchParams;
  const draftParam = query.get("draft");
  let preview: Preview | null = null;
  let previewError: UserError | null = null;
  if (draftParam !== null) {
    const draftId = wordDraftIdSchema.safeParse(draftParam);
    try {
      if (!draftId.success) throw new UserError("word.draftGone", 404);
      preview = await getImportPreview(actor, group.id, draftId.data, paper.id);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      previewError = error;
    }
  }
  const done = query.get("imported");
  return {
    group,
    paper: { id: paper.id, title: paper.title },
    language: otherLanguage(paperLanguage(paper.originalLanguage)),
    preview,
    previewError: previewError ? { key: previewError.key, params: previewError.params } : null,
    imported: done !== null && /^\d{1,3}$/.test(done) ? Number(done) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, actor, paper } = await requirePaper(request, params);
  const base = `/g/${group.slug}/papers/${paper.id}/import-translation`;
  const isUpload = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/");
  return handleUserErrors(async () => {
    if (!isUpload) {
      const form = await readForm(request);
      const draftId = wordDraftIdSchema.safeParse(form.get("draftId"));
      if (form.get("intent") !== "apply" || !draftId.success)
        return failure(400, { error: "errors.invalidInput" });
      const result = await applyTranslationImport(actor, group.id, paper.id, draftId.data);
      return redirect(`${base}?imported=${result.sections.length}`);
    }
    const upload = await readDocxUpload(request);
    if (!upload.file) return failure(400, { error: "word.import.fileRequired" });
    const draftId = await previewTranslationImport(actor, group.id, paper.id, upload.file);
    return redirect(`${base}?draft=${draftId}`);
  });
}

export default function ImportTranslation() {
  const { group, paper, language, preview, previewError, imported } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const tr = useT();
  const locale = useLocale();
  const failed = result && "ok" in result && !result.ok ? result : null;
  const languageName = tr(`translation.language.${language}`);
  const paperLink = `/g/${group.slug}/papers/${paper.id}`;
  const error = failed ?? (previewError ? { error: previewError.key, params: previewError.params } : null);
  return (
    <section className="panel">
      <h1>{tr("word.import.translationTitle", { language: languageName })}</h1>
      <p className="muted">{paper.title}</p>
      {error ? (
        <p role="alert" className="error">
          {t(locale, error.error, error.params)}
        </p>
      ) : null}
      {imported !== null ? (
        <p role="status" className="success">
          {tr("word.import.translationDone", { count: imported })}
        </p>
      ) : null}
      {preview ? (
        <>
          <ImportPreview preview={preview} />
          <div className="import-actions">
            <Form method="post">
              <input type="hidden" name="intent" value="apply" />
              <input type="hidden" name="draftId" value={preview.draftId} />
              <button type="submit" disabled={navigation.state === "submitting"}>
                {tr("word.import.translationApply")}
              </button>
            </Form>
            <Link to=".">{tr("word.import.again")}</Link>
          </div>
        </>
      ) : (
        <Form method="post" encType="multipart/form-data" className="stack">
          <p className="muted">{tr("word.import.translationIntro", { language: languageName })}</p>
          <div className="field">
            <label htmlFor="import-file">{tr("word.import.file")}</label>
            <input
              id="import-file"
              name="file"
              type="file"
              required
              accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            />
          </div>
          <div>
            <button type="submit" disabled={navigation.state === "submitting"}>
              {tr("word.import.preview")}
            </button>
          </div>
        </Form>
      )}
      <p>
        <Link to={paperLink}>{tr("word.import.back")}</Link>
      </p>
    </section>
  );
}

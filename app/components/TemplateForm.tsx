import { useEffect, useMemo, useState } from "react";
import { Form } from "@remix-run/react";
import type { MessageKey } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import { groupText, shownText } from "~/modules/translations/bilingual-text";
import { fieldId, moveButtonId } from "~/modules/templates/template-draft";
import {
  MAX_SECTIONS,
  sectionErrorKey,
  sectionFieldName,
  valuesToDraft,
  type SectionField,
} from "~/modules/templates/template-form";
import type { FieldErrors } from "~/modules/validation";

interface Props {
  /** Flat form values (see templates.schema.ts) to show. */
  values: Record<string, string>;
  fieldErrors?: FieldErrors;
  /** A refusal for the whole form, shown at its top. */
  error?: MessageKey | null;
  /** Id of the control to focus when this form is shown after a post. */
  focus?: string | null;
  /** The values came back from the server and are not stored yet. */
  unsaved?: boolean;
  submitLabel: MessageKey;
  busy: boolean;
  /** Changes whenever the values come from a new post, so the inputs show them (they are uncontrolled). */
  revision: unknown;
}

/** Orders the error summary like the fields on the page. */
function errorRank(key: string): number {
  const row = /^sections\.(\d+)\.(\w+)$/.exec(key);
  if (row)
    return (
      10 +
      Number(row[1]) * 10 +
      ["title", "titleEs", "key", "guidance", "guidanceEs", "required"].indexOf(row[2])
    );
  return ["name", "nameEs", "description", "descriptionEs", "sections"].indexOf(key) + 1;
}

const TOP_LABEL = {
  name: "templates.nameEn",
  nameEs: "templates.nameEs",
  description: "templates.descriptionEn",
  descriptionEs: "templates.descriptionEs",
} as const satisfies Record<string, MessageKey>;

const FIELD_LABEL: Record<SectionField, MessageKey> = {
  key: "templates.key",
  title: "templates.sectionTitleEn",
  titleEs: "templates.sectionTitleEs",
  guidance: "templates.guidanceEn",
  guidanceEs: "templates.guidanceEs",
  required: "templates.required",
};

/**
 * The template editor. Every button posts the whole form with an `intent`; the server applies it and
 * renders the form again, so adding, removing and moving sections work without JavaScript.
 */
export function TemplateForm({
  values,
  fieldErrors = {},
  error,
  focus,
  unsaved,
  submitLabel,
  busy,
  revision,
}: Props) {
  const tr = useT();
  const locale = useLocale();
  // The legend names the section in the reader's language when it has been written in it.
  const legendTitle = (section: { title: string; titleEs: string }) =>
    shownText(groupText(section.title, section.titleEs), locale).text;
  const draft = useMemo(() => valuesToDraft(values), [values]);
  // Uncontrolled inputs keep what the DOM holds: remount them when new values arrive from the server.
  const [shown, setShown] = useState({ revision, formKey: 0 });
  if (shown.revision !== revision) setShown({ revision, formKey: shown.formKey + 1 });
  const formKey = shown.formKey;
  const count = draft.sections.length;
  const hasErrors = Object.keys(fieldErrors).length > 0;

  const summary: { href: string | null; text: string }[] = [];
  for (const [key, message] of Object.entries(fieldErrors).sort(([a], [b]) => errorRank(a) - errorRank(b))) {
    if (!message) continue;
    const row = /^sections\.(\d+)\.(key|title|titleEs|guidance|guidanceEs|required)$/.exec(key);
    if (row) {
      const where = `${tr("templates.sectionLegend", { n: Number(row[1]) + 1 })} · ${tr(FIELD_LABEL[row[2] as SectionField])}`;
      summary.push({
        href: `#${fieldId(sectionFieldName(Number(row[1]), row[2] as SectionField))}`,
        text: tr("templates.errorIn", { where, message: tr(message) }),
      });
    } else if (key in TOP_LABEL) {
      summary.push({
        href: `#${fieldId(key)}`,
        text: tr("templates.errorIn", {
          where: tr(TOP_LABEL[key as keyof typeof TOP_LABEL]),
          message: tr(message),
        }),
      });
    } else {
      summary.push({ href: null, text: tr(message) });
    }
  }
  const focusId = focus ?? (hasErrors || error ? "tpl-errors" : null);
  // After a post the form is remounted: put focus where the person was working (or on the errors).
  useEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formKey]);

  const describe = (id: string, errorKey: string, hint?: string) => {
    const ids = [hint, fieldErrors[errorKey] ? `${id}-error` : null].filter(Boolean).join(" ");
    return {
      "aria-invalid": fieldErrors[errorKey] ? true : undefined,
      "aria-describedby": ids || undefined,
    } as const;
  };
  const errorOf = (id: string, errorKey: string) => {
    const message = fieldErrors[errorKey];
    return message ? (
      <p className="field-error" id={`${id}-error`}>
        {tr(message)}
      </p>
    ) : null;
  };

  return (
    <Form method="post" noValidate className="stack template-form" key={formKey}>
      {/* Enter in a text field presses the form's first submit button: make that one "save". */}
      <button
        type="submit"
        name="intent"
        value="save"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
      >
        {tr(submitLabel)}
      </button>
      {error || hasErrors ? (
        <div
          role="alert"
          className="error"
          id="tpl-errors"
          tabIndex={-1}
          autoFocus={focusId === "tpl-errors"}
        >
          <p>{tr(error ?? "errors.invalidInput")}</p>
          {summary.length > 0 ? (
            <ul>
              {summary.map((item, i) => (
                <li key={i}>{item.href ? <a href={item.href}>{item.text}</a> : item.text}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : unsaved ? (
        <p role="status" className="notice">
          {tr("templates.unsaved", { save: tr(submitLabel) })}
        </p>
      ) : null}

      <div className="field">
        <label htmlFor={fieldId("name")}>{tr("templates.nameEn")}</label>
        <input
          id={fieldId("name")}
          name="name"
          type="text"
          required
          maxLength={120}
          defaultValue={draft.name}
          {...describe(fieldId("name"), "name")}
        />
        {errorOf(fieldId("name"), "name")}
      </div>
      <div className="field">
        <label htmlFor={fieldId("nameEs")}>{tr("templates.nameEs")}</label>
        <input
          id={fieldId("nameEs")}
          name="nameEs"
          type="text"
          lang="es"
          maxLength={120}
          defaultValue={draft.nameEs}
          {...describe(fieldId("nameEs"), "nameEs")}
        />
        {errorOf(fieldId("nameEs"), "nameEs")}
      </div>
      <div className="field">
        <label htmlFor={fieldId("description")}>{tr("templates.descriptionEn")}</label>
        <textarea
          id={fieldId("description")}
          name="description"
          rows={3}
          maxLength={1000}
          defaultValue={draft.description}
          {...describe(fieldId("description"), "description")}
        />
        {errorOf(fieldId("description"), "description")}
      </div>
      <div className="field">
        <label htmlFor={fieldId("descriptionEs")}>{tr("templates.descriptionEs")}</label>
        <textarea
          id={fieldId("descriptionEs")}
          name="descriptionEs"
          rows={3}
          lang="es"
          maxLength={1000}
          defaultValue={draft.descriptionEs}
          {...describe(fieldId("descriptionEs"), "descriptionEs")}
        />
        {errorOf(fieldId("descriptionEs"), "descriptionEs")}
      </div>

      <fieldset className="template-sections" aria-describedby="tpl-sections-help">
        <legend>{tr("templates.sections")}</legend>
        <p className="muted small" id="tpl-sections-help">
          {tr("templates.sectionsHelp")}
        </p>
        {fieldErrors.sections ? <p className="field-error">{tr(fieldErrors.sections)}</p> : null}
        {draft.sections.map((section, index) => {
          const ids = {
            key: fieldId(sectionFieldName(index, "key")),
            title: fieldId(sectionFieldName(index, "title")),
            titleEs: fieldId(sectionFieldName(index, "titleEs")),
            guidance: fieldId(sectionFieldName(index, "guidance")),
            guidanceEs: fieldId(sectionFieldName(index, "guidanceEs")),
            required: fieldId(sectionFieldName(index, "required")),
          };
          const legend = tr("templates.sectionLegend", { n: index + 1 });
          const hintId = `${ids.key}-hint`;
          return (
            <fieldset key={index} className="template-section">
              <legend>
                {legend}
                {legendTitle(section) ? <span className="muted"> · {legendTitle(section)}</span> : null}
              </legend>
              <div className="template-section-fields">
                <div className="field">
                  <label htmlFor={ids.title}>{tr("templates.sectionTitleEn")}</label>
                  <input
                    id={ids.title}
                    name={sectionFieldName(index, "title")}
                    type="text"
                    required
                    maxLength={120}
                    defaultValue={section.title}
                    autoFocus={focusId === ids.title}
                    {...describe(ids.title, sectionErrorKey(index, "title"))}
                  />
                  {errorOf(ids.title, sectionErrorKey(index, "title"))}
                </div>
                <div className="field">
                  <label htmlFor={ids.titleEs}>{tr("templates.sectionTitleEs")}</label>
                  <input
                    id={ids.titleEs}
                    name={sectionFieldName(index, "titleEs")}
                    type="text"
                    lang="es"
                    maxLength={120}
                    defaultValue={section.titleEs}
                    {...describe(ids.titleEs, sectionErrorKey(index, "titleEs"))}
                  />
                  {errorOf(ids.titleEs, sectionErrorKey(index, "titleEs"))}
                </div>
                <div className="field">
                  <label htmlFor={ids.key}>{tr("templates.key")}</label>
                  <input
                    id={ids.key}
                    name={sectionFieldName(index, "key")}
                    type="text"
                    required
                    maxLength={40}
                    autoCapitalize="none"
                    autoCorrect="off"
                    spellCheck={false}
                    defaultValue={section.key}
                    autoFocus={focusId === ids.key}
                    {...describe(ids.key, sectionErrorKey(index, "key"), hintId)}
                  />
                  <p className="muted small" id={hintId}>
                    {tr("templates.keyHint")}
                  </p>
                  {errorOf(ids.key, sectionErrorKey(index, "key"))}
                </div>
              </div>
              <div className="field">
                <label htmlFor={ids.guidance}>{tr("templates.guidanceEn")}</label>
                <textarea
                  id={ids.guidance}
                  name={sectionFieldName(index, "guidance")}
                  rows={3}
                  maxLength={2000}
                  defaultValue={section.guidance}
                  {...describe(ids.guidance, sectionErrorKey(index, "guidance"))}
                />
                {errorOf(ids.guidance, sectionErrorKey(index, "guidance"))}
              </div>
              <div className="field">
                <label htmlFor={ids.guidanceEs}>{tr("templates.guidanceEs")}</label>
                <textarea
                  id={ids.guidanceEs}
                  name={sectionFieldName(index, "guidanceEs")}
                  rows={3}
                  lang="es"
                  maxLength={2000}
                  defaultValue={section.guidanceEs}
                  {...describe(ids.guidanceEs, sectionErrorKey(index, "guidanceEs"))}
                />
                {errorOf(ids.guidanceEs, sectionErrorKey(index, "guidanceEs"))}
              </div>
              <div className="checkbox-field">
                <input
                  id={ids.required}
                  name={sectionFieldName(index, "required")}
                  type="checkbox"
                  defaultChecked={section.required}
                />
                <label htmlFor={ids.required}>{tr("templates.required")}</label>
              </div>
              <div className="section-tools">
                <button
                  type="submit"
                  name="intent"
                  value={`move-up:${index}`}
                  id={moveButtonId(index, "up")}
                  className="secondary"
                  aria-label={`${tr("templates.moveUp")}: ${legend}`}
                  disabled={busy || index === 0}
                  autoFocus={focusId === moveButtonId(index, "up")}
                >
                  {tr("templates.moveUp")}
                </button>
                <button
                  type="submit"
                  name="intent"
                  value={`move-down:${index}`}
                  id={moveButtonId(index, "down")}
                  className="secondary"
                  aria-label={`${tr("templates.moveDown")}: ${legend}`}
                  disabled={busy || index === count - 1}
                  autoFocus={focusId === moveButtonId(index, "down")}
                >
                  {tr("templates.moveDown")}
                </button>
                <button
                  type="submit"
                  name="intent"
                  value={`remove:${index}`}
                  className="danger"
                  aria-label={`${tr("templates.removeSection")}: ${legend}`}
                  disabled={busy || count <= 1}
                >
                  {tr("templates.removeSection")}
                </button>
              </div>
            </fieldset>
          );
        })}
        <div>
          <button
            type="submit"
            name="intent"
            value="add-section"
            className="secondary"
            disabled={busy || count >= MAX_SECTIONS}
          >
            {tr("templates.addSection")}
          </button>
        </div>
      </fieldset>

      <div>
        <button type="submit" name="intent" value="save" disabled={busy}>
          {tr(submitLabel)}
        </button>
      </div>
    </Form>
  );
}

import { useEffect, useRef } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { settledResult } from "~/components/settled-result";
import { readForm } from "~/modules/read-form.server";
import { requireGroupAccess } from "~/http/access.server";
import { requirePagePermission } from "~/http/permission.server";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import { saveGroupDetails } from "~/modules/groups/group-details.server";
import {
  GROUP_DESCRIPTION_MAX,
  GROUP_DETAIL_FIELDS,
  GROUP_NAME_MAX,
  type GroupDetails,
} from "~/modules/groups/group-details";
import { groupDetailsSchema } from "~/modules/groups/group-details.schema";
import { t, type MessageKey } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.group.name} · Acuerdo` : "Acuerdo" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "group.edit");
  return {
    group: {
      slug: group.slug,
      name: group.name,
      nameEs: group.nameEs,
      description: group.description,
      descriptionEs: group.descriptionEs,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "group.edit");
  const form = await readForm(request);
  return handleUserErrors(async () => {
    const parsed = parseForm(groupDetailsSchema, form);
    if (!parsed.ok)
      return failure(400, {
        error: "errors.invalidInput",
        fieldErrors: parsed.fieldErrors,
        values: parsed.values,
      });
    const changed = await saveGroupDetails(actor, group.id, parsed.data);
    return { ok: true as const, changed: changed.length };
  });
}

const FIELDS: { field: keyof GroupDetails; lang: "en" | "es"; multiline: boolean }[] = [
  { field: "name", lang: "en", multiline: false },
  { field: "nameEs", lang: "es", multiline: false },
  { field: "description", lang: "en", multiline: true },
  { field: "descriptionEs", lang: "es", multiline: true },
];

export default function GroupDetailsPage() {
  const { group } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const tr = useT();
  const locale = useLocale();
  const failed = result && !result.ok ? result : null;
  const done = settledResult(navigation.state, result);
  const fieldErrors: Partial<Record<string, MessageKey>> =
    failed && "fieldErrors" in failed ? (failed.fieldErrors ?? {}) : {};
  const typed: Partial<Record<string, string>> = failed && "values" in failed ? (failed.values ?? {}) : {};
  const formRef = useRef<HTMLFormElement>(null);

  // A refused save moves focus to the first field it names, so the error is where the person is.
  useEffect(() => {
    if (!failed) return;
    const first = GROUP_DETAIL_FIELDS.find((field) => fieldErrors[field]);
    if (first) formRef.current?.querySelector<HTMLElement>(`#group-${first}`)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);

  return (
    <section className="panel narrow group-details" aria-labelledby="group-details-heading">
      <h1 id="group-details-heading">{tr("groupDetails.title")}</h1>
      <p className="muted">{tr("groupDetails.help")}</p>
      <div aria-live="polite">
        {done?.ok ? (
          <p role="status" className="success">
            {tr(done.changed > 0 ? "groupDetails.saved" : "groupDetails.unchanged")}
          </p>
        ) : null}
      </div>
      {failed ? (
        <p role="alert" className="error" id="group-details-error">
          {t(locale, failed.error, failed.params)}
        </p>
      ) : null}
      {/* After a save the stored values come back: the key restarts the fields from them. */}
      <Form
        method="post"
        className="stack"
        ref={formRef}
        key={result?.ok ? JSON.stringify(group) : "form"}
        aria-describedby={failed ? "group-details-error" : undefined}
      >
        {FIELDS.map(({ field, lang, multiline }) => {
          const id = `group-${field}`;
          const error = fieldErrors[field];
          const value = typed[field] ?? group[field];
          const common = {
            id,
            name: field,
            lang,
            defaultValue: value,
            maxLength: multiline ? GROUP_DESCRIPTION_MAX : GROUP_NAME_MAX,
            "aria-invalid": error ? true : undefined,
            "aria-describedby": error ? `${id}-error` : undefined,
          };
          return (
            <div className="field" key={field}>
              <label htmlFor={id}>{tr(`groupDetails.${field}`)}</label>
              {multiline ? (
                <textarea {...common} rows={4} />
              ) : (
                <input {...common} type="text" required={field === "name"} autoComplete="off" />
              )}
              {error ? (
                <p className="field-error" id={`${id}-error`}>
                  {tr(error)}
                </p>
              ) : null}
            </div>
          );
        })}
        <div>
          <button type="submit" disabled={navigation.state === "submitting"}>
            {tr("groupDetails.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}

import type { z } from "zod";
import { isMessageKey, type MessageKey } from "~/i18n/messages";

export type FieldErrors = Partial<Record<string, MessageKey>>;

export type FormParse<T> =
  { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

// What is given back to the form is at most what the field accepts: a huge value is not echoed.
const MAX_ECHO = 2000;

/** The longest value a field of the schema accepts (a string field's max), or MAX_ECHO. */
function echoLimit(schema: z.ZodType, key: string): number | null {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (!shape) return MAX_ECHO;
  const field = shape[key] as { maxLength?: number | null; unwrap?: () => unknown } | undefined;
  if (!field) return null;
  const inner = (typeof field.unwrap === "function" ? field.unwrap() : field) as {
    maxLength?: number | null;
  };
  return inner.maxLength ?? field.maxLength ?? MAX_ECHO;
}

/** Parses form data with a zod schema; errors come back as message keys per field, with what was typed. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormParse<z.infer<S>> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || key.toLowerCase().includes("password")) continue;
    const limit = echoLimit(schema, key);
    if (limit !== null) values[key] = value.slice(0, limit);
  }
  const raw: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) raw[key] = typeof value === "string" ? value : undefined;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    fieldErrors[field] ??= isMessageKey(issue.message) ? issue.message : "errors.invalidInput";
  }
  return { ok: false, fieldErrors, values };
}

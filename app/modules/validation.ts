import type { z } from "zod";
import { isMessageKey, type MessageKey } from "~/i18n/messages";

export type FieldErrors = Partial<Record<string, MessageKey>>;

export type FormParse<T> =
  { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** Parses form data with a zod schema; errors come back as message keys per field, with what was typed. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormParse<z.infer<S>> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries())
    if (typeof value === "string" && !key.toLowerCase().includes("password")) values[key] = value;
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

import { z } from "zod";
import { isTimeZone } from "~/modules/time/format-time";
import { MAIL_MODES, OPTIONAL_KINDS, type OptionalKind } from "./kinds";

const mode = z.enum(MAIL_MODES, { message: "notifications.invalid" });

/** The settings form: one mode per kind (fields named `mode.<kind>`), the digest hour and time zone. */
export const preferencesSchema = z.object({
  modes: z.object(
    Object.fromEntries(OPTIONAL_KINDS.map((kind) => [kind, mode])) as Record<OptionalKind, typeof mode>,
  ),
  digestHour: z.coerce.number({ message: "notifications.invalid" }).int().min(0).max(23),
  timeZone: z.string().max(100).refine(isTimeZone, { message: "notifications.invalid" }),
});
export type PreferencesInput = z.infer<typeof preferencesSchema>;

/** Reads the flat form fields into the schema's shape. */
export function preferencesFromForm(form: FormData) {
  return {
    modes: Object.fromEntries(OPTIONAL_KINDS.map((kind) => [kind, form.get(`mode.${kind}`)])),
    digestHour: form.get("digestHour"),
    timeZone: form.get("timeZone"),
  };
}

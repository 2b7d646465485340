import { z } from "zod";
import { isMessageKey } from "~/i18n/messages";
import type { FieldErrors, FormParse } from "~/modules/validation";
import { draftToValues, MAX_SECTIONS, readTemplateDraft } from "./template-form";

export * from "./template-form";

export const templateIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const sectionKeySchema = z
  .string()
  .trim()
  .min(1, { message: "templates.keyRequired" })
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, { message: "templates.keyInvalid" });

export const templateSectionSchema = z.object({
  key: sectionKeySchema,
  title: z
    .string()
    .trim()
    .min(1, { message: "templates.sectionTitleRequired" })
    .max(120, { message: "templates.sectionTitleTooLong" }),
  titleEs: z.string().trim().max(120, { message: "templates.sectionTitleTooLong" }),
  guidance: z.string().trim().max(2000, { message: "templates.guidanceTooLong" }),
  guidanceEs: z.string().trim().max(2000, { message: "templates.guidanceTooLong" }),
  required: z.boolean(),
});

export const templateSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: "templates.nameRequired" })
    .max(120, { message: "templates.nameTooLong" }),
  nameEs: z.string().trim().max(120, { message: "templates.nameTooLong" }),
  description: z.string().trim().max(1000, { message: "templates.descriptionTooLong" }),
  descriptionEs: z.string().trim().max(1000, { message: "templates.descriptionTooLong" }),
  sections: z
    .array(templateSectionSchema)
    .min(1, { message: "templates.sectionsRequired" })
    .max(MAX_SECTIONS, { message: "templates.tooManySections" })
    .superRefine((sections, ctx) => {
      const seen = new Set<string>();
      sections.forEach((section, index) => {
        if (seen.has(section.key))
          ctx.addIssue({ code: "custom", path: [index, "key"], message: "templates.keyDuplicate" });
        seen.add(section.key);
      });
    }),
});

export type TemplateInput = z.infer<typeof templateSchema>;
export type TemplateSectionInput = TemplateInput["sections"][number];

/** Validates a posted template: the data, or message keys per field ("sections.2.key") with what was typed. */
export function parseTemplateForm(form: FormData): FormParse<TemplateInput> {
  const draft = readTemplateDraft(form.entries());
  const values = draftToValues(draft);
  const result = templateSchema.safeParse(draft);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    fieldErrors[field] ??= isMessageKey(issue.message) ? issue.message : "errors.invalidInput";
  }
  return { ok: false, fieldErrors, values };
}

import { z } from "zod";

// A group's name and description in both working languages (DESIGN.md: content the group writes for
// everyone). The English name is required: it names the group in mail, files and the audit chain.
export const GROUP_NAME_MAX = 120;
export const GROUP_DESCRIPTION_MAX = 1000;

export const groupDetailsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: "groupDetails.nameRequired" })
    .max(GROUP_NAME_MAX, { message: "groupDetails.nameTooLong" }),
  nameEs: z.string().trim().max(GROUP_NAME_MAX, { message: "groupDetails.nameTooLong" }),
  description: z.string().trim().max(GROUP_DESCRIPTION_MAX, { message: "groupDetails.descriptionTooLong" }),
  descriptionEs: z.string().trim().max(GROUP_DESCRIPTION_MAX, { message: "groupDetails.descriptionTooLong" }),
});

export type GroupDetails = z.infer<typeof groupDetailsSchema>;
export const GROUP_DETAIL_FIELDS = ["name", "nameEs", "description", "descriptionEs"] as const;

/** Which fields a save changes (the audit event names them; an unchanged save writes nothing). */
export function changedGroupFields(before: GroupDetails, after: GroupDetails): (keyof GroupDetails)[] {
  return GROUP_DETAIL_FIELDS.filter((field) => before[field] !== after[field]);
}

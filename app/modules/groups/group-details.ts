// A group's name and description in both working languages (DESIGN.md: content the group writes for
// everyone). The English name is required: it names the group in mail, files and the audit chain.
// Browser-safe (no zod): the details page uses these; group-details.schema.ts checks the form.
export const GROUP_NAME_MAX = 120;
export const GROUP_DESCRIPTION_MAX = 1000;

export const GROUP_DETAIL_FIELDS = ["name", "nameEs", "description", "descriptionEs"] as const;
export type GroupDetails = Record<(typeof GROUP_DETAIL_FIELDS)[number], string>;

/** Which fields a save changes (the audit event names them; an unchanged save writes nothing). */
export function changedGroupFields(before: GroupDetails, after: GroupDetails): (keyof GroupDetails)[] {
  return GROUP_DETAIL_FIELDS.filter((field) => before[field] !== after[field]);
}

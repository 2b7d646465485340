// The template form as the browser posts and shows it (browser-safe, no zod: the template pages use it;
// templates.schema.ts validates what is posted and re-exports these).
export const MAX_SECTIONS = 30;

// ─── Form encoding ───────────────────────────────────────────────────────────
// HTML forms post flat fields: `name`, `nameEs`, `description`, `descriptionEs`, and for each section i = 0..n-1
// `sections[i].key`, `sections[i].title`, `sections[i].titleEs`, `sections[i].guidance`,
// `sections[i].guidanceEs`, `sections[i].required` ("on" when checked). Title and guidance are English;
// the `Es` fields their Spanish (optional: pages show the English, marked, until it is written).

/** What the person typed, before validation: every field a string, `required` a checkbox state. */
export interface TemplateDraft {
  name: string;
  nameEs: string;
  description: string;
  descriptionEs: string;
  sections: {
    key: string;
    title: string;
    titleEs: string;
    guidance: string;
    guidanceEs: string;
    required: boolean;
  }[];
}

export type DraftSection = TemplateDraft["sections"][number];

export const SECTION_FIELDS = ["key", "title", "titleEs", "guidance", "guidanceEs", "required"] as const;
export type SectionField = (typeof SECTION_FIELDS)[number];

export function sectionFieldName(index: number, field: SectionField): string {
  return `sections[${index}].${field}`;
}

/** The key under which an error of a section field is reported, e.g. "sections.2.key". */
export function sectionErrorKey(index: number, field: SectionField): string {
  return `sections.${index}.${field}`;
}

const SECTION_FIELD = /^sections\[(\d{1,4})\]\.(key|title|titleEs|guidance|guidanceEs|required)$/;

export function emptySection(): DraftSection {
  return { key: "", title: "", titleEs: "", guidance: "", guidanceEs: "", required: false };
}

/**
 * Reads the flat fields into a draft. Rows are ordered by their index; gaps close up, so the draft's
 * section i is always posted back as `sections[i].*`.
 */
export function readTemplateDraft(entries: Iterable<[string, FormDataEntryValue]>): TemplateDraft {
  const draft: TemplateDraft = { name: "", nameEs: "", description: "", descriptionEs: "", sections: [] };
  const rows = new Map<number, DraftSection>();
  for (const [name, value] of entries) {
    if (typeof value !== "string") continue;
    if (name === "name") draft.name = value;
    else if (name === "nameEs") draft.nameEs = value;
    else if (name === "description") draft.description = value;
    else if (name === "descriptionEs") draft.descriptionEs = value;
    else {
      const match = SECTION_FIELD.exec(name);
      if (!match) continue;
      const index = Number(match[1]);
      const row = rows.get(index) ?? emptySection();
      const field = match[2] as SectionField;
      if (field === "required") row.required = value === "on";
      else row[field] = value;
      rows.set(index, row);
    }
  }
  draft.sections = [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
  return draft;
}

/** The flat form values of a draft, as the form would post them (an unchecked box is absent). */
export function draftToValues(draft: TemplateDraft): Record<string, string> {
  const values: Record<string, string> = {
    name: draft.name,
    nameEs: draft.nameEs,
    description: draft.description,
    descriptionEs: draft.descriptionEs,
  };
  draft.sections.forEach((section, index) => {
    values[sectionFieldName(index, "key")] = section.key;
    values[sectionFieldName(index, "title")] = section.title;
    values[sectionFieldName(index, "titleEs")] = section.titleEs;
    values[sectionFieldName(index, "guidance")] = section.guidance;
    values[sectionFieldName(index, "guidanceEs")] = section.guidanceEs;
    if (section.required) values[sectionFieldName(index, "required")] = "on";
  });
  return values;
}

export function valuesToDraft(values: Record<string, string>): TemplateDraft {
  return readTemplateDraft(Object.entries(values));
}

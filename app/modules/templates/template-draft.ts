// Editing a template form without JavaScript: every button posts the whole form with an `intent`, the
// server applies it to what was posted and renders the form again. Nothing is saved until "save".
import type { MessageKey } from "~/i18n/messages";
import {
  MAX_SECTIONS,
  draftToValues,
  emptySection,
  readTemplateDraft,
  sectionFieldName,
  type TemplateDraft,
} from "./template-form";
import { parseTemplateForm, type TemplateInput } from "./templates.schema";
import type { FormParse } from "~/modules/validation";

export type DraftIntent =
  | { kind: "save" }
  | { kind: "add-section" }
  | { kind: "remove"; index: number }
  | { kind: "move-up"; index: number }
  | { kind: "move-down"; index: number };

/** "save" (also when absent, e.g. Enter in a text field), "add-section", "remove:2", "move-up:2", "move-down:2". */
export function parseDraftIntent(value: FormDataEntryValue | null): DraftIntent | null {
  if (value === null || value === "save") return { kind: "save" };
  if (value === "add-section") return { kind: "add-section" };
  const match = typeof value === "string" ? /^(remove|move-up|move-down):(\d{1,4})$/.exec(value) : null;
  if (!match) return null;
  return { kind: match[1] as "remove" | "move-up" | "move-down", index: Number(match[2]) };
}

export interface DraftEdit {
  draft: TemplateDraft;
  /** The id of the control that should have focus when the form is shown again. */
  focus: string | null;
  error: MessageKey | null;
}

/** Field ids inside the template form (one form per page, so ids need no prefix). */
export function fieldId(name: string): string {
  return "tpl-" + name.replace(/[[\].]+/g, "-").replace(/-$/, "");
}

export function moveButtonId(index: number, direction: "up" | "down"): string {
  return `tpl-section-${index}-move-${direction}`;
}

function moved(sections: TemplateDraft["sections"], from: number, to: number): TemplateDraft["sections"] {
  const next = [...sections];
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row);
  return next;
}

/** Applies a non-saving intent to the draft. Out-of-range indexes (a stale page) change nothing. */
export function applyDraftIntent(
  draft: TemplateDraft,
  intent: Exclude<DraftIntent, { kind: "save" }>,
): DraftEdit {
  const count = draft.sections.length;
  switch (intent.kind) {
    case "add-section": {
      if (count >= MAX_SECTIONS) return { draft, focus: null, error: "templates.tooManySections" };
      return {
        draft: { ...draft, sections: [...draft.sections, emptySection()] },
        focus: fieldId(sectionFieldName(count, "title")),
        error: null,
      };
    }
    case "remove": {
      if (intent.index >= count) return { draft, focus: null, error: null };
      if (count <= 1) return { draft, focus: null, error: "templates.sectionsRequired" };
      const sections = draft.sections.filter((_, i) => i !== intent.index);
      const focusIndex = Math.min(intent.index, sections.length - 1);
      return {
        draft: { ...draft, sections },
        focus: fieldId(sectionFieldName(focusIndex, "title")),
        error: null,
      };
    }
    case "move-up": {
      if (intent.index < 1 || intent.index >= count) return { draft, focus: null, error: null };
      const to = intent.index - 1;
      // Keep focus on the button just used, now one row up; at the top it is disabled, so take "down".
      return {
        draft: { ...draft, sections: moved(draft.sections, intent.index, to) },
        focus: moveButtonId(to, to === 0 ? "down" : "up"),
        error: null,
      };
    }
    case "move-down": {
      if (intent.index >= count - 1) return { draft, focus: null, error: null };
      const to = intent.index + 1;
      return {
        draft: { ...draft, sections: moved(draft.sections, intent.index, to) },
        focus: moveButtonId(to, to === count - 1 ? "up" : "down"),
        error: null,
      };
    }
  }
}

export type TemplateFormStep =
  | { kind: "invalid-intent"; values: Record<string, string> }
  | { kind: "draft"; values: Record<string, string>; focus: string | null; error: MessageKey | null }
  | { kind: "save"; parsed: FormParse<TemplateInput> };

/** What a post of the template form asks for: a changed draft to show again, or a template to save. */
export function stepTemplateForm(form: FormData): TemplateFormStep {
  const intent = parseDraftIntent(form.get("intent"));
  if (!intent) return { kind: "invalid-intent", values: draftToValues(readTemplateDraft(form.entries())) };
  if (intent.kind === "save") return { kind: "save", parsed: parseTemplateForm(form) };
  const edit = applyDraftIntent(readTemplateDraft(form.entries()), intent);
  return { kind: "draft", values: draftToValues(edit.draft), focus: edit.focus, error: edit.error };
}

// What a Word import's preview shows (getImportPreview in word-import.server.ts builds it), safe for the
// browser.
import type { PaperLanguage } from "~/modules/translations/translation";
import type { DroppedContent } from "./docx-convert";
import type { SectionPreview } from "./template-mapping";

export interface ImportPreview {
  draftId: string;
  kind: "paper" | "translation";
  fileName: string;
  sha256: string;
  language: PaperLanguage;
  title: string | null;
  /** ISO 8601: the draft is gone after this. */
  expiresAt: string;
  sections: (SectionPreview & { title: string; kept: boolean })[];
  dropped: DroppedContent;
}

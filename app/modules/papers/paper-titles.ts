// A paper as a page shows it to one viewer: its title and its sections' titles and guidance in the
// viewer's language (or the other one, marked, when not written in theirs). Pure.
import { localizeSection, paperTitleTexts, shownText } from "~/modules/translations/bilingual-text";
import { isPaperLanguage, type PaperLanguage } from "~/modules/translations/translation";

export function localizePaper<
  P extends {
    title: string;
    titleTranslation: string;
    originalLanguage: string;
    sections: { title: string; titleEs: string; guidance: string; guidanceEs: string }[];
  },
>(paper: P, locale: PaperLanguage) {
  const originalLanguage = isPaperLanguage(paper.originalLanguage) ? paper.originalLanguage : "en";
  const title = shownText(paperTitleTexts({ ...paper, originalLanguage }), locale);
  const { titleTranslation: _translation, ...rest } = paper;
  return {
    ...rest,
    title: title.text || paper.title,
    titleFallback: title.fallback,
    sections: paper.sections.map((section) => localizeSection(section, locale)),
  };
}

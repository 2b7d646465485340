import { useT } from "~/i18n/use-t";
import type { PMNode } from "~/modules/documents/prosemirror-json";
import type { PaperLanguage } from "~/modules/translations/translation";
import { RichText } from "./RichText";

export interface FrozenSection {
  key: string;
  title: string;
  doc: PMNode;
  translation: PMNode | null;
}

/**
 * A frozen text (a version, the text under vote), section by section; a bilingual one shows each section
 * in both languages side by side (stacked on a phone), an untranslated section marked as such.
 */
export function FrozenText({
  sections,
  carried,
  language,
  idPrefix,
  headingLevel = 3,
}: {
  sections: FrozenSection[];
  carried: boolean;
  language: PaperLanguage;
  idPrefix: string;
  headingLevel?: 2 | 3;
}) {
  const tr = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const languageName = tr(`translation.language.${language}`);
  return (
    <>
      {sections.map((section) => (
        <section
          key={section.key}
          aria-labelledby={`${idPrefix}-${section.key}`}
          className={carried ? "frozen-bilingual" : undefined}
        >
          <div>
            <Heading id={`${idPrefix}-${section.key}`}>{section.title}</Heading>
            <RichText doc={section.doc} />
          </div>
          {carried ? (
            <div>
              <Heading id={`${idPrefix}-${section.key}-${language}`}>
                {tr("translation.sectionTitle", { title: section.title, language: languageName })}
              </Heading>
              {section.translation ? (
                <div lang={language}>
                  <RichText doc={section.translation} />
                </div>
              ) : (
                <p className="muted">{tr("translation.state.missing")}</p>
              )}
            </div>
          ) : null}
        </section>
      ))}
    </>
  );
}

// What a Word import will do, before it does it: which text lands in which section, and what is left out.
import { useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n/messages";
import type { ImportPreview as Preview } from "~/modules/word/import-preview";

const DROPPED_KEYS = [
  "images",
  "tables",
  "unsafeLinks",
  "comments",
  "trackedChanges",
  "externalRelationships",
] as const;

export function ImportPreview({ preview }: { preview: Preview }) {
  const tr = useT();
  const dropped = DROPPED_KEYS.filter((key) => preview.dropped[key] > 0);
  return (
    <div className="import-preview stack">
      <p className="muted import-file">
        {tr("word.import.previewIntro", { file: preview.fileName, hash: preview.sha256 })}
      </p>
      {preview.title ? <p>{tr("word.import.paperTitle", { title: preview.title })}</p> : null}
      <ol className="import-sections">
        {preview.sections.map((section, index) => (
          <li key={section.key} className="import-section" aria-labelledby={`import-section-${section.key}`}>
            <h2 id={`import-section-${section.key}`}>{section.title}</h2>
            {section.kept ? (
              <p className="muted">{tr("word.import.kept")}</p>
            ) : section.paragraphs === 0 ? (
              <p className="muted">{tr("word.import.empty")}</p>
            ) : (
              <>
                <p className="muted small">
                  {section.heading
                    ? tr("word.import.startedBy", { heading: section.heading })
                    : index === 0
                      ? tr("word.import.before")
                      : null}
                  {section.heading || index === 0 ? " · " : null}
                  {tr("word.import.counts", { paragraphs: section.paragraphs, words: section.words })}
                </p>
                <p className="import-excerpt" lang={preview.language}>
                  {section.excerpt}
                </p>
              </>
            )}
          </li>
        ))}
      </ol>
      <section aria-labelledby="import-dropped" className="import-dropped">
        <h2 id="import-dropped">{tr("word.import.dropped")}</h2>
        {dropped.length === 0 && !preview.dropped.macros ? (
          <p>{tr("word.import.droppedNone")}</p>
        ) : (
          <ul>
            {dropped.map((key) => (
              <li key={key}>
                {tr(`word.import.dropped.${key}` as MessageKey, { count: preview.dropped[key] })}
              </li>
            ))}
            {preview.dropped.macros ? <li>{tr("word.import.dropped.macros")}</li> : null}
          </ul>
        )}
      </section>
    </div>
  );
}

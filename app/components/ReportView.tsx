import type { ReactNode } from "react";
import { isSafeHref } from "~/modules/documents/safe-href";
import type { ReportDocument, ReportFinding } from "~/modules/report/report";
import type { Block, Inline } from "~/modules/report/walk";

// The report on the page: the same model the downloads render, as React elements (text is always text).

type HeadingTag = "h2" | "h3" | "h4" | "h5" | "h6";

function headingTag(level: number): HeadingTag {
  return `h${Math.min(6, Math.max(2, level))}` as HeadingTag;
}

function InlinesView({ inlines }: { inlines: Inline[] }) {
  return (
    <>
      {inlines.map((inline, index) => {
        if (inline.kind === "break") return <br key={index} />;
        let node: ReactNode = inline.text;
        if (inline.italic) node = <em>{node}</em>;
        if (inline.bold) node = <strong>{node}</strong>;
        if (inline.href && isSafeHref(inline.href))
          node = (
            <a href={inline.href} rel="noopener noreferrer nofollow">
              {node}
            </a>
          );
        return <span key={index}>{node}</span>;
      })}
    </>
  );
}

/** Blocks under a heading of level `headingBase` (their own headings start one level below it). */
export function BlocksView({ blocks, headingBase }: { blocks: Block[]; headingBase: number }) {
  return (
    <>
      {blocks.map((block, index) => {
        switch (block.kind) {
          case "paragraph":
            return (
              <p key={index}>
                <InlinesView inlines={block.inlines} />
              </p>
            );
          case "heading": {
            const Tag = headingTag(headingBase + block.level);
            return (
              <Tag key={index}>
                <InlinesView inlines={block.inlines} />
              </Tag>
            );
          }
          case "list": {
            const items = block.items.map((item, i) => (
              <li key={i}>
                <BlocksView blocks={item} headingBase={headingBase} />
              </li>
            ));
            return block.ordered ? (
              <ol key={index} start={block.start}>
                {items}
              </ol>
            ) : (
              <ul key={index}>{items}</ul>
            );
          }
          case "quote":
            return (
              <blockquote key={index}>
                <BlocksView blocks={block.blocks} headingBase={headingBase} />
              </blockquote>
            );
        }
      })}
    </>
  );
}

function FindingView({ finding, notesLabel }: { finding: ReportFinding; notesLabel: string }) {
  const headingId = `finding-${finding.number}-title`;
  return (
    <article className="report-finding" id={`finding-${finding.number}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className="finding-number">{`${finding.number}.`}</span>
        {` ${finding.title}`}
      </h3>
      {finding.translationNote ? <p className="translation-note">{finding.translationNote}</p> : null}
      <div className="finding-lead" lang={finding.leadLanguage ?? undefined}>
        <BlocksView blocks={finding.lead} headingBase={4} />
      </div>
      {finding.sections.map((section, index) => (
        <section key={index} className="finding-section">
          <h4>{section.title}</h4>
          {section.language ? (
            <div lang={section.language}>
              <BlocksView blocks={section.blocks} headingBase={4} />
            </div>
          ) : (
            <BlocksView blocks={section.blocks} headingBase={4} />
          )}
        </section>
      ))}
      <p className="adoption">{finding.adoption}</p>
      {finding.notes.length ? (
        <aside className="report-notes" aria-label={notesLabel}>
          {finding.notes.map((note, index) => (
            <div key={index} className="report-note">
              <p>
                <strong>{note.lead}:</strong>
              </p>
              <BlocksView blocks={note.blocks} headingBase={5} />
            </div>
          ))}
        </aside>
      ) : null}
    </article>
  );
}

/** Everything below the page's own title and download links. */
export function ReportView({ report, emptyText }: { report: ReportDocument; emptyText: string }) {
  return (
    <div className="report">
      {report.cochairs.length ? (
        <section aria-labelledby="report-cochairs">
          <h2 id="report-cochairs">{report.labels.cochairs}</h2>
          <ul>
            {report.cochairs.map((c, index) => (
              <li key={index}>
                {c.name} ({c.delegation})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {report.delegations.length ? (
        <section aria-labelledby="report-members">
          <h2 id="report-members">{report.labels.members}</h2>
          {report.delegations.map((d, index) => (
            <p key={index}>
              <strong>{d.name}:</strong> {d.members.join(", ")}
            </p>
          ))}
        </section>
      ) : null}
      {report.foreword.length ? (
        <section aria-labelledby="report-foreword">
          <h2 id="report-foreword">{report.labels.foreword}</h2>
          <BlocksView blocks={report.foreword} headingBase={2} />
        </section>
      ) : null}
      {report.summary.length ? (
        <section aria-labelledby="report-summary">
          <h2 id="report-summary">{report.labels.summary}</h2>
          <BlocksView blocks={report.summary} headingBase={2} />
        </section>
      ) : null}
      <section aria-labelledby="report-findings">
        <h2 id="report-findings">{report.labels.findings}</h2>
        {report.findings.length ? (
          report.findings.map((finding) => (
            <FindingView key={finding.paperId} finding={finding} notesLabel={report.labels.notes} />
          ))
        ) : (
          <p className="muted">{emptyText}</p>
        )}
      </section>
      <footer className="report-colophon" aria-labelledby="report-colophon">
        <h2 id="report-colophon">{report.labels.colophon}</h2>
        {report.colophon.map((line, index) => (
          <p key={index}>{line}</p>
        ))}
      </footer>
    </div>
  );
}

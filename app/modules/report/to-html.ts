// The report as one standalone HTML file (no script, no external resource) with print CSS. Every piece of
// user text is escaped; the only attributes written from user data are http/https/mailto hrefs.
import { isSafeHref } from "~/modules/documents/editor-schema";
import type { PendingSuggestionList, ReportDocument, ReportFinding } from "./report";
import type { Block, Inline, RunSuggestion } from "./walk";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// A pending suggestion (blocks walked with them kept): <ins>/<del> naming its author and time.
function change(tag: "ins" | "del", suggestion: RunSuggestion, html: string): string {
  return `<${tag} class="suggestion" title="${escapeHtml(suggestion.author)}" datetime="${escapeHtml(suggestion.date)}">${html}</${tag}>`;
}

function inlineHtml(inlines: Inline[]): string {
  return inlines
    .map((inline) => {
      let html = "<br>";
      if (inline.kind === "text") {
        html = escapeHtml(inline.text);
        if (inline.italic) html = `<em>${html}</em>`;
        if (inline.bold) html = `<strong>${html}</strong>`;
        if (inline.href && isSafeHref(inline.href))
          html = `<a href="${escapeHtml(inline.href)}" rel="noopener noreferrer nofollow">${html}</a>`;
      }
      if (inline.deleted) html = change("del", inline.deleted, html);
      if (inline.inserted) html = change("ins", inline.inserted, html);
      return html;
    })
    .join("");
}

/** Blocks as HTML; `headingBase` is the HTML level of the section title the blocks sit under. */
export function blocksToHtml(blocks: Block[], headingBase = 4): string {
  return blocks
    .map((block) => {
      switch (block.kind) {
        case "paragraph":
          return `<p>${inlineHtml(block.inlines)}</p>`;
        case "heading": {
          const level = Math.min(6, headingBase + block.level);
          return `<h${level}>${inlineHtml(block.inlines)}</h${level}>`;
        }
        case "list": {
          const items = block.items.map((item) => `<li>${blocksToHtml(item, headingBase)}</li>`).join("");
          if (!block.ordered) return `<ul>${items}</ul>`;
          return `<ol${block.start !== 1 ? ` start="${block.start}"` : ""}>${items}</ol>`;
        }
        case "quote":
          return `<blockquote>${blocksToHtml(block.blocks, headingBase)}</blockquote>`;
      }
    })
    .join("\n");
}

const CSS = `
:root { color-scheme: light; }
body { font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; line-height: 1.5; color: #1b1d21; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .75rem; border-bottom: 1px solid #c9ccd1; padding-bottom: .25rem; }
h3 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
h5, h6 { font-size: 1rem; margin: 1rem 0 .3rem; }
.date-line { color: #4a4f57; }
.finding-number { font-variant-numeric: tabular-nums; }
.finding-lead p { font-weight: bold; }
.translation-note { font-style: italic; color: #4f5660; }
.adoption { font-style: italic; border-left: 3px solid #0f7a4f; padding-left: .75rem; }
.notes { font-size: .95rem; }
.notes p { margin: .25rem 0; }
.colophon { font-size: .85rem; color: #4a4f57; overflow-wrap: anywhere; }
li > p { margin: .2rem 0; }
blockquote { margin: .75rem 0 .75rem 1rem; padding-left: .75rem; border-left: 3px solid #c9ccd1; }
a { color: #1f5fa8; }
ins.suggestion { text-decoration: underline; text-decoration-color: #1d6b3f; background: #e6f3ea; }
del.suggestion { text-decoration: line-through; color: #8a2020; background: #f8e8e8; }
.pending-suggestions li { margin: .25rem 0; }
@page { size: A4; margin: 2cm 2cm 2.2cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .finding { break-before: auto; }
  .finding-lead, .adoption, .notes { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; overflow-wrap: anywhere; }
}
`;

function findingHtml(finding: ReportFinding, notesLabel: string, single = false): string {
  // Text left in the original language is marked with its own lang, for screen readers and hyphenation.
  const lang = (language: string | null) => (language ? ` lang="${language}"` : "");
  const body = (html: string, language: string | null) =>
    language ? `<div${lang(language)}>${html}</div>` : html;
  // One paper: its sections sit right under its title (h1), as h2; in the report, under the finding (h3).
  const level = single ? 2 : 4;
  const sections = finding.sections
    .map(
      (s) =>
        // One paper's pending suggestions are marked in its text (a report has none: its papers are adopted).
        `<section><h${level}>${escapeHtml(s.title)}</h${level}>\n${body(blocksToHtml(s.tracked ?? s.blocks, level), s.language)}</section>`,
    )
    .join("\n");
  const notes = finding.notes.length
    ? `<aside class="notes" aria-label="${escapeHtml(notesLabel)}">${finding.notes.map((n) => `<div class="note"><p><strong>${escapeHtml(n.lead)}:</strong></p>${blocksToHtml(n.blocks)}</div>`).join("")}</aside>`
    : "";
  return `<article class="finding" id="finding-${finding.number}" aria-label="${escapeHtml(finding.label)}">
${single ? "" : `<h3><span class="finding-number">${finding.number}.</span> ${escapeHtml(finding.title)}</h3>\n`}${finding.translationNote ? `<p class="translation-note">${escapeHtml(finding.translationNote)}</p>\n` : ""}<div class="finding-lead"${lang(finding.leadLanguage)}>${blocksToHtml(finding.lead, 4)}</div>
${sections}
${finding.adoption ? `<p class="adoption">${escapeHtml(finding.adoption)}</p>` : ""}
${notes}
</article>`;
}

function suggestionsHtml(list: PendingSuggestionList): string {
  return `<section class="pending-suggestions"><h2>${escapeHtml(list.heading)}</h2><p>${escapeHtml(list.marked)}</p><ul>${list.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul></section>`;
}

export function reportToHtml(report: ReportDocument): string {
  const parts: string[] = [];
  parts.push(
    `<h1>${escapeHtml(report.title)}</h1>`,
    `<p class="date-line">${escapeHtml(report.dateLine)}</p>`,
  );
  if (report.cochairs.length) {
    parts.push(
      `<h2>${escapeHtml(report.labels.cochairs)}</h2>`,
      `<ul>${report.cochairs.map((c) => `<li>${escapeHtml(c.name)} (${escapeHtml(c.delegation)})</li>`).join("")}</ul>`,
    );
  }
  if (report.delegations.length) {
    parts.push(
      `<h2>${escapeHtml(report.labels.members)}</h2>`,
      ...report.delegations.map(
        (d) => `<p><strong>${escapeHtml(d.name)}:</strong> ${escapeHtml(d.members.join(", "))}</p>`,
      ),
    );
  }
  if (report.foreword.length)
    parts.push(`<h2>${escapeHtml(report.labels.foreword)}</h2>`, blocksToHtml(report.foreword, 2));
  if (report.summary.length)
    parts.push(`<h2>${escapeHtml(report.labels.summary)}</h2>`, blocksToHtml(report.summary, 2));
  if (report.single) parts.push(...report.findings.map((f) => findingHtml(f, report.labels.notes, true)));
  else
    parts.push(
      `<h2>${escapeHtml(report.labels.findings)}</h2>`,
      ...report.findings.map((f) => findingHtml(f, report.labels.notes)),
    );
  if (report.single?.suggestions) parts.push(suggestionsHtml(report.single.suggestions));
  parts.push(
    `<footer class="colophon"><h2>${escapeHtml(report.labels.colophon)}</h2>${report.colophon.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}</footer>`,
  );
  return `<!doctype html>
<html lang="${report.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Acuerdo">
<title>${escapeHtml(report.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${parts.join("\n")}
</main>
</body>
</html>
`;
}

// The report as CommonMark. User text never becomes markup: every Markdown control character is
// backslash-escaped, "&" too (no entity can smuggle in "<"), and a line may not start with anything
// that would make it a list item, heading, quote, code block or setext underline.
import { isSafeHref } from "~/modules/documents/editor-schema";
import type { ReportDocument, ReportFinding } from "./report";
import type { Block, Inline } from "./walk";

/**
 * Escapes the characters that make markup anywhere in a line (CommonMark allows a backslash before any
 * ASCII punctuation). With "[" and "]" escaped no link or image can form, so "(", ")" and "!" stay as typed.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~&]/g, "\\$&");
}

// What can only make markup at the start of a line: "-", "+" (list items, thematic breaks), "=" (setext
// underline), digits then "." or ")" (ordered list); leading spaces (code block) are dropped.
function escapeLineStart(line: string): string {
  const trimmed = line.replace(/^[ \t]+/, "");
  if (/^[-+=]/.test(trimmed)) return `\\${trimmed}`;
  return trimmed.replace(/^(\d+)([.)])/, "$1\\$2");
}

// A link destination in <...> form may hold anything but "<", ">" and line breaks; percent-encode those
// and spaces, so the address cannot end the link early.
function linkDestination(href: string): string {
  return href.replace(
    /[<>\s()\\]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"),
  );
}

type Run = Extract<Inline, { kind: "text" }>;

// Emphasis markers must touch non-space text, so a span's outer spaces stay outside its markers.
function wrap(markdown: string, marker: string): string {
  const [, before, core, after] = /^(\s*)([\s\S]*?)(\s*)$/.exec(markdown)!;
  return core ? `${before}${marker}${core}${marker}${after}` : markdown;
}

/** Consecutive runs that share `key` as one span (so "**a *b* c**" rather than "**a** ***b*** **c**"). */
function spans<T>(runs: Run[], key: (run: Run) => T): Run[][] {
  const out: Run[][] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (last && key(last[0]) === key(run)) last.push(run);
    else out.push([run]);
  }
  return out;
}

function runsMarkdown(runs: Run[]): string {
  return spans(runs, (r) => r.bold)
    .map((boldSpan) => {
      const inner = spans(boldSpan, (r) => (r.href && isSafeHref(r.href) ? r.href : ""))
        .map((linkSpan) => {
          // "*" (not "_") for italic: it also works inside a word.
          const text = linkSpan
            .map((r) => (r.italic ? wrap(escapeMarkdown(r.text), "*") : escapeMarkdown(r.text)))
            .join("");
          const href = linkSpan[0].href;
          return href && isSafeHref(href)
            ? text.replace(
                /^(\s*)([\s\S]*?)(\s*)$/,
                (_, a: string, core: string, b: string) => `${a}[${core}](<${linkDestination(href)}>)${b}`,
              )
            : text;
        })
        .join("");
      return boldSpan[0].bold ? wrap(inner, "**") : inner;
    })
    .join("");
}

/** Inline content as lines (a hard break ends a line with "\"). */
function inlineLines(inlines: Inline[]): string[] {
  const lines: Run[][] = [[]];
  for (const inline of inlines) {
    if (inline.kind === "break") lines.push([]);
    else lines[lines.length - 1].push(inline);
  }
  return lines.map(
    (runs, index) => escapeLineStart(runsMarkdown(runs)) + (index < lines.length - 1 ? "\\" : ""),
  );
}

function indent(lines: string[], first: string, rest: string): string[] {
  return lines.map((line, index) => (line === "" ? "" : (index === 0 ? first : rest) + line));
}

function blockLines(block: Block, headingBase: number): string[] {
  switch (block.kind) {
    case "paragraph": {
      if (block.inlines.length === 0) return [];
      return inlineLines(block.inlines);
    }
    case "heading": {
      // A heading is one line: its hard breaks become spaces.
      const text = inlineLines(
        block.inlines.map((i) =>
          i.kind === "break" ? { kind: "text" as const, text: " ", bold: false, italic: false } : i,
        ),
      ).join("");
      return [`${"#".repeat(Math.min(6, headingBase + block.level))} ${text}`];
    }
    case "list":
      return block.items.flatMap((item, index) => {
        const marker = block.ordered ? `${block.start + index}. ` : "- ";
        const lines = blocksLines(item, headingBase, true);
        return indent(lines.length ? lines : [""], marker, " ".repeat(marker.length)).map((line, i) =>
          i === 0 && line === "" ? marker.trimEnd() : line,
        );
      });
    case "quote":
      return blocksLines(block.blocks, headingBase).map((line) => (line === "" ? ">" : `> ${line}`));
  }
}

function blocksLines(blocks: Block[], headingBase: number, tight = false): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    const lines = blockLines(block, headingBase);
    if (!lines.length) continue;
    // Inside a list item, a nested list follows its paragraph directly; anything else is a new paragraph.
    if (out.length) out.push(...(tight && block.kind === "list" ? [] : [""]));
    out.push(...lines);
  }
  return out;
}

/** Blocks as Markdown; `headingBase` is the level of the section title the blocks sit under. */
export function blocksToMarkdown(blocks: Block[], headingBase = 4): string {
  return blocksLines(blocks, headingBase).join("\n");
}

function plain(text: string): string {
  return inlineLines([{ kind: "text", text, bold: false, italic: false }]).join("");
}

function findingMarkdown(finding: ReportFinding, single = false): string[] {
  // One paper: its sections sit right under its title, as ##; in the report, under the finding (###).
  const level = single ? 2 : 4;
  const parts = single ? [] : [`### ${finding.number}. ${plain(finding.title)}`];
  if (finding.translationNote) parts.push(`*${plain(finding.translationNote)}*`);
  if (finding.lead.length) parts.push(blocksToMarkdown(finding.lead, 4));
  for (const section of finding.sections)
    parts.push(`${"#".repeat(level)} ${plain(section.title)}`, blocksToMarkdown(section.blocks, level));
  if (finding.adoption) parts.push(`*${plain(finding.adoption)}*`);
  for (const note of finding.notes) {
    const body = blocksLines(note.blocks, 4);
    parts.push(
      [`> **${plain(note.lead)}:**`, ...body.map((line) => (line === "" ? ">" : `> ${line}`))].join("\n"),
    );
  }
  return parts;
}

export function reportToMarkdown(report: ReportDocument): string {
  const parts: string[] = [`# ${plain(report.title)}`, plain(report.dateLine)];
  if (report.cochairs.length)
    parts.push(
      `## ${plain(report.labels.cochairs)}`,
      report.cochairs.map((c) => `- ${plain(`${c.name} (${c.delegation})`)}`).join("\n"),
    );
  if (report.delegations.length)
    parts.push(
      `## ${plain(report.labels.members)}`,
      ...report.delegations.map((d) => `**${plain(d.name)}:** ${plain(d.members.join(", "))}`),
    );
  if (report.foreword.length)
    parts.push(`## ${plain(report.labels.foreword)}`, blocksToMarkdown(report.foreword, 2));
  if (report.summary.length)
    parts.push(`## ${plain(report.labels.summary)}`, blocksToMarkdown(report.summary, 2));
  if (report.single) parts.push(...report.findings.flatMap((f) => findingMarkdown(f, true)));
  else
    parts.push(`## ${plain(report.labels.findings)}`, ...report.findings.flatMap((f) => findingMarkdown(f)));
  // One paper's pending suggestions: listed, the text above printed without them.
  const suggestions = report.single?.suggestions;
  if (suggestions)
    parts.push(
      `## ${plain(suggestions.heading)}`,
      `*${plain(suggestions.leftOut)}*`,
      suggestions.items.map((item) => `- ${plain(item)}`).join("\n"),
    );
  parts.push(`## ${plain(report.labels.colophon)}`, ...report.colophon.map(plain));
  return `${parts.filter((p) => p !== "").join("\n\n")}\n`;
}

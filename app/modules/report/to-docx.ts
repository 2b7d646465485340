// The report as a Word document (docx library): real heading styles, Word list numbering for bullets,
// ordered lists and the findings themselves, hyperlinks, and one paper's pending suggestions as tracked
// changes. The library writes and escapes the XML; text reaches it already cleaned of characters XML
// cannot hold (walk.ts, cleanText).
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type ILevelsOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from "docx";
import { isSafeHref } from "~/modules/documents/editor-schema";
import { RevisionIds, sameSuggestions, trackedRuns, type TrackedRunOptions } from "./docx-tracked-changes";
import type { ReportDocument, ReportFinding } from "./report";
import type { Block, Inline, RunSuggestion, Suggested } from "./walk";

const HEADINGS = [
  HeadingLevel.TITLE,
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;
const BULLETS = ["•", "◦", "▪"];
const FINDINGS_REFERENCE = "findings";
const BULLETS_REFERENCE = "bullets";

function level(
  index: number,
  format: (typeof LevelFormat)[keyof typeof LevelFormat],
  text: string,
  start = 1,
): ILevelsOptions {
  return {
    level: index,
    format,
    text,
    start,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (index + 1), hanging: 360 } } },
  };
}

interface Piece {
  suggested: Suggested;
  href?: string;
  run: TrackedRunOptions;
}

function suggestedOf(inline: Inline): Suggested {
  return {
    ...(inline.inserted ? { inserted: inline.inserted } : {}),
    ...(inline.deleted ? { deleted: inline.deleted } : {}),
    ...(inline.formatted ? { formatted: inline.formatted } : {}),
  };
}

/** Items cut into runs of neighbours that `same` says belong together. */
function consecutive<T>(items: T[], same: (a: T, b: T) => boolean): T[][] {
  const out: T[][] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last && same(last[last.length - 1], item)) last.push(item);
    else out.push([item]);
  }
  return out;
}

/** Builds paragraphs and collects the numbering definitions they need (one per ordered list, so each can start anywhere). */
class DocxWriter {
  readonly numbering: NumberingDefinition[] = [
    {
      reference: BULLETS_REFERENCE,
      levels: Array.from({ length: 9 }, (_, i) => level(i, LevelFormat.BULLET, BULLETS[i % BULLETS.length])),
    },
    {
      reference: FINDINGS_REFERENCE,
      levels: [
        {
          level: 0,
          format: LevelFormat.DECIMAL,
          text: "%1.",
          start: 1,
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 0, hanging: 0 } } },
        },
      ],
    },
  ];
  private orderedLists = 0;
  private readonly revisions = new RevisionIds();

  /**
   * Inline content as runs. Pending suggestions (blocks walked with them kept) become tracked changes
   * (docx-tracked-changes.ts); consecutive runs of one link are one hyperlink, and inside it or outside,
   * consecutive runs of one change are one `w:ins`/`w:del`.
   */
  runs(inlines: Inline[], extra: { bold?: boolean; italics?: boolean } = {}): ParagraphChild[] {
    const pieces: Piece[] = [];
    // Line breaks go into the next run when it belongs to the same change, else into a run of their own.
    const breaks: { count: number; suggested: Suggested } = { count: 0, suggested: {} };
    const flushBreaks = () => {
      if (breaks.count) pieces.push({ suggested: breaks.suggested, run: { text: "", break: breaks.count } });
      breaks.count = 0;
    };
    for (const inline of inlines) {
      const suggested = suggestedOf(inline);
      if (inline.kind === "break") {
        if (breaks.count && !sameSuggestions(breaks.suggested, suggested)) flushBreaks();
        breaks.count += 1;
        breaks.suggested = suggested;
        continue;
      }
      const href = inline.href && isSafeHref(inline.href) ? inline.href : undefined;
      let count = 0;
      if (breaks.count && sameSuggestions(breaks.suggested, suggested)) {
        count = breaks.count;
        breaks.count = 0;
      } else flushBreaks();
      pieces.push({
        suggested,
        href,
        run: {
          text: inline.text,
          bold: inline.bold || extra.bold,
          italics: inline.italic || extra.italics,
          break: count || undefined,
          ...(href ? { style: "Hyperlink" } : {}),
        },
      });
    }
    flushBreaks();
    const out: ParagraphChild[] = [];
    for (const link of consecutive(pieces, (a, b) => a.href === b.href)) {
      const children = consecutive(link, (a, b) => sameSuggestions(a.suggested, b.suggested)).flatMap(
        (change) =>
          trackedRuns(
            this.revisions,
            change[0].suggested,
            change.map((piece) => piece.run),
          ),
      );
      const href = link[0].href;
      if (href) out.push(new ExternalHyperlink({ link: href, children }));
      else out.push(...children);
    }
    return out;
  }

  /** The revision attributes of an inserted paragraph mark. */
  paragraphMark(suggestion: RunSuggestion): { id: number; author: string; date: string } {
    return { id: this.revisions.next(), author: suggestion.author, date: suggestion.date };
  }

  /** `headingBase`: the outline level (0 = title) of the heading the blocks sit under. */
  blocks(blocks: Block[], headingBase: number, depth = 0, quote = false): Paragraph[] {
    const out: Paragraph[] = [];
    const indent = quote ? { left: 567 } : undefined;
    const border = quote
      ? { left: { style: BorderStyle.SINGLE, size: 12, color: "C9CCD1", space: 8 } }
      : undefined;
    for (const block of blocks) {
      switch (block.kind) {
        case "paragraph":
          out.push(
            new Paragraph({
              children: this.runs(block.inlines),
              indent,
              border,
              // A suggested paragraph break: its paragraph mark is an insertion (17.13.5.16), so
              // rejecting it in Word joins the paragraph to the next, as the text was.
              ...(block.inserted ? { run: { insertion: this.paragraphMark(block.inserted) } } : {}),
            }),
          );
          break;
        case "heading":
          out.push(
            new Paragraph({
              heading: HEADINGS[Math.min(6, headingBase + block.level)],
              children: this.runs(block.inlines),
            }),
          );
          break;
        case "list": {
          const reference = block.ordered ? this.orderedList(block.start, depth) : BULLETS_REFERENCE;
          for (const item of block.items) {
            // The item's first paragraph carries the number or bullet; what follows sits under it.
            const [first, ...rest] = item;
            const leads = first?.kind === "paragraph";
            out.push(
              new Paragraph({
                children: leads ? this.runs(first.inlines) : [],
                numbering: { reference, level: Math.min(8, depth) },
              }),
            );
            for (const child of leads ? rest : item)
              out.push(
                ...this.blocks([child], headingBase, child.kind === "list" ? depth + 1 : depth, quote),
              );
          }
          break;
        }
        case "quote":
          out.push(...this.blocks(block.blocks, headingBase, depth, true));
          break;
      }
    }
    return out;
  }

  private orderedList(start: number, depth: number): string {
    this.orderedLists += 1;
    const reference = `ordered-${this.orderedLists}`;
    this.numbering.push({
      reference,
      levels: Array.from({ length: 9 }, (_, i) =>
        level(i, LevelFormat.DECIMAL, `%${i + 1}.`, i === depth ? start : 1),
      ),
    });
    return reference;
  }

  finding(finding: ReportFinding, notesLabel: string, single = false): Paragraph[] {
    // One paper: its sections sit right under its title, as Heading 1; in the report, under the finding.
    const sectionHeading = single ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_3;
    const out = [
      ...(single
        ? []
        : [
            new Paragraph({
              heading: HeadingLevel.HEADING_2,
              numbering: { reference: FINDINGS_REFERENCE, level: 0 },
              children: [new TextRun({ text: finding.title })],
            }),
          ]),
      ...(finding.translationNote
        ? [
            new Paragraph({
              children: [new TextRun({ text: finding.translationNote, italics: true, size: 20 })],
            }),
          ]
        : []),
      ...this.blocks(finding.lead, 3),
    ];
    for (const section of finding.sections)
      out.push(
        new Paragraph({ heading: sectionHeading, children: [new TextRun(section.title)] }),
        // One paper's pending suggestions as tracked changes (a report has none: its papers are adopted).
        ...this.blocks(section.tracked ?? section.blocks, single ? 1 : 3),
      );
    if (finding.adoption)
      out.push(
        new Paragraph({
          children: [new TextRun({ text: finding.adoption, italics: true })],
          spacing: { before: 160 },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: "0F7A4F", space: 8 } },
        }),
      );
    if (finding.notes.length) {
      out.push(
        new Paragraph({
          children: [new TextRun({ text: notesLabel, bold: true, size: 20 })],
          spacing: { before: 120 },
        }),
      );
      for (const note of finding.notes) {
        const [first, ...rest] = note.blocks;
        out.push(
          new Paragraph({
            indent: { left: 360 },
            children: [
              new TextRun({ text: `${note.lead}: `, bold: true, size: 20 }),
              ...(first?.kind === "paragraph" ? this.runs(first.inlines) : []),
            ],
          }),
          ...this.blocks(rest, 3, 0, true),
        );
      }
    }
    return out;
  }
}

export async function reportToDocx(report: ReportDocument): Promise<Buffer> {
  const writer = new DocxWriter();
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
    new Paragraph({ children: [new TextRun({ text: report.dateLine, italics: true })] }),
  ];
  if (report.cochairs.length) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(report.labels.cochairs)] }),
    );
    for (const c of report.cochairs)
      children.push(
        new Paragraph({
          numbering: { reference: BULLETS_REFERENCE, level: 0 },
          children: [new TextRun(`${c.name} (${c.delegation})`)],
        }),
      );
  }
  if (report.delegations.length) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(report.labels.members)] }),
    );
    for (const d of report.delegations)
      children.push(
        new Paragraph({
          children: [new TextRun({ text: `${d.name}: `, bold: true }), new TextRun(d.members.join(", "))],
        }),
      );
  }
  if (report.foreword.length)
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(report.labels.foreword)] }),
      ...writer.blocks(report.foreword, 1),
    );
  if (report.summary.length)
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(report.labels.summary)] }),
      ...writer.blocks(report.summary, 1),
    );
  if (!report.single)
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        children: [new TextRun(report.labels.findings)],
      }),
    );
  for (const finding of report.findings)
    children.push(...writer.finding(finding, report.labels.notes, Boolean(report.single)));
  children.push(
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(report.labels.colophon)] }),
  );
  const lines = [
    ...report.colophon,
    ...(report.single?.suggestions ? [report.single.suggestions.tracked] : []),
  ];
  for (const line of lines)
    children.push(new Paragraph({ children: [new TextRun({ text: line, size: 18 })] }));

  const document = new Document({
    creator: "Acuerdo",
    title: report.title,
    description: report.dateLine,
    styles: { default: { document: { run: { font: "Georgia", size: 22 } } } },
    numbering: { config: writer.numbering },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [
              // One paper: which version, and the SHA-256 of its text, on every page.
              ...(report.single
                ? [
                    new Paragraph({
                      alignment: AlignmentType.CENTER,
                      children: [new TextRun({ text: report.single.pageFooter, size: 14 })],
                    }),
                  ]
                : []),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: [PageNumber.CURRENT, " / ", PageNumber.TOTAL_PAGES], size: 18 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

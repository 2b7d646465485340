// The report as a Word document (docx library): real heading styles, Word list numbering for bullets,
// ordered lists and the findings themselves, hyperlinks, and one paper's pending suggestions as tracked
// changes. The library writes and escapes the XML; text reaches it already cleaned of characters XML
// cannot hold (walk.ts, cleanText).
//
// The library loads on the first Word download, not when the process starts (it is about 3 MB of every
// process's heap; issue 19, idle memory): its values reach this module's code as `d`, the loaded module.
import type { ILevelsOptions, NumberingDefinition, Paragraph, ParagraphChild } from "docx";
import { isSafeHref } from "~/modules/documents/editor-schema";
import { RevisionIds, sameSuggestions, trackedChanges, type TrackedRunOptions } from "./docx-tracked-changes";
import type { ReportDocument, ReportFinding } from "./report";
import type { Block, Inline, RunSuggestion, Suggested } from "./walk";

type Docx = typeof import("docx");

const headings = (d: Docx) =>
  [
    d.HeadingLevel.TITLE,
    d.HeadingLevel.HEADING_1,
    d.HeadingLevel.HEADING_2,
    d.HeadingLevel.HEADING_3,
    d.HeadingLevel.HEADING_4,
    d.HeadingLevel.HEADING_5,
    d.HeadingLevel.HEADING_6,
  ] as const;
const BULLETS = ["•", "◦", "▪"];
const FINDINGS_REFERENCE = "findings";
const BULLETS_REFERENCE = "bullets";

function level(
  d: Docx,
  index: number,
  format: (typeof d.LevelFormat)[keyof typeof d.LevelFormat],
  text: string,
  start = 1,
): ILevelsOptions {
  return {
    level: index,
    format,
    text,
    start,
    alignment: d.AlignmentType.LEFT,
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
  private readonly trackedRuns: ReturnType<typeof trackedChanges>["trackedRuns"];
  readonly numbering: NumberingDefinition[];

  constructor(private readonly d: Docx) {
    this.trackedRuns = trackedChanges(d).trackedRuns;
    this.numbering = [
      {
        reference: BULLETS_REFERENCE,
        levels: Array.from({ length: 9 }, (_, i) =>
          level(d, i, d.LevelFormat.BULLET, BULLETS[i % BULLETS.length]),
        ),
      },
      {
        reference: FINDINGS_REFERENCE,
        levels: [
          {
            level: 0,
            format: d.LevelFormat.DECIMAL,
            text: "%1.",
            start: 1,
            alignment: d.AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 0, hanging: 0 } } },
          },
        ],
      },
    ];
  }

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
          this.trackedRuns(
            this.revisions,
            change[0].suggested,
            change.map((piece) => piece.run),
          ),
      );
      const href = link[0].href;
      if (href) out.push(new this.d.ExternalHyperlink({ link: href, children }));
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
      ? { left: { style: this.d.BorderStyle.SINGLE, size: 12, color: "C9CCD1", space: 8 } }
      : undefined;
    for (const block of blocks) {
      switch (block.kind) {
        case "paragraph":
          out.push(
            new this.d.Paragraph({
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
            new this.d.Paragraph({
              heading: headings(this.d)[Math.min(6, headingBase + block.level)],
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
              new this.d.Paragraph({
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
        level(this.d, i, this.d.LevelFormat.DECIMAL, `%${i + 1}.`, i === depth ? start : 1),
      ),
    });
    return reference;
  }

  finding(finding: ReportFinding, notesLabel: string, single = false): Paragraph[] {
    // One paper: its sections sit right under its title, as Heading 1; in the report, under the finding.
    const sectionHeading = single ? this.d.HeadingLevel.HEADING_1 : this.d.HeadingLevel.HEADING_3;
    const out = [
      ...(single
        ? []
        : [
            new this.d.Paragraph({
              heading: this.d.HeadingLevel.HEADING_2,
              numbering: { reference: FINDINGS_REFERENCE, level: 0 },
              children: [new this.d.TextRun({ text: finding.title })],
            }),
          ]),
      ...(finding.translationNote
        ? [
            new this.d.Paragraph({
              children: [new this.d.TextRun({ text: finding.translationNote, italics: true, size: 20 })],
            }),
          ]
        : []),
      ...this.blocks(finding.lead, 3),
    ];
    for (const section of finding.sections)
      out.push(
        new this.d.Paragraph({ heading: sectionHeading, children: [new this.d.TextRun(section.title)] }),
        // One paper's pending suggestions as tracked changes (a report has none: its papers are adopted).
        ...this.blocks(section.tracked ?? section.blocks, single ? 1 : 3),
      );
    if (finding.adoption)
      out.push(
        new this.d.Paragraph({
          children: [new this.d.TextRun({ text: finding.adoption, italics: true })],
          spacing: { before: 160 },
          border: { left: { style: this.d.BorderStyle.SINGLE, size: 18, color: "0F7A4F", space: 8 } },
        }),
      );
    if (finding.notes.length) {
      out.push(
        new this.d.Paragraph({
          children: [new this.d.TextRun({ text: notesLabel, bold: true, size: 20 })],
          spacing: { before: 120 },
        }),
      );
      for (const note of finding.notes) {
        const [first, ...rest] = note.blocks;
        out.push(
          new this.d.Paragraph({
            indent: { left: 360 },
            children: [
              new this.d.TextRun({ text: `${note.lead}: `, bold: true, size: 20 }),
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
  const d = await import("docx");
  const writer = new DocxWriter(d);
  const children: Paragraph[] = [
    new d.Paragraph({ heading: d.HeadingLevel.TITLE, children: [new d.TextRun(report.title)] }),
    new d.Paragraph({ children: [new d.TextRun({ text: report.dateLine, italics: true })] }),
  ];
  if (report.cochairs.length) {
    children.push(
      new d.Paragraph({
        heading: d.HeadingLevel.HEADING_1,
        children: [new d.TextRun(report.labels.cochairs)],
      }),
    );
    for (const c of report.cochairs)
      children.push(
        new d.Paragraph({
          numbering: { reference: BULLETS_REFERENCE, level: 0 },
          children: [new d.TextRun(`${c.name} (${c.delegation})`)],
        }),
      );
  }
  if (report.delegations.length) {
    children.push(
      new d.Paragraph({
        heading: d.HeadingLevel.HEADING_1,
        children: [new d.TextRun(report.labels.members)],
      }),
    );
    for (const delegation of report.delegations)
      children.push(
        new d.Paragraph({
          children: [
            new d.TextRun({ text: `${delegation.name}: `, bold: true }),
            new d.TextRun(delegation.members.join(", ")),
          ],
        }),
      );
  }
  if (report.foreword.length)
    children.push(
      new d.Paragraph({
        heading: d.HeadingLevel.HEADING_1,
        children: [new d.TextRun(report.labels.foreword)],
      }),
      ...writer.blocks(report.foreword, 1),
    );
  if (report.summary.length)
    children.push(
      new d.Paragraph({
        heading: d.HeadingLevel.HEADING_1,
        children: [new d.TextRun(report.labels.summary)],
      }),
      ...writer.blocks(report.summary, 1),
    );
  if (!report.single)
    children.push(
      new d.Paragraph({
        heading: d.HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        children: [new d.TextRun(report.labels.findings)],
      }),
    );
  for (const finding of report.findings)
    children.push(...writer.finding(finding, report.labels.notes, Boolean(report.single)));
  children.push(
    new d.Paragraph({ heading: d.HeadingLevel.HEADING_1, children: [new d.TextRun(report.labels.colophon)] }),
  );
  const lines = [
    ...report.colophon,
    ...(report.single?.suggestions ? [report.single.suggestions.tracked] : []),
  ];
  for (const line of lines)
    children.push(new d.Paragraph({ children: [new d.TextRun({ text: line, size: 18 })] }));

  const document = new d.Document({
    creator: "Acuerdo",
    title: report.title,
    description: report.dateLine,
    styles: { default: { document: { run: { font: "Georgia", size: 22 } } } },
    numbering: { config: writer.numbering },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: {
          default: new d.Footer({
            children: [
              // One paper: which version, and the SHA-256 of its text, on every page.
              ...(report.single
                ? [
                    new d.Paragraph({
                      alignment: d.AlignmentType.CENTER,
                      children: [new d.TextRun({ text: report.single.pageFooter, size: 14 })],
                    }),
                  ]
                : []),
              new d.Paragraph({
                alignment: d.AlignmentType.CENTER,
                children: [
                  new d.TextRun({
                    children: [d.PageNumber.CURRENT, " / ", d.PageNumber.TOTAL_PAGES],
                    size: 18,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return d.Packer.toBuffer(document);
}

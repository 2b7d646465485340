// The report as a PDF made in Node (pdfkit), no browser. DejaVu Serif is embedded (subset) so every
// Spanish letter — á é í ó ú ü ñ ¿ ¡ — has a glyph; text is written as text (never parsed), links only
// for http, https and mailto.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { isSafeHref } from "~/modules/documents/editor-schema";
import type { ReportDocument, ReportFinding } from "./report";
import type { Block, Inline } from "./walk";

type Pdf = PDFKit.PDFDocument;

const FONT_FILES = {
  regular: "DejaVuSerif.ttf",
  bold: "DejaVuSerif-Bold.ttf",
  italic: "DejaVuSerif-Italic.ttf",
  boldItalic: "DejaVuSerif-BoldItalic.ttf",
} as const;
type FontName = keyof typeof FONT_FILES;

let fonts: Record<FontName, Buffer> | undefined;

/** The DejaVu Serif faces from the dejavu-fonts-ttf package (licence: its LICENSE file; see app/modules/report/fonts/README.md). */
function loadFonts(): Record<FontName, Buffer> {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
    fonts = {
      regular: read(FONT_FILES.regular),
      bold: read(FONT_FILES.bold),
      italic: read(FONT_FILES.italic),
      boldItalic: read(FONT_FILES.boldItalic),
    };
  }
  return fonts;
}

const SIZE = { body: 10.5, small: 9, title: 22, h1: 16, h2: 13.5, h3: 12, h4: 11 };
const INK = "#1b1d21";
const MUTED = "#4a4f57";
const LINK = "#1f5fa8";
const MARGIN = 64;

function fontOf(bold: boolean, italic: boolean): FontName {
  return bold ? (italic ? "boldItalic" : "bold") : italic ? "italic" : "regular";
}

class PdfWriter {
  constructor(readonly doc: Pdf) {}

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Starts a new page when less than `space` points are left, so a heading never ends a page. */
  ensureSpace(space: number): void {
    if (this.doc.y + space > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  /** One paragraph of runs at `indent` points from the margin. */
  inlines(
    inlines: Inline[],
    options: {
      indent?: number;
      size?: number;
      bold?: boolean;
      italic?: boolean;
      colour?: string;
      gap?: number;
    } = {},
  ): void {
    const { doc } = this;
    const indent = options.indent ?? 0;
    const size = options.size ?? SIZE.body;
    // One chain of continued runs per line: pdfkit drops a line break at the end of a continued run.
    const lines: { text: string; font: FontName; href: string | null }[][] = [[]];
    for (const inline of inlines) {
      if (inline.kind === "break") lines.push([]);
      else
        lines[lines.length - 1].push({
          text: inline.text,
          font: fontOf(inline.bold || !!options.bold, inline.italic || !!options.italic),
          href: inline.href && isSafeHref(inline.href) ? inline.href : null,
        });
    }
    if (inlines.length === 0) {
      doc.moveDown(0.4);
      return;
    }
    this.ensureSpace(size * 2);
    for (const runs of lines) {
      if (runs.length === 0) {
        doc
          .font("regular")
          .fontSize(size)
          .text(" ", this.left + indent, doc.y, {
            width: this.width - indent,
            lineGap: 2.5,
            link: null,
            underline: false,
            continued: false,
          });
        continue;
      }
      runs.forEach((run, index) => {
        doc
          .font(run.font)
          .fontSize(size)
          .fillColor(run.href ? LINK : (options.colour ?? INK));
        // Options are inherited between continued runs unless given, so link and underline are always given.
        const textOptions = {
          continued: index < runs.length - 1,
          link: run.href,
          underline: !!run.href,
          width: this.width - indent,
          lineGap: 2.5,
        } as PDFKit.Mixins.TextOptions;
        if (index === 0) doc.text(run.text, this.left + indent, doc.y, textOptions);
        else doc.text(run.text, textOptions);
      });
    }
    doc.x = this.left;
    doc.moveDown(options.gap ?? 0.5);
  }

  heading(text: string, size: number, options: { before?: number; indent?: number } = {}): void {
    const { doc } = this;
    doc.moveDown(options.before ?? 0.6);
    this.ensureSpace(size * 4);
    doc
      .font("bold")
      .fontSize(size)
      .fillColor(INK)
      .text(text, this.left + (options.indent ?? 0), doc.y, {
        width: this.width - (options.indent ?? 0),
        lineGap: 2,
      });
    doc.moveDown(0.3);
  }

  blocks(blocks: Block[], indent = 0, headingSizes: number[] = [SIZE.h4, SIZE.body, SIZE.body]): void {
    for (const block of blocks) {
      switch (block.kind) {
        case "paragraph":
          this.inlines(block.inlines, { indent });
          break;
        case "heading":
          this.heading(
            block.inlines.map((i) => (i.kind === "text" ? i.text : " ")).join(""),
            headingSizes[block.level - 1] ?? SIZE.body,
            { before: 0.3, indent },
          );
          break;
        case "list":
          this.list(block, indent, headingSizes);
          break;
        case "quote":
          this.quote(block.blocks, indent, headingSizes);
          break;
      }
    }
  }

  private list(block: Extract<Block, { kind: "list" }>, indent: number, headingSizes: number[]): void {
    const { doc } = this;
    const markerWidth = block.ordered ? 22 : 14;
    block.items.forEach((item, index) => {
      this.ensureSpace(SIZE.body * 2.5);
      const marker = block.ordered ? `${block.start + index}.` : "•";
      const top = doc.y;
      const page = doc.page;
      doc
        .font("regular")
        .fontSize(SIZE.body)
        .fillColor(INK)
        .text(marker, this.left + indent, top, { width: markerWidth, lineBreak: false });
      // The item's text starts on the marker's line.
      if (doc.page === page) doc.y = top;
      if (item.length === 0) doc.moveDown(1);
      this.blocks(item, indent + markerWidth, headingSizes);
      doc.moveUp(0.2);
    });
    doc.moveDown(0.3);
  }

  private quote(blocks: Block[], indent: number, headingSizes: number[]): void {
    const { doc } = this;
    const top = doc.y;
    const page = doc.page;
    this.blocks(blocks, indent + 14, headingSizes);
    // The rule beside the quote, on the page where it started (a quote across pages keeps its indent).
    if (doc.page === page) {
      doc
        .save()
        .moveTo(this.left + indent + 3, top)
        .lineTo(this.left + indent + 3, doc.y - 6)
        .lineWidth(2)
        .strokeColor("#c9ccd1")
        .stroke()
        .restore();
    }
  }

  finding(finding: ReportFinding, notesLabel: string, single = false): void {
    const { doc } = this;
    doc.moveDown(0.8);
    this.ensureSpace(120);
    // One paper: the document's title is the paper's; its sections follow it directly.
    if (!single) {
      doc.outline.addItem(`${finding.number}. ${finding.title}`);
      this.heading(`${finding.number}. ${finding.title}`, SIZE.h2, { before: 0 });
    }
    if (finding.translationNote)
      this.inlines([{ kind: "text", text: finding.translationNote, bold: false, italic: true }], {
        size: SIZE.small,
        gap: 0.3,
      });
    this.blocks(finding.lead);
    for (const section of finding.sections) {
      this.heading(section.title, SIZE.h3, { before: 0.4 });
      this.blocks(section.blocks);
    }
    doc.moveDown(0.2);
    if (finding.adoption)
      this.inlines([{ kind: "text", text: finding.adoption, bold: false, italic: true }], {
        colour: "#0f5a3a",
      });
    if (finding.notes.length) {
      this.inlines([{ kind: "text", text: notesLabel, bold: true, italic: false }], {
        size: SIZE.small,
        gap: 0.2,
      });
      for (const note of finding.notes) {
        const [first, ...rest] = note.blocks;
        const body = first?.kind === "paragraph" ? first.inlines : [];
        this.inlines([{ kind: "text", text: `${note.lead}: `, bold: true, italic: false }, ...body], {
          indent: 12,
          size: SIZE.small,
          gap: 0.3,
        });
        this.blocks(first?.kind === "paragraph" ? rest : note.blocks, 12);
      }
    }
  }
}

function footer(doc: Pdf, report: ReportDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing in the bottom margin would otherwise open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("regular")
      .fontSize(SIZE.small)
      .fillColor(MUTED)
      .text(
        // One paper: which version, and the SHA-256 of its text, on every page.
        `${report.single ? report.single.pageFooter : report.groupName} · ${i + 1} / ${range.count}`,
        doc.page.margins.left,
        doc.page.height - bottom / 2 - SIZE.small,
        {
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
          align: "center",
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = bottom;
  }
}

export async function reportToPdf(report: ReportDocument): Promise<Buffer> {
  // Loaded on the first download, not at start: pdfkit is a few megabytes every process would carry.
  const { default: PDFDocument } = await import("pdfkit");
  const faces = loadFonts();
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: report.locale,
    displayTitle: true,
    // pdfkit would otherwise load its built-in Helvetica (no ñ in our embedding) as the first font.
    font: faces.regular as unknown as string,
    info: { Title: report.title, Author: report.groupName, Creator: "Acuerdo", Producer: "Acuerdo (pdfkit)" },
  });
  for (const [name, data] of Object.entries(faces)) doc.registerFont(name, data);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const writer = new PdfWriter(doc);
  doc.font("bold").fontSize(SIZE.title).fillColor(INK).text(report.title, { width: writer.width });
  doc.moveDown(0.3);
  writer.inlines([{ kind: "text", text: report.dateLine, bold: false, italic: true }], { colour: MUTED });
  if (report.cochairs.length) {
    writer.heading(report.labels.cochairs, SIZE.h1);
    for (const c of report.cochairs)
      writer.inlines([{ kind: "text", text: `${c.name} (${c.delegation})`, bold: false, italic: false }], {
        gap: 0.1,
      });
  }
  if (report.delegations.length) {
    writer.heading(report.labels.members, SIZE.h1);
    for (const d of report.delegations) {
      writer.inlines([
        { kind: "text", text: `${d.name}: `, bold: true, italic: false },
        { kind: "text", text: d.members.join(", "), bold: false, italic: false },
      ]);
    }
  }
  const bodyHeadings = [SIZE.h2, SIZE.h3, SIZE.h4];
  if (report.foreword.length) {
    writer.heading(report.labels.foreword, SIZE.h1);
    writer.blocks(report.foreword, 0, bodyHeadings);
  }
  if (report.summary.length) {
    writer.heading(report.labels.summary, SIZE.h1);
    writer.blocks(report.summary, 0, bodyHeadings);
  }
  if (!report.single) {
    doc.addPage();
    writer.heading(report.labels.findings, SIZE.h1, { before: 0 });
  }
  for (const finding of report.findings) writer.finding(finding, report.labels.notes, Boolean(report.single));
  // One paper's pending suggestions: listed, the text above printed without them.
  const suggestions = report.single?.suggestions;
  if (suggestions) {
    writer.heading(suggestions.heading, SIZE.h3, { before: 1.5 });
    writer.inlines([{ kind: "text", text: suggestions.leftOut, bold: false, italic: true }], {
      size: SIZE.small,
      gap: 0.3,
    });
    for (const item of suggestions.items)
      writer.inlines([{ kind: "text", text: `• ${item}`, bold: false, italic: false }], { gap: 0.2 });
  }
  writer.heading(report.labels.colophon, SIZE.h3, { before: 1.5 });
  for (const line of report.colophon)
    writer.inlines([{ kind: "text", text: line, bold: false, italic: false }], {
      size: SIZE.small,
      colour: MUTED,
      gap: 0.2,
    });
  footer(doc, report);
  doc.end();
  return done;
}

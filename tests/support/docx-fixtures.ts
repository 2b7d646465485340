// Word files built in the test with the `docx` package (and jszip for what `docx` will not write): a
// delegation's draft in English and in Spanish on the demo template, and the hostile files the import
// must refuse or tame.
import {
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import JSZip from "jszip";

// A 1×1 PNG.
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

function pack(children: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({
      numbering: {
        config: [
          {
            reference: "numbers",
            levels: [{ level: 0, format: "decimal", text: "%1.", alignment: "left" }],
          },
        ],
      },
      sections: [{ children }],
    }),
  );
}

const heading = (
  text: string,
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1,
) => new Paragraph({ heading: level, children: [new TextRun(text)] });
const para = (...runs: (TextRun | ExternalHyperlink | ImageRun)[]) => new Paragraph({ children: runs });
const bullet = (text: string) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(text)] });
const numbered = (text: string) =>
  new Paragraph({ numbering: { reference: "numbers", level: 0 }, children: [new TextRun(text)] });

/** The English draft: numbered section headings, a preface, lists, links (one javascript:), a table, an image. */
export function englishDraft(): Promise<Buffer> {
  return pack([
    para(new TextRun("Draft from the delegation of Mexico, for discussion.")),
    heading("1. Finding"),
    para(
      new TextRun("Orderly labour migration "),
      new TextRun({ text: "benefits", bold: true }),
      new TextRun(" the region."),
    ),
    heading("2. RECOMMENDATION"),
    para(
      new TextRun("Governments should "),
      new TextRun({ text: "recognise", italics: true }),
      new TextRun(" skills; see "),
      new ExternalHyperlink({
        link: "https://example.org/skills",
        children: [new TextRun("the skills study")],
      }),
      new TextRun(" and "),
      new ExternalHyperlink({
        link: "javascript:alert(document.cookie)",
        children: [new TextRun("this trap")],
      }),
      new TextRun("."),
    ),
    bullet("Mutual recognition of certificates"),
    bullet("One-stop centres for returnees"),
    heading("3. Context and evidence"),
    para(new TextRun("Remittances reached 4% of GDP.")),
    new Table({
      rows: [
        new TableRow({
          children: [
            new TableCell({ children: [para(new TextRun("Country"))] }),
            new TableCell({ children: [para(new TextRun("Share"))] }),
          ],
        }),
        new TableRow({
          children: [
            new TableCell({ children: [para(new TextRun("Honduras"))] }),
            new TableCell({ children: [para(new TextRun("25%"))] }),
          ],
        }),
      ],
    }),
    para(new ImageRun({ type: "png", data: PIXEL, transformation: { width: 10, height: 10 } })),
    heading("IV. Actions by country"),
    heading("Mexico", HeadingLevel.HEADING_2),
    numbered("Open two new consular offices"),
    numbered("Publish the recognised trades"),
    heading("A) Implementation and timeline"),
    para(new TextRun("By the next plenary.")),
  ]);
}

/** The Spanish draft: accented, numbered headings in Spanish, with a heading that matches nothing. */
export function spanishDraft(): Promise<Buffer> {
  return pack([
    heading("Hallazgo"),
    para(new TextRun("La migración laboral ordenada beneficia a la región.")),
    heading("II. Recomendación"),
    para(new TextRun("Los gobiernos deben reconocer las competencias.")),
    heading("Nota de la delegación", HeadingLevel.HEADING_2),
    para(new TextRun("Texto de apoyo.")),
    heading("3) CONTEXTO Y EVIDENCIA"),
    para(new TextRun("Las remesas alcanzaron el 4 % del PIB.")),
    heading("Acciones por país"),
    para(new TextRun("Cada gobierno se compromete.")),
  ]);
}

/** A plain-text file named .docx. */
export function notADocx(): Buffer {
  return Buffer.from("This is not a Word document.\n".repeat(20));
}

/** What Word writes for a password-protected document: an OLE compound file, not a ZIP. */
export function encryptedDocx(): Buffer {
  const bytes = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
  bytes.write("EncryptedPackage", 1024, "utf16le");
  return bytes;
}

async function withZip(base: Buffer, change: (zip: JSZip) => void | Promise<void>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(base);
  await change(zip);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/** A small file that inflates to far more than the limit (the central directory says so). */
export async function zipBomb(): Promise<Buffer> {
  const base = await pack([para(new TextRun("Small on the outside."))]);
  return withZip(base, (zip) => {
    zip.file("word/media/padding.xml", Buffer.alloc(80 * 1024 * 1024, 0x20));
  });
}

/** A ZIP with more entries than any Word document has. */
export async function manyEntries(): Promise<Buffer> {
  const base = await pack([para(new TextRun("Many parts."))]);
  return withZip(base, (zip) => {
    for (let i = 0; i < 1500; i += 1) zip.file(`customXml/item${i}.xml`, "<a/>");
  });
}

/**
 * A document whose image and attached template point outside the file (a tracking pixel on `origin`):
 * the import must never fetch either.
 */
export async function externalRelationships(origin: string): Promise<Buffer> {
  const base = await pack([
    para(new TextRun("A paragraph before a linked picture.")),
    para(new ImageRun({ type: "png", data: PIXEL, transformation: { width: 10, height: 10 } })),
  ]);
  return withZip(base, async (zip) => {
    const document = await zip.file("word/document.xml")!.async("string");
    zip.file("word/document.xml", document.replace(/r:embed="([^"]+)"/, 'r:link="rIdExternalPixel"'));
    const rels = await zip.file("word/_rels/document.xml.rels")!.async("string");
    zip.file(
      "word/_rels/document.xml.rels",
      rels.replace(
        "</Relationships>",
        `<Relationship Id="rIdExternalPixel" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${origin}/pixel.png" TargetMode="External"/>` +
          `<Relationship Id="rIdExternalTemplate" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="${origin}/template.dotm" TargetMode="External"/></Relationships>`,
      ),
    );
  });
}

/** A macro-enabled document (a VBA project inside): the macros are ignored. */
export async function withMacros(): Promise<Buffer> {
  const base = await pack([heading("Finding"), para(new TextRun("Text beside a macro."))]);
  return withZip(base, (zip) => {
    zip.file("word/vbaProject.bin", Buffer.from('Attribute VB_Name = "AutoOpen"\nShell "calc.exe"'));
  });
}

/** Tracked changes and a comment, written into the XML the way Word does. */
export async function withTrackedChangesAndComments(): Promise<Buffer> {
  const base = await pack([heading("Finding"), para(new TextRun("MARKER"))]);
  return withZip(base, async (zip) => {
    const document = await zip.file("word/document.xml")!.async("string");
    zip.file(
      "word/document.xml",
      document.replace(
        /<w:r>(?:(?!<w:r>).)*?MARKER<\/w:t><\/w:r>/s,
        '<w:r><w:t xml:space="preserve">Kept text </w:t></w:r>' +
          '<w:ins w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t>inserted</w:t></w:r></w:ins>' +
          '<w:del w:id="2" w:author="B" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>deleted</w:delText></w:r></w:del>' +
          '<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve"> commented</w:t></w:r><w:commentRangeEnd w:id="0"/>' +
          '<w:r><w:commentReference w:id="0"/></w:r>',
      ),
    );
    zip.file(
      "word/comments.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="C"><w:p><w:r><w:t>Please check</w:t></w:r></w:p></w:comment></w:comments>',
    );
  });
}

/** Five thousand headings. */
export function manyHeadings(count = 5000): Promise<Buffer> {
  return pack(Array.from({ length: count }, (_, i) => heading(`Heading ${i + 1}`, HeadingLevel.HEADING_2)));
}

/** One paragraph of about nine million characters. */
export function hugeParagraph(characters = 9 * 1024 * 1024): Promise<Buffer> {
  const word = "consenso ";
  return pack([heading("Finding"), para(new TextRun(word.repeat(Math.ceil(characters / word.length))))]);
}

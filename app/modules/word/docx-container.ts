// The first look at an uploaded file, before mammoth reads a byte of it: is it a ZIP at all (an encrypted
// Word file is an OLE compound file, not a ZIP), how many entries and how many uncompressed bytes its
// central directory declares, and whether the entries really inflate to no more than they declare
// (yauzl's size validation). Along the way it counts what the conversion will not carry: comments,
// tracked changes, macros and external relationships (which nothing here ever fetches).
import type { Entry, ZipFile } from "yauzl";
import { MAX_UNCOMPRESSED_BYTES, MAX_UPLOAD_BYTES, MAX_ZIP_ENTRIES } from "./import-limits";

export type DocxRefusalReason =
  | "tooLarge"
  | "empty"
  | "notDocx"
  | "encrypted"
  | "zipBomb"
  | "tooManyEntries"
  | "tooManyHeadings"
  | "paragraphTooLong"
  | "tooMuchText"
  | "nothingToImport"
  | "conversionFailed"
  | "timeout"
  | "busy";

/** A file refused for a reason the person can act on; `reason` names the message. */
export class DocxRefused extends Error {
  constructor(
    readonly reason: DocxRefusalReason,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`docx refused: ${reason}`);
    this.name = "DocxRefused";
  }
}

/**
 * True for a DocxRefused from any copy of this module: the server's worker pool and the Remix build each
 * load their own, so `instanceof` cannot tell.
 */
export function isDocxRefused(error: unknown): error is DocxRefused {
  return (
    error instanceof Error &&
    error.name === "DocxRefused" &&
    typeof (error as DocxRefused).reason === "string"
  );
}

export interface ContainerFacts {
  entries: number;
  uncompressedBytes: number;
  comments: number;
  trackedChanges: number;
  macros: boolean;
  /** Relationships that point outside the file (linked images, templates, objects); never fetched. */
  externalRelationships: number;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

// Parts whose text we read to count what the conversion drops (each already bounded by the totals).
const COUNTED_PARTS = new Set(["word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels"]);

async function openZip(buffer: Buffer): Promise<ZipFile> {
  // Loaded on the first .docx, not at start.
  const { default: yauzl } = await import("yauzl");
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
      (error, zip) => (error || !zip ? reject(error ?? new Error("no zip")) : resolve(zip)),
    );
  });
}

function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error("no stream"));
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", reject);
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** The checks that need only the first bytes: cheap enough to run before any worker is started. */
export function sniffDocx(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw new DocxRefused("empty");
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new DocxRefused("tooLarge");
  // Word keeps password-protected .docx files (and old .doc files) in an OLE compound file.
  if (startsWith(bytes, CFB_MAGIC)) throw new DocxRefused("encrypted");
  if (!startsWith(bytes, ZIP_MAGIC)) throw new DocxRefused("notDocx");
}

/**
 * Checks the container and counts what the conversion leaves out. Throws DocxRefused for anything that
 * is not a readable, reasonably sized, unencrypted .docx.
 */
export async function inspectDocx(bytes: Uint8Array): Promise<ContainerFacts> {
  sniffDocx(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: ZipFile;
  try {
    zip = await openZip(buffer);
  } catch {
    throw new DocxRefused("notDocx");
  }
  // The end-of-central-directory record says how many entries there are, before any is read.
  if (zip.entryCount > MAX_ZIP_ENTRIES) {
    zip.close();
    throw new DocxRefused("tooManyEntries", { limit: MAX_ZIP_ENTRIES });
  }
  const facts: ContainerFacts = {
    entries: zip.entryCount,
    uncompressedBytes: 0,
    comments: 0,
    trackedChanges: 0,
    macros: false,
    externalRelationships: 0,
  };
  const names = new Set<string>();
  const texts = new Map<string, string>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", () => resolve());
      zip.on("entry", (entry: Entry) => {
        void (async () => {
          facts.uncompressedBytes += entry.uncompressedSize;
          if (facts.uncompressedBytes > MAX_UNCOMPRESSED_BYTES)
            throw new DocxRefused("zipBomb", { limit: Math.round(MAX_UNCOMPRESSED_BYTES / 1024 / 1024) });
          if (entry.isEncrypted()) throw new DocxRefused("encrypted");
          names.add(entry.fileName.toLowerCase());
          if (!entry.fileName.endsWith("/")) {
            // Inflating every entry with size validation proves the declared sizes are the real ones
            // (a lying header is refused here), so mammoth's own inflation is bounded by the same total.
            const data = await readEntry(zip, entry);
            if (COUNTED_PARTS.has(entry.fileName)) texts.set(entry.fileName, data.toString("utf8"));
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    if (error instanceof DocxRefused) throw error;
    // yauzl's "too many bytes in the stream" (a header that lies about its size) is a bomb too.
    if (error instanceof Error && /too (many|few) bytes|uncompressed size/i.test(error.message))
      throw new DocxRefused("zipBomb", { limit: Math.round(MAX_UNCOMPRESSED_BYTES / 1024 / 1024) });
    throw new DocxRefused("notDocx");
  }
  if (!names.has("[content_types].xml") || !names.has("word/document.xml")) throw new DocxRefused("notDocx");
  facts.macros = [...names].some((name) => name.endsWith("vbaproject.bin"));
  const documentXml = texts.get("word/document.xml") ?? "";
  facts.trackedChanges = count(documentXml, /<w:(ins|del|moveFrom|moveTo)\b/g);
  facts.comments = count(texts.get("word/comments.xml") ?? "", /<w:comment\b/g);
  const rels = texts.get("word/_rels/document.xml.rels") ?? "";
  // Hyperlinks are external by nature and become links (when safe); anything else external is dropped.
  facts.externalRelationships = (rels.match(/<Relationship\b[^>]*>/g) ?? []).filter(
    (rel) => /TargetMode\s*=\s*"External"/i.test(rel) && !/\/hyperlink"/i.test(rel),
  ).length;
  return facts;
}

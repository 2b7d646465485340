// Reads a Word import's multipart form: one .docx under "file" and a few text fields, with a body limit
// of its own (IMPORT_BODY_LIMIT_BYTES, counted across all parts as they arrive, so a larger body is
// refused before it is held in memory) instead of the ordinary forms' smaller one.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { UserError } from "~/modules/errors";
import { IMPORT_BODY_LIMIT_BYTES } from "~/modules/word/import-limits";

export interface DocxUpload {
  fields: FormData;
  file: { name: string; bytes: Uint8Array } | null;
}

class BodyTooLarge extends Error {}

const DRAIN_LIMIT_BYTES = 4 * IMPORT_BODY_LIMIT_BYTES;

async function drain(request: Request): Promise<void> {
  const reader = request.body?.getReader();
  if (!reader) return;
  try {
    for (;;) if ((await reader.read()).done) return;
  } catch {
    // The sender gave up: nothing to answer.
  }
}

export async function readDocxUpload(request: Request): Promise<DocxUpload> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data"))
    throw new UserError("word.import.fileRequired", 400);
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > IMPORT_BODY_LIMIT_BYTES) {
    // Read (and drop) what the browser is sending, so that it gets to show the answer instead of a reset
    // connection; beyond a few times the limit, stop listening.
    if (declared <= DRAIN_LIMIT_BYTES) await drain(request);
    throw new UserError("word.refused.tooLarge", 413);
  }
  let total = 0;
  let file: DocxUpload["file"] = null;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of data) {
      total += chunk.byteLength;
      if (total > IMPORT_BODY_LIMIT_BYTES) throw new BodyTooLarge();
      chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks);
    if (filename === undefined) return bytes.toString("utf8");
    if (name === "file" && !file && filename !== "") file = { name: filename, bytes: new Uint8Array(bytes) };
    return undefined;
  };
  try {
    const fields = await unstable_parseMultipartFormData(request, handler);
    return { fields, file };
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new UserError("word.refused.tooLarge", 413);
    throw new UserError("word.import.fileRequired", 400);
  }
}

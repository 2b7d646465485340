// Where the Remix side gets its .docx conversion from. The server registers a worker-thread converter
// (server/word/converter.ts) once per process, so that a large file never holds the event loop; without
// one (a script, a unit test) the conversion runs here, in this thread.
import { convertDocx, type ConvertedDocx } from "./docx-convert";

export type DocxConverter = (bytes: Uint8Array) => Promise<ConvertedDocx>;

const registry = globalThis as typeof globalThis & { __acuerdoDocxConverter?: DocxConverter };

export function registerDocxConverter(converter: DocxConverter): void {
  registry.__acuerdoDocxConverter = converter;
}

export function getDocxConverter(): DocxConverter {
  return registry.__acuerdoDocxConverter ?? convertDocx;
}

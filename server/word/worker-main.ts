// A worker thread that converts one .docx and exits: mammoth and the HTML walk run here, never on the
// thread that serves requests. The parent ends it when it takes too long or uses too much memory.
import { parentPort, workerData } from "node:worker_threads";
import { convertDocx } from "../../app/modules/word/docx-convert";
import { DocxRefused } from "../../app/modules/word/docx-container";

const bytes = workerData as Uint8Array;
convertDocx(bytes).then(
  (converted) => parentPort!.postMessage({ ok: true, converted }),
  (error: unknown) =>
    parentPort!.postMessage(
      error instanceof DocxRefused
        ? { ok: false, reason: error.reason, params: error.params }
        : { ok: false, reason: "conversionFailed", params: {} },
    ),
);

import type { ReportDocument } from "./report";
import type { ReportFormat } from "./report.schema";
import { reportToDocx } from "./to-docx";
import { reportToHtml } from "./to-html";
import { reportToMarkdown } from "./to-markdown";
import { reportToPdf } from "./to-pdf.server";

/** The report in one download format, as bytes. */
export async function renderReport(
  report: ReportDocument,
  format: ReportFormat,
): Promise<Uint8Array<ArrayBuffer>> {
  switch (format) {
    case "html":
      return new TextEncoder().encode(reportToHtml(report));
    case "md":
      return new TextEncoder().encode(reportToMarkdown(report));
    case "docx":
      return new Uint8Array(await reportToDocx(report));
    case "pdf":
      return new Uint8Array(await reportToPdf(report));
  }
}

import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { PageBuffer } from "~/http/page-buffer";

describe("PageBuffer", () => {
  it("keeps everything written, in order, as one buffer: strings, buffers and byte arrays", async () => {
    const page = new PageBuffer();
    page.write("<html>");
    page.write(Buffer.from("<body>señora "));
    page.write(new Uint8Array(Buffer.from("ñandú")));
    page.end("</body></html>");
    await once(page, "finish");
    expect(page.contents().toString("utf8")).toBe("<html><body>señora ñandú</body></html>");
    expect(page.contents().byteLength).toBe(Buffer.byteLength("<html><body>señora ñandú</body></html>"));
  });

  it("keeps a character split across two writes whole", async () => {
    const page = new PageBuffer();
    const bytes = Buffer.from("México");
    page.write(bytes.subarray(0, 2)); // "M" and the first byte of "é"
    page.end(bytes.subarray(2));
    await once(page, "finish");
    expect(page.contents().toString("utf8")).toBe("México");
  });

  it("is empty when nothing was written", async () => {
    const page = new PageBuffer();
    page.end();
    await once(page, "finish");
    expect(page.contents().byteLength).toBe(0);
  });
});

import { Writable } from "node:stream";

/** A stream a page is rendered into, kept in memory: `contents()` is everything written, as one buffer. */
export class PageBuffer extends Writable {
  private chunks: Buffer[] = [];
  private length = 0;

  override _write(chunk: Buffer | string, encoding: BufferEncoding, done: (error?: Error | null) => void) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk;
    this.chunks.push(bytes);
    this.length += bytes.byteLength;
    done();
  }

  contents(): Buffer<ArrayBuffer> {
    return Buffer.concat(this.chunks, this.length);
  }
}

import { Transform, type TransformCallback } from "node:stream";

/**
 * A pass-through stream that hands on, as one chunk, everything written to it in one turn of the event
 * loop (until `setImmediate`).
 *
 * React's streaming render writes a page in 2 KB pieces, and Remix copies each piece to the response
 * with a write of its own (and, when the response is compressed, a flush of its own). On this server's
 * pages that was a dozen or more socket writes per page, each a system call, and a compressed block per
 * piece. A page's shell is rendered in one turn, so it now leaves as one write; what a render streams
 * later (data that resolves after the shell) still leaves as soon as it is rendered, one turn later at
 * most (issue 19, the signed-in pages).
 */
export class TickCoalescer extends Transform {
  private pending: Buffer[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, done: TransformCallback): void {
    this.pending.push(typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk);
    this.scheduled ??= setImmediate(() => this.release());
    done();
  }

  override _flush(done: TransformCallback): void {
    this.release();
    done();
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.pending = [];
    done(error);
  }

  private release(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.push(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  }
}

import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { TickCoalescer } from "~/http/tick-coalescer";

function collect(stream: TickCoalescer): string[] {
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  return chunks;
}

describe("TickCoalescer", () => {
  it("hands on what was written in one turn as one chunk, in order", async () => {
    const stream = new TickCoalescer();
    const chunks = collect(stream);
    stream.write("<html>");
    stream.write(Buffer.from("<body>señora "));
    stream.write(new Uint8Array(Buffer.from("ñandú")));
    expect(chunks).toEqual([]);
    await nextTurn();
    await nextTurn();
    expect(chunks).toEqual(["<html><body>señora ñandú"]);
  });

  it("still streams: what is written in a later turn leaves as its own chunk", async () => {
    const stream = new TickCoalescer();
    const chunks = collect(stream);
    stream.write("shell ");
    await nextTurn();
    await nextTurn();
    stream.write("data ");
    stream.write("more");
    await nextTurn();
    await nextTurn();
    expect(chunks).toEqual(["shell ", "data more"]);
  });

  it("hands on what is pending when it ends, then ends", async () => {
    const stream = new TickCoalescer();
    const chunks = collect(stream);
    const ended = new Promise((resolve) => stream.on("end", resolve));
    stream.write("a");
    stream.end("b");
    await ended;
    expect(chunks).toEqual(["ab"]);
  });

  it("keeps a string's encoding", async () => {
    const stream = new TickCoalescer();
    const chunks = collect(stream);
    stream.write("c2ZW5vcg==", "base64");
    stream.end();
    await new Promise((resolve) => stream.on("end", resolve));
    expect(chunks.join("")).toBe(Buffer.from("c2ZW5vcg==", "base64").toString("utf8"));
  });

  it("drops what is pending when destroyed, and hands nothing on after", async () => {
    const stream = new TickCoalescer();
    const chunks = collect(stream);
    const closed = new Promise((resolve) => stream.on("close", resolve));
    stream.write("never sent");
    stream.destroy();
    await closed;
    await nextTurn();
    await nextTurn();
    expect(chunks).toEqual([]);
  });
});

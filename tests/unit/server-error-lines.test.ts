import { describe, expect, it } from "vitest";
import { unexpectedErrorLines } from "../support/server";

const line = (level: number, msg: string) => JSON.stringify({ level, time: 1, service: "acuerdo", msg });

describe("unexpectedErrorLines (integration tests fail on server errors they did not expect)", () => {
  it("finds error and fatal lines, across chunk boundaries, and ignores info, warn and plain text", () => {
    const whole = [line(30, "listening"), line(40, "slow"), line(50, "boom"), line(60, "dead")].join("\n");
    const logs = [whole.slice(0, 50), whole.slice(50), "\nnot json at all\n"];
    expect(unexpectedErrorLines(logs).map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      "boom",
      "dead",
    ]);
  });

  it("lets a test declare the errors it provokes on purpose", () => {
    const logs = [`${line(50, "redis publish failed")}\n${line(50, "database unreachable")}\n`];
    expect(unexpectedErrorLines(logs, [/^redis publish failed/])).toHaveLength(1);
    expect(unexpectedErrorLines(logs, [/redis/, /database/])).toEqual([]);
  });
});

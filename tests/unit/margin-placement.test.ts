import { describe, expect, it } from "vitest";
import { placeCards } from "~/components/margin/DocumentMargin";

describe("placing cards in the document's margin", () => {
  it("puts each card at its anchor when there is room", () => {
    expect(placeCards([0, 200, 500], [100, 100, 100], -1, 10)).toEqual([0, 200, 500]);
  });

  it("pushes a card down rather than overlap the one above it", () => {
    expect(placeCards([0, 50, 500], [100, 100, 100], -1, 10)).toEqual([0, 110, 500]);
  });

  it("keeps the active card at its anchor and moves the one above it up", () => {
    expect(placeCards([200, 250], [100, 100], 1, 10)).toEqual([140, 250]);
  });

  it("never places a card above the margin's top", () => {
    const tops = placeCards([10, 20], [100, 100], 1, 10);
    expect(Math.min(...tops)).toBeGreaterThanOrEqual(0);
    expect(tops[1] - tops[0]).toBeGreaterThanOrEqual(110);
  });

  it("puts cards whose anchor is not on the page after the placed ones, in their order", () => {
    expect(placeCards([null, 100, null], [50, 50, 50], -1, 10)).toEqual([160, 100, 220]);
  });
});

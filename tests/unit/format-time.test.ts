import { describe, expect, it } from "vitest";
import {
  formatRelative,
  formatTime,
  fromZonedWallTime,
  normalizeTimeZone,
  timeZoneLabel,
  toZonedWallTime,
} from "~/modules/time/format-time";

const closes = new Date("2026-11-29T02:00:00Z");

describe("formatTime", () => {
  it("shows the same instant in each viewer's zone and names the zone", () => {
    expect(formatTime(closes, { locale: "en", timeZone: "America/Mexico_City" })).toBe(
      "28 Nov 2026, 20:00 (Mexico City)",
    );
    expect(formatTime(closes, { locale: "en", timeZone: "UTC" })).toBe("29 Nov 2026, 02:00 (UTC)");
    expect(formatTime(closes, { locale: "es", timeZone: "America/New_York" })).toMatch(
      /^28 nov\.? 2026, 21:00 \(New York\)$/,
    );
  });

  it("gives dates alone without a zone, on the viewer's calendar day", () => {
    expect(formatTime(closes, { locale: "en", timeZone: "America/Mexico_City" }, "date")).toBe("28 Nov 2026");
    expect(formatTime(closes, { locale: "es", timeZone: "UTC" }, "longDate")).toBe("29 de noviembre de 2026");
  });

  it("falls back to UTC for an unknown zone and to an empty string for an invalid date", () => {
    expect(normalizeTimeZone("Mars/Olympus")).toBe("UTC");
    expect(formatTime(closes, { locale: "en", timeZone: "Mars/Olympus" })).toBe("29 Nov 2026, 02:00 (UTC)");
    expect(formatTime("not a date", { locale: "en", timeZone: "UTC" })).toBe("");
    expect(timeZoneLabel("America/El_Salvador")).toBe("El Salvador");
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-11-28T21:00:00Z");
  it("counts forward and back in the largest whole unit", () => {
    expect(formatRelative(new Date("2026-11-29T02:00:00Z"), now, "en")).toBe("in 5 hours");
    expect(formatRelative(new Date("2026-11-28T20:57:00Z"), now, "en")).toBe("3 minutes ago");
    expect(formatRelative(now, now, "es")).toBe("este minuto");
  });
});

describe("wall-clock times in a zone (datetime-local fields)", () => {
  it("reads a deadline typed in Mexico City as that instant", () => {
    expect(fromZonedWallTime("2026-11-28T20:00", "America/Mexico_City")?.toISOString()).toBe(
      "2026-11-29T02:00:00.000Z",
    );
    expect(fromZonedWallTime("2026-11-28T21:00", "America/New_York")?.toISOString()).toBe(
      "2026-11-29T02:00:00.000Z",
    );
    expect(fromZonedWallTime("2026-11-29T02:00", "UTC")?.toISOString()).toBe("2026-11-29T02:00:00.000Z");
  });

  it("follows daylight saving time and resolves a skipped hour forward", () => {
    // New York in July is UTC-4.
    expect(fromZonedWallTime("2026-07-01T09:30", "America/New_York")?.toISOString()).toBe(
      "2026-07-01T13:30:00.000Z",
    );
    // 8 March 2026, 02:30 does not exist in New York (clocks jump from 02:00 to 03:00).
    expect(fromZonedWallTime("2026-03-08T02:30", "America/New_York")?.toISOString()).toBe(
      "2026-03-08T07:30:00.000Z",
    );
  });

  it("writes an instant back as the field shows it, and refuses what is not a time", () => {
    expect(toZonedWallTime(closes, "America/Mexico_City")).toBe("2026-11-28T20:00");
    expect(toZonedWallTime(closes, "Asia/Kolkata")).toBe("2026-11-29T07:30");
    expect(fromZonedWallTime("tomorrow", "UTC")).toBeNull();
  });
});

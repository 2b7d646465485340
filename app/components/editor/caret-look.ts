// How another person's caret looks: a bar in their delegation's colour and a label "Name · MX".

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const FALLBACK_COLOUR = "#4a4f57";

/** A 6-digit hex colour we can paint with; anything else becomes a neutral grey. */
export function safeColour(colour: unknown): string {
  return typeof colour === "string" && HEX_COLOUR.test(colour) ? colour : FALLBACK_COLOUR;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Black or white, whichever reads better (WCAG contrast) on the given background colour. */
export function inkOn(background: string): "#000000" | "#ffffff" {
  const hex = safeColour(background);
  const [r, g, b] = [1, 3, 5].map((i) => channel(parseInt(hex.slice(i, i + 2), 16)));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is 1.05 / (L + 0.05), with black (L + 0.05) / 0.05; pick the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

/** "Name · MX", or just the name for people without a delegation (the secretariat). */
export function personLabel(name: unknown, delegation: unknown): string {
  const who = typeof name === "string" && name.trim() ? name : "?";
  return typeof delegation === "string" && delegation ? `${who} · ${delegation}` : who;
}

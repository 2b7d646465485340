// A person's colour on the page (caret, avatar, presence): their delegation's hue, so a glance still
// says "Mexico", with a lightness and saturation of their own, so two Mexican delegates look different.
// Every colour stays dark enough for white text (WCAG AA, 4.5:1) because avatars print initials on it.

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const NEUTRAL = "#4a4f57";

function hexToHsl(hex: string): { h: number; s: number; l: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return { h: 0, s: 0, l };
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: h * 60, s, l };
}

function hslToHex(h: number, s: number, l: number): string {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return `#${[f(0), f(8), f(4)]
    .map((x) =>
      Math.round(x * 255)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast of white text on the colour (WCAG ratio). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/** A stable small number from a string (FNV-1a), so a person keeps their shade on every page. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// Eight shades per hue: lightness steps × saturation steps, spread so neighbours differ visibly.
const SHADES = [
  { dl: 0, ds: 0 },
  { dl: -0.12, ds: 0.1 },
  { dl: 0.08, ds: -0.15 },
  { dl: -0.2, ds: -0.05 },
  { dl: 0.04, ds: 0.2 },
  { dl: -0.07, ds: -0.25 },
  { dl: -0.16, ds: 0.2 },
  { dl: 0.1, ds: 0.05 },
] as const;

/** The person's shade of their delegation's colour; `personKey` is their user id. */
export function personColour(delegationColour: string | null | undefined, personKey: string): string {
  const base = delegationColour && HEX_COLOUR.test(delegationColour) ? delegationColour : NEUTRAL;
  const { h, s, l } = hexToHsl(base);
  const shade = SHADES[hash(personKey) % SHADES.length];
  const saturation = Math.min(0.9, Math.max(0.15, s + shade.ds));
  let lightness = Math.min(0.5, Math.max(0.18, l + shade.dl));
  let colour = hslToHex(h, saturation, lightness);
  // Darken until white initials read on it.
  while (contrastWithWhite(colour) < 4.5 && lightness > 0.1) {
    lightness -= 0.03;
    colour = hslToHex(h, saturation, lightness);
  }
  return colour;
}

/** The hue of a colour in degrees (0–360), for tests and legends. */
export function hueOf(hex: string): number {
  return hexToHsl(hex).h;
}

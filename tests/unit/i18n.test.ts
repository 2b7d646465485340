import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { es } from "~/i18n/es";
import { shellMessages } from "~/i18n/shell-messages";
import { negotiateLocale, t, type MessageKey } from "~/i18n/messages";

describe("UI languages", () => {
  it("has a Spanish string for every English key and no extra ones", () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it("keeps the same placeholders in both languages", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("has the page frame's English messages, for a page without the root's data, as en.ts has them", () => {
    for (const [key, text] of Object.entries(shellMessages))
      expect([key, text]).toEqual([key, en[key as MessageKey]]);
  });

  it("fills placeholders", () => {
    expect(t("es", "members.title", { group: "RMSG" })).toBe("Miembros de RMSG");
  });

  it.each([
    [null, "en"],
    ["es-MX,es;q=0.9,en;q=0.8", "es"],
    ["en-US,en;q=0.9,es;q=0.8", "en"],
    ["fr-FR,es;q=0.5", "es"],
    ["fr-FR", "en"],
    ["en;q=0.2, es;q=0.7", "es"],
    ["es;q=0", "en"],
  ])("picks the language for Accept-Language %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

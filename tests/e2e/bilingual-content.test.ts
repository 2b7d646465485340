// Content in both languages (issue 17): every page whose content this changed, at 390 and 1280 px in
// English and Spanish (screenshots under tests/e2e/screenshots/, axe clean, no sideways scroll), and
// what a reader of each language sees on it.
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { TestServer } from "../support/server";
import { browserAvailable } from "../support/browser";
import { assertPageOk } from "../support/page-checks";
import { databaseFromEnv, e2eTest, personPage } from "../support/e2e";

const test = e2eTest(databaseFromEnv());

const BILINGUAL = {
  en: "Consular protection for workers abroad",
  es: "Consulados móviles para quienes trabajan en el exterior",
};

describe.skipIf(!browserAvailable())("content in both languages, in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });

  async function secretariat(language: "en" | "es") {
    return personPage(browser, server, "secretariat@example.org", { language, height: 900 });
  }

  for (const language of ["en", "es"] as const) {
    it(`shows the group, templates, papers and report in ${language === "en" ? "English" : "Spanish"}`, async () => {
      const page = await secretariat(language);
      const es = language === "es";

      // The group page: its name and description, the papers under the reader's titles.
      await page
        .getByRole("heading", {
          level: 1,
          name: es ? "Grupo de Estudio Regional sobre Migración" : "Regional Migration Study Group",
        })
        .waitFor();
      await page.getByRole("link", { name: BILINGUAL[language] }).waitFor();
      await assertPageOk(page, `bilingual-group-${language}`);

      // The template: titles and guidance in the reader's language; the form carries both.
      await page.goto(`${server.url}/g/rmsg/templates`);
      await page
        .getByRole("link", { name: es ? "Recomendación" : "Recommendation", exact: true })
        .first()
        .click();
      await page.getByRole("heading", { level: 1, name: es ? "Recomendación" : "Recommendation" }).waitFor();
      await page.getByRole("heading", { level: 3, name: es ? /Recomendación/ : /^Recommendation/ }).waitFor();
      await page
        .getByLabel(es ? "Título de la sección en español (opcional)" : "Section title in Spanish (optional)")
        .first()
        .waitFor();
      expect(
        await page
          .getByLabel(/Section title in Spanish|Título de la sección en español/)
          .first()
          .inputValue(),
      ).toBe("Hallazgo");
      await assertPageOk(page, `bilingual-template-${language}`);

      // A new paper: its title in the other language.
      await page.goto(`${server.url}/g/rmsg/papers/new`);
      await page
        .getByLabel(es ? "Título en el otro idioma (opcional)" : "Title in the other language (optional)")
        .waitFor();
      await assertPageOk(page, `bilingual-new-paper-${language}`);

      // The bilingual paper: title and section headings in the reader's language; the title form says
      // the Spanish title is out of date; the translation diff reads as words.
      await page.goto(`${server.url}/g/rmsg`);
      await page.getByRole("link", { name: BILINGUAL[language] }).click();
      await page.getByRole("heading", { level: 1, name: BILINGUAL[language] }).waitFor();
      await page.locator(".editor-connection-connected").waitFor({ timeout: 15_000 });
      await page
        .getByRole("heading", { level: 2, name: es ? "Recomendación" : "Recommendation", exact: true })
        .waitFor();
      // The title form stays folded; its summary says the Spanish title is out of date.
      await page
        .locator(".paper-titles summary")
        .getByText(es ? "el título en español está desactualizado" : "the Spanish title is out of date")
        .waitFor();
      const diff = page.locator('[data-section="recommendation"] .word-diff');
      await diff.waitFor();
      const words = await diff.innerText();
      expect(words).toContain("at least once a month");
      expect(words).not.toContain("**");
      expect(words).not.toContain("authoritieslabour");
      await assertPageOk(page, `bilingual-paper-${language}`);

      // The report and its edit page: the front matter in the reader's language, both edited.
      await page.goto(`${server.url}/g/rmsg/report`);
      await page
        .getByRole("heading", { level: 1, name: es ? /^Informe de Grupo de Estudio/ : /^Report of Regional/ })
        .waitFor();
      await page
        .getByText(
          es
            ? "El Grupo de Estudio Regional sobre Migración reúne"
            : "The Regional Migration Study Group brings together",
        )
        .waitFor();
      await page.getByText(es ? "Descargar en inglés" : "Download in Spanish").waitFor();
      await assertPageOk(page, `bilingual-report-${language}`);

      await page.goto(`${server.url}/g/rmsg/report/edit`);
      await page.getByRole("heading", { name: es ? "Prólogo en español" : "Foreword in Spanish" }).waitFor();
      await assertPageOk(page, `bilingual-report-edit-${language}`);

      // The group's name in the reader's language wherever a page's heading names it.
      const groupName = es ? "Grupo de Estudio Regional sobre Migración" : "Regional Migration Study Group";
      const headings: [path: string, heading: string][] = [
        ["/g/rmsg/report/edit", es ? "Organizar el informe de" : "Arrange the report of"],
        ["/g/rmsg/members", es ? "Miembros de" : "Members of"],
        ["/g/rmsg/audit", es ? "Registro de auditoría de" : "Audit log of"],
      ];
      for (const [path, heading] of headings) {
        await page.goto(`${server.url}${path}`);
        expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`${heading} ${groupName}`);
      }
      await page.goto(`${server.url}/g/rmsg/search?q=visa`);
      await page.getByText(`${es ? "Buscando en" : "Searching"} ${groupName}`).waitFor();
      await page.goto(`${server.url}/g/rmsg/report/edit`);

      // The group's details: both languages in one form; a change shows on the group page at once.
      await page
        .getByRole("navigation", { name: es ? "Grupo" : "Group" })
        .getByRole("link", { name: es ? "Datos" : "Details" })
        .click();
      await page.getByRole("heading", { level: 1, name: es ? "Datos del grupo" : "Group details" }).waitFor();
      expect(
        await page
          .getByLabel(es ? "Nombre en español (opcional)" : "Name in Spanish (optional)")
          .inputValue(),
      ).toBe("Grupo de Estudio Regional sobre Migración");
      await assertPageOk(page, `bilingual-group-details-${language}`);
      const description = es
        ? "Cinco delegaciones redactan juntas recomendaciones sobre movilidad laboral."
        : "Five delegations drafting recommendations on labour mobility together.";
      const field = page.getByLabel(
        es ? "Descripción en español (opcional)" : "Description in English (optional)",
      );
      await field.fill(description);
      await page.getByRole("button", { name: es ? "Guardar los datos" : "Save the details" }).press("Enter");
      await page
        .getByRole("status")
        .getByText(es ? "Se guardaron los datos del grupo." : "The group’s details were saved.")
        .waitFor();
      await page.goto(`${server.url}/g/rmsg`);
      await page.getByText(description).waitFor();
      page.assertClean();
    });
  }
});

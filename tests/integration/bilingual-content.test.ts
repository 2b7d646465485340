import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { paperIdByTitle } from "../support/papers";
import { databaseTargets } from "../support/services";

const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

/** A template form as the page posts it: each section's title and guidance in English and Spanish. */
function templateForm(
  name: string,
  sections: { key: string; title: string; titleEs: string; guidance: string; guidanceEs: string }[],
): Record<string, string> {
  const form: Record<string, string> = {
    name,
    nameEs: "Nota de posición",
    description: "",
    descriptionEs: "Lo que la delegación sostiene y pide.",
    intent: "save",
  };
  sections.forEach((s, i) => {
    form[`sections[${i}].key`] = s.key;
    form[`sections[${i}].title`] = s.title;
    form[`sections[${i}].titleEs`] = s.titleEs;
    form[`sections[${i}].guidance`] = s.guidance;
    form[`sections[${i}].guidanceEs`] = s.guidanceEs;
    form[`sections[${i}].required`] = "on";
  });
  return form;
}

const NOTE = [
  {
    key: "position",
    title: "Our position",
    titleEs: "Nuestra posición",
    guidance: "Two sentences the delegation can defend.",
    guidanceEs: "Dos oraciones que la delegación pueda defender.",
  },
  { key: "asks", title: "What we ask", titleEs: "", guidance: "", guidanceEs: "" },
];

describe.each(databaseTargets())("content in both languages (%s)", (database) => {
  let server: TestServer;
  let templatePath = "";
  let paperId = "";
  const people = new Map<string, HttpClient>();

  async function as(email: string, locale: "en" | "es" = "en"): Promise<HttpClient> {
    const id = `${email}:${locale}`;
    if (!people.has(id)) {
      const client = new HttpClient(server.url);
      await client.login(email, undefined, locale);
      people.set(id, client);
    }
    return people.get(id)!;
  }

  beforeAll(async () => {
    server = await startServer({ database });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("stores a template's section titles and guidance in English and Spanish and shows each reader theirs", async () => {
    const secretariat = await as(DEMO.secretariat);
    const created = await secretariat.post("/g/rmsg/templates", templateForm("Position note", NOTE));
    expect(created.status).toBe(302);
    templatePath = created.headers.get("location")!;

    const english = text(await (await secretariat.get(templatePath)).text());
    expect(english).toContain("Our position");
    expect(english).toContain("Two sentences the delegation can defend.");
    expect(english).not.toContain("Nuestra posición");

    const spanish = text(await (await (await as(DEMO.cochairMx, "es")).get(templatePath)).text());
    expect(spanish).toContain("Nuestra posición");
    expect(spanish).toContain("Dos oraciones que la delegación pueda defender.");
    // No Spanish title yet: the English one, marked as English.
    expect(spanish).toContain("What we ask (inglés)");
    expect(spanish).toContain("Nota de posición");
    expect(spanish).toContain("Lo que la delegación sostiene y pide.");
    expect(text(await (await (await as(DEMO.cochairMx, "es")).get("/g/rmsg/templates")).text())).toContain(
      "Nota de posición",
    );

    // The edit form shows both languages, labelled.
    const form = await (await secretariat.get(templatePath)).text();
    expect(form).toContain("Section title in Spanish (optional)");
    expect(form).toContain("Name in Spanish (optional)");
    expect(form).toMatch(/name="sections\[0\]\.titleEs"[^>]*value="Nuestra posición"/);
  });

  it("refuses a Spanish title that is too long, says so, keeps what was typed and changes nothing", async () => {
    const secretariat = await as(DEMO.secretariat);
    const long = "Título ".repeat(20);
    const response = await secretariat.post(
      templatePath,
      templateForm("Position note", [{ ...NOTE[0], titleEs: long }, NOTE[1]]),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(text(html)).toContain("Section 1 · Section title in Spanish (optional):");
    expect(html).toMatch(/name="sections\[0\]\.titleEs"[^>]*aria-invalid="true"/);
    expect(html).toContain(`value="${long}"`);
    const spanish = text(await (await (await as(DEMO.cochairMx, "es")).get(templatePath)).text());
    expect(spanish).toContain("Nuestra posición");
    expect(spanish).not.toContain("Título Título");
  });

  it("creates a paper with its title in both languages and its sections in both, and shows each reader theirs", async () => {
    const secretariat = await as(DEMO.secretariat);
    const templateId = templatePath.split("/").pop()!;
    const created = await secretariat.post("/g/rmsg/papers/new", {
      title: "Visas for seasonal workers",
      titleTranslation: "Visas para trabajadores de temporada",
      templateId,
      leadDelegationId: "",
      originalLanguage: "en",
    });
    expect(created.status).toBe(302);
    paperId = created.headers.get("location")!.split("/").pop()!;

    const english = text(await (await secretariat.get(`/g/rmsg/papers/${paperId}`)).text());
    expect(english).toContain("Visas for seasonal workers");
    expect(english).toContain("Our position");
    const spanish = text(
      await (await (await as(DEMO.cochairMx, "es")).get(`/g/rmsg/papers/${paperId}`)).text(),
    );
    expect(spanish).toContain("Visas para trabajadores de temporada");
    expect(spanish).toContain("Nuestra posición");
    expect(spanish).toContain("What we ask (inglés)");
    // The group page lists it under the reader's title too.
    expect(text(await (await (await as(DEMO.cochairMx, "es")).get("/g/rmsg")).text())).toContain(
      "Visas para trabajadores de temporada",
    );
    expect(await paperIdByTitle(secretariat, "rmsg", "Visas for seasonal workers")).toBe(paperId);
  });

  it("lets a convener change the titles; a changed original leaves the translation out of date until it is confirmed", async () => {
    const cochair = await as(DEMO.cochairUs);
    const path = `/g/rmsg/papers/${paperId}`;
    const renamed = await cochair.post(path, {
      intent: "title",
      title: "Visas for seasonal and circular workers",
      titleTranslation: "Visas para trabajadores de temporada",
    });
    expect(renamed.status).toBe(200);
    const stale = text(await (await cochair.get(path)).text());
    expect(stale).toContain(
      "The Spanish title was written for an earlier title and may be out of date: “Visas para trabajadores de temporada”.",
    );
    expect(stale).toContain("The Spanish title still fits the title above");

    const confirmed = await cochair.post(path, {
      intent: "title",
      title: "Visas for seasonal and circular workers",
      titleTranslation: "Visas para trabajadores de temporada y circulares",
      confirmed: "on",
    });
    expect(confirmed.status).toBe(200);
    const current = text(await (await cochair.get(path)).text());
    expect(current).not.toContain("may be out of date");
    expect(text(await (await (await as(DEMO.cochairMx, "es")).get(path)).text())).toContain(
      "Visas para trabajadores de temporada y circulares",
    );
    const audit = text(await (await (await as(DEMO.secretariat)).get("/g/rmsg/audit")).text());
    expect(audit).toContain("set the titles of the paper");
  });

  it("refuses bad titles and people who may not name papers, changing nothing", async () => {
    const path = `/g/rmsg/papers/${paperId}`;
    const cochair = await as(DEMO.cochairUs);
    const empty = await cochair.post(path, { intent: "title", title: "  ", titleTranslation: "Algo" });
    expect(empty.status).toBe(400);
    const tooLong = await cochair.post(path, {
      intent: "title",
      title: "Visas",
      titleTranslation: "x".repeat(201),
    });
    expect(tooLong.status).toBe(400);
    const member = await as(DEMO.memberUs);
    const refused = await member.post(path, {
      intent: "title",
      title: "A member's title",
      titleTranslation: "",
    });
    expect(refused.status).toBe(403);
    const page = text(await (await cochair.get(path)).text());
    expect(page).toContain("Visas for seasonal and circular workers");
    expect(page).not.toContain("A member's title");
    // Members see no title form at all.
    expect(text(await (await member.get(path)).text())).not.toContain("Title in both languages");
  });

  it("keeps an adopted paper's original title, but lets its translation be written", async () => {
    const cochair = await as(DEMO.cochairUs);
    const adopted = await paperIdByTitle(cochair, "rmsg", "Recognising the skills of workers who move");
    const path = `/g/rmsg/papers/${adopted}`;
    const frozen = await cochair.post(path, {
      intent: "title",
      title: "Another title",
      titleTranslation: "Reconocimiento de las competencias de los trabajadores que migran",
    });
    expect(frozen.status).toBe(409);
    const translated = await cochair.post(path, {
      intent: "title",
      title: "Recognising the skills of workers who move",
      titleTranslation: "Reconocer las competencias de quienes migran",
    });
    expect(translated.status).toBe(200);
    const report = text(await (await (await as(DEMO.memberGt, "es")).get("/g/rmsg/report")).text());
    expect(report).toContain("Reconocer las competencias de quienes migran");
  });

  it("lets a convener write the group's name and description in both languages; each reader sees theirs, and the log says who", async () => {
    const cochair = await as(DEMO.cochairGt);
    const details = {
      name: "Regional Migration Study Group",
      nameEs: "Grupo Regional de Estudio sobre Migración y Desarrollo",
      description: "Five delegations drafting shared recommendations on labour mobility.",
      descriptionEs: "Cinco delegaciones redactan recomendaciones comunes sobre movilidad laboral.",
    };
    const saved = await cochair.post("/g/rmsg/details", details);
    expect(saved.status).toBe(200);
    expect(text(await saved.text())).toContain("The group’s details were saved.");

    const spanish = text(await (await (await as(DEMO.memberGt, "es")).get("/g/rmsg")).text());
    expect(spanish).toContain("Grupo Regional de Estudio sobre Migración y Desarrollo");
    expect(spanish).toContain("Cinco delegaciones redactan recomendaciones comunes sobre movilidad laboral.");
    // (The language is the person's, not the session's: another person reads in English.)
    const english = text(await (await (await as(DEMO.memberHn)).get("/g/rmsg")).text());
    expect(english).toContain("Five delegations drafting shared recommendations on labour mobility.");
    expect(english).not.toContain("Cinco delegaciones");

    // Saving the same again changes nothing and adds nothing to the log.
    const again = await cochair.post("/g/rmsg/details", details);
    expect(text(await again.text())).toContain("Nothing changed");
    const log = text(
      await (await (await as(DEMO.secretariat)).get("/g/rmsg/audit?kind=group.edited")).text(),
    );
    expect(log.match(/changed the group’s name or description/g)).toHaveLength(1);
    expect(log).toContain("(GT)");

    // Without a Spanish description, Spanish readers see the English one, marked.
    await cochair.post("/g/rmsg/details", { ...details, descriptionEs: "" });
    const fallback = text(await (await (await as(DEMO.memberGt, "es")).get("/g/rmsg")).text());
    expect(fallback).toContain(
      "Five delegations drafting shared recommendations on labour mobility. (inglés)",
    );
  });

  it("refuses members, an empty or overlong name and an overlong description, marking the field and changing nothing", async () => {
    const member = await as(DEMO.memberMx);
    expect((await member.get("/g/rmsg/details")).status).toBe(403);
    const refused = await member.post("/g/rmsg/details", {
      name: "Taken over",
      nameEs: "",
      description: "",
      descriptionEs: "",
    });
    expect(refused.status).toBe(403);
    expect(text(await (await member.get("/g/rmsg")).text())).not.toContain("Taken over");
    // Members are not offered the page either.
    expect(await (await member.get("/g/rmsg")).text()).not.toContain('href="/g/rmsg/details"');
    expect(await (await as(DEMO.cochairMx)).get("/g/rmsg").then((r) => r.text())).toContain(
      'href="/g/rmsg/details"',
    );

    const secretariat = await as(DEMO.secretariat);
    for (const [field, value, message] of [
      ["name", "   ", "Give the group a name in English."],
      ["nameEs", "N".repeat(121), "A name can be at most 120 characters."],
      ["descriptionEs", "D".repeat(1001), "A description can be at most 1,000 characters."],
    ] as const) {
      const form = { name: "Renamed group", nameEs: "", description: "", descriptionEs: "", [field]: value };
      const response = await secretariat.post("/g/rmsg/details", form);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(text(html)).toContain(message);
      expect(html).toMatch(new RegExp(`id="group-${field}"[^>]*aria-invalid="true"`));
    }
    const missing = await secretariat.post("/g/rmsg/details", { nameEs: "Sin nombre" });
    expect(missing.status).toBe(400);
    const after = text(await (await secretariat.get("/g/rmsg")).text());
    expect(after).toContain("Five delegations drafting shared recommendations on labour mobility.");
    expect(after).not.toContain("Renamed group");
    const log = text(await (await secretariat.get("/g/rmsg/audit?kind=group.edited")).text());
    expect(log.match(/changed the group’s name or description/g)).toHaveLength(2);
  });

  it("names papers and the group in the reader's language on the desk, in the inbox and in search, and finds a paper by either title", async () => {
    const spanish = await as(DEMO.member2Mx, "es");
    const english = await as(DEMO.memberUs);
    // Mexico leads the bilingual paper: it is on a Mexican delegate's desk, under its Spanish title.
    const desk = text(await (await spanish.get("/")).text());
    expect(desk).toContain("Consulados móviles para quienes trabajan en el exterior");
    expect(desk).not.toContain("Consular protection for workers abroad");

    // Either title finds it, for either reader, who sees it under their own title.
    for (const query of ["Consulados móviles", "Consular protection"]) {
      const es = text(await (await spanish.get(`/g/rmsg/search?q=${encodeURIComponent(query)}`)).text());
      expect(es, query).toContain("Consulados móviles para quienes trabajan en el exterior");
      const en = text(await (await english.get(`/g/rmsg/search?q=${encodeURIComponent(query)}`)).text());
      expect(en, query).toContain("Consular protection for workers abroad");
    }

    // A mention on that paper reaches the inbox under the reader's title.
    const paperId = await paperIdByTitle(english, "rmsg", "Consular protection for workers abroad");
    const created = await english.post(`/g/rmsg/papers/${paperId}/threads`, {
      intent: "create",
      sectionKey: "finding",
      body: "@José Luis Herrera could Mexico check the figures?",
    });
    expect(created.status).toBeLessThan(400);
    const inbox = text(await (await spanish.get("/inbox")).text());
    expect(inbox).toContain("Consulados móviles para quienes trabajan en el exterior");
  });
});

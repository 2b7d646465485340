import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { databaseTargets } from "../support/services";

interface Section {
  key: string;
  title: string;
  guidance?: string;
  required?: boolean;
}

/** The flat fields an HTML form posts for a template (see app/modules/templates/templates.schema.ts). */
function templateForm(
  name: string,
  sections: Section[],
  extra: Record<string, string> = {},
): Record<string, string> {
  const form: Record<string, string> = { name, description: "", ...extra };
  sections.forEach((s, i) => {
    form[`sections[${i}].key`] = s.key;
    form[`sections[${i}].title`] = s.title;
    form[`sections[${i}].guidance`] = s.guidance ?? "";
    if (s.required) form[`sections[${i}].required`] = "on";
  });
  return form;
}

/** Section keys and titles in the order the template page lists them (the read-only outline). */
function outlineOf(html: string): { key: string; title: string }[] {
  const outline = /<ol class="template-outline">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  return outline
    .split("<li>")
    .slice(1)
    .map((item) => ({
      title: /<h3>([^<]*)</.exec(item)?.[1] ?? "",
      key: /<code>([^<]*)<\/code>/.exec(item)?.[1] ?? "",
    }));
}

/** The values of the posted form's section keys, as the page shows them in its inputs. */
function formKeysOf(html: string): string[] {
  const keys: string[] = [];
  for (const match of html.matchAll(/<input[^>]*name="sections\[(\d+)\]\.key"[^>]*>/g)) {
    keys[Number(match[1])] = /value="([^"]*)"/.exec(match[0])?.[1] ?? "";
  }
  return keys;
}

const BRIEFING: Section[] = [
  { key: "summary", title: "Summary", guidance: "Three lines at most.", required: true },
  { key: "background", title: "Background" },
  { key: "asks", title: "What we ask", required: true },
];

describe.each(databaseTargets())("templates (%s)", (database) => {
  let server: TestServer;
  let briefingPath = "";

  beforeAll(async () => {
    server = await startServer({ database });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function signedIn(email: string): Promise<HttpClient> {
    const client = new HttpClient(server.url);
    await client.login(email);
    return client;
  }

  it("lets the secretariat build a template with three sections, without JavaScript, and lists it", async () => {
    const secretariat = await signedIn(DEMO.secretariat);
    const page = await (await secretariat.get("/g/rmsg/templates")).text();
    expect(page).toContain("New template");
    expect(page).toContain("Recommendation");
    expect(formKeysOf(page)).toEqual([""]);

    // "Add section" posts what was typed and comes back with one more (empty) row; nothing is stored yet.
    const added = await secretariat.post(
      "/g/rmsg/templates",
      templateForm("Briefing note", BRIEFING.slice(0, 1), { intent: "add-section" }),
    );
    expect(added.status).toBe(200);
    const addedHtml = await added.text();
    expect(formKeysOf(addedHtml)).toEqual(["summary", ""]);
    expect(addedHtml).toContain('value="Briefing note"');
    expect(addedHtml).toContain("Three lines at most.");
    expect(addedHtml).toMatch(/<input[^>]*name="sections\[0\]\.required"[^>]*checked/);
    expect(addedHtml).not.toMatch(/<input[^>]*name="sections\[1\]\.required"[^>]*checked/);
    expect(await (await secretariat.get("/g/rmsg/templates")).text()).not.toContain("Briefing note");

    const created = await secretariat.post(
      "/g/rmsg/templates",
      templateForm("Briefing note", BRIEFING, { intent: "save" }),
    );
    expect(created.status).toBe(302);
    briefingPath = created.headers.get("location") ?? "";
    expect(briefingPath).toMatch(/^\/g\/rmsg\/templates\/[A-Za-z0-9_-]+$/);

    const list = await (await secretariat.get("/g/rmsg/templates")).text();
    expect(list).toContain("Briefing note");
    expect(list).toContain("Sections: 3");
    const view = await (await secretariat.get(briefingPath)).text();
    expect(outlineOf(view)).toEqual([
      { key: "summary", title: "Summary" },
      { key: "background", title: "Background" },
      { key: "asks", title: "What we ask" },
    ]);
    expect(view).toContain("Three lines at most.");
  });

  it("lets a co-chair reorder, rename and add sections, saving only on “Save template”", async () => {
    const cochair = await signedIn(DEMO.cochairMx);
    const editing = templateForm("Briefing note", BRIEFING);

    const moved = await cochair.post(briefingPath, { ...editing, intent: "move-up:2" });
    expect(moved.status).toBe(200);
    const movedHtml = await moved.text();
    expect(formKeysOf(movedHtml)).toEqual(["summary", "asks", "background"]);
    expect(movedHtml).toContain("Not saved yet");
    const withRow = await cochair.post(briefingPath, {
      ...templateForm("Briefing note", [BRIEFING[0], BRIEFING[2], BRIEFING[1]]),
      intent: "add-section",
    });
    expect(formKeysOf(await withRow.text())).toEqual(["summary", "asks", "background", ""]);
    const removed = await cochair.post(briefingPath, {
      ...templateForm("Briefing note", [BRIEFING[0], BRIEFING[2], BRIEFING[1], { key: "", title: "" }]),
      intent: "remove:3",
    });
    expect(formKeysOf(await removed.text())).toEqual(["summary", "asks", "background"]);
    expect(outlineOf(await (await cochair.get(briefingPath)).text()).map((s) => s.key)).toEqual([
      "summary",
      "background",
      "asks",
    ]);

    const saved = await cochair.post(
      briefingPath,
      templateForm(
        "Briefing note (short)",
        [
          { key: "summary", title: "Key message", required: true },
          { key: "asks", title: "What we ask", required: true },
          { key: "background", title: "Background" },
          { key: "sources", title: "Sources", guidance: "Link to public data." },
        ],
        { intent: "save" },
      ),
    );
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Template saved.");
    const view = await (await cochair.get(briefingPath)).text();
    expect(view).toContain("<h1>Briefing note (short)</h1>");
    expect(outlineOf(view)).toEqual([
      { key: "summary", title: "Key message" },
      { key: "asks", title: "What we ask" },
      { key: "background", title: "Background" },
      { key: "sources", title: "Sources" },
    ]);
    expect(await (await cochair.get("/g/rmsg/templates")).text()).toContain("Sections: 4");
  });

  it("shows members and observers a read-only template and refuses their changes with 403", async () => {
    const cochair = await signedIn(DEMO.cochairUs);
    const before = await (await cochair.get(briefingPath)).text();
    for (const email of [DEMO.memberUs, DEMO.observer]) {
      const client = await signedIn(email);
      const list = await client.get("/g/rmsg/templates");
      expect(list.status).toBe(200);
      const listHtml = await list.text();
      expect(listHtml).toContain("Briefing note (short)");
      expect(listHtml).toContain("Only co-chairs and the secretariat can create and edit templates.");
      expect(listHtml).not.toContain('name="sections[0].key"');
      const view = await client.get(briefingPath);
      expect(view.status).toBe(200);
      const viewHtml = await view.text();
      expect(outlineOf(viewHtml).map((s) => s.key)).toEqual(["summary", "asks", "background", "sources"]);
      expect(viewHtml).not.toContain('name="sections[0].key"');

      const create = await client.post(
        "/g/rmsg/templates",
        templateForm("Sneaky template", BRIEFING, { intent: "save" }),
      );
      expect(create.status, email).toBe(403);
      const draft = await client.post(
        "/g/rmsg/templates",
        templateForm("Sneaky template", BRIEFING, { intent: "add-section" }),
      );
      expect(draft.status, email).toBe(403);
      const update = await client.post(
        briefingPath,
        templateForm("Hijacked", [{ key: "only", title: "Only" }], { intent: "save" }),
      );
      expect(update.status, email).toBe(403);
    }
    expect(await (await cochair.get("/g/rmsg/templates")).text()).not.toContain("Sneaky template");
    const after = await (await cochair.get(briefingPath)).text();
    expect(after).not.toContain("Hijacked");
    expect(outlineOf(after)).toEqual(outlineOf(before));
  });

  it("refuses bad templates with 400, says why, keeps what was typed and stores nothing", async () => {
    const secretariat = await signedIn(DEMO.secretariat);
    const listBefore = await (await secretariat.get("/g/rmsg/templates")).text();
    const viewBefore = outlineOf(await (await secretariat.get(briefingPath)).text());
    const thirtyOne = Array.from({ length: 31 }, (_, i) => ({ key: `s${i + 1}`, title: `Section ${i + 1}` }));
    const cases: { form: Record<string, string>; message: string }[] = [
      {
        form: templateForm("Duplicated keys", [
          { key: "finding", title: "Finding" },
          { key: "finding", title: "Finding again" },
        ]),
        message: "Another section of this template already uses this key.",
      },
      {
        form: templateForm("Spaced key", [{ key: "my key", title: "My section" }]),
        message: "Use only lowercase letters, digits, - and _",
      },
      {
        form: templateForm("Untitled section", [{ key: "untitled", title: "   " }]),
        message: "Give the section a title.",
      },
      {
        form: templateForm("Too many sections", thirtyOne),
        message: "A template can have at most 30 sections.",
      },
      { form: templateForm("", [{ key: "a", title: "A" }]), message: "Give the template a name." },
      { form: templateForm("No sections", []), message: "A template needs at least one section." },
    ];
    for (const { form, message } of cases) {
      for (const path of ["/g/rmsg/templates", briefingPath]) {
        const response = await secretariat.post(path, { ...form, intent: "save" });
        expect(response.status, `${form.name} at ${path}`).toBe(400);
        const html = await response.text();
        expect(html, `${form.name} at ${path}`).toContain(message);
        if (form.name) expect(html).toContain(`value="${form.name}"`);
      }
    }
    const listAfter = await (await secretariat.get("/g/rmsg/templates")).text();
    for (const name of [
      "Duplicated keys",
      "Spaced key",
      "Untitled section",
      "Too many sections",
      "No sections",
    ])
      expect(listAfter).not.toContain(name);
    expect(listAfter.match(/Sections: \d+/g)).toEqual(listBefore.match(/Sections: \d+/g));
    expect(outlineOf(await (await secretariat.get(briefingPath)).text())).toEqual(viewBefore);

    // The form refuses to grow past 30 sections, too.
    const full = await secretariat.post("/g/rmsg/templates", {
      ...templateForm("Full", thirtyOne.slice(0, 30)),
      intent: "add-section",
    });
    expect(full.status).toBe(400);
    const fullHtml = await full.text();
    expect(fullHtml).toContain("A template can have at most 30 sections.");
    expect(formKeysOf(fullHtml)).toHaveLength(30);
  });

  it("never reshapes a paper created from a template before it was edited", async () => {
    const cochair = await signedIn(DEMO.cochairUs);
    const templateId = briefingPath.split("/").pop()!;
    const created = await cochair.post("/g/rmsg/papers/new", {
      templateId,
      title: "Briefing on seasonal visas",
      leadDelegationId: "",
    });
    expect(created.status).toBe(302);
    const paperPath = created.headers.get("location")!;
    const saved = await cochair.post(
      briefingPath,
      templateForm("Briefing note (short)", [{ key: "verdict", title: "Verdict of the group" }], {
        intent: "save",
      }),
    );
    expect(saved.status).toBe(200);
    expect(outlineOf(await (await cochair.get(briefingPath)).text())).toEqual([
      { key: "verdict", title: "Verdict of the group" },
    ]);
    const paper = await (await cochair.get(paperPath)).text();
    for (const title of ["Key message", "What we ask", "Background", "Sources"])
      expect(paper).toContain(title);
    expect(paper).not.toContain("Verdict of the group");
  });

  it("answers 404 for the templates of a group to someone who is not a member", async () => {
    const gt = await signedIn(DEMO.cochairGt);
    const created = await gt.post(
      "/g/remesas/templates",
      templateForm("Remittance corridor brief", [{ key: "corridor", title: "Corridor" }], { intent: "save" }),
    );
    expect(created.status).toBe(302);
    const remesasPath = created.headers.get("location")!;
    const remesasId = remesasPath.split("/").pop()!;

    const outsider = await signedIn(DEMO.cochairUs);
    for (const path of ["/g/remesas/templates", remesasPath]) {
      const response = await outsider.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain("Remittance corridor brief");
      const post = await outsider.post(
        path,
        templateForm("Taken over", [{ key: "x", title: "X" }], { intent: "save" }),
      );
      expect(post.status, path).toBe(404);
    }
    // A template of another group is not found through a group one belongs to, either.
    const crossGroup = await outsider.get(`/g/rmsg/templates/${remesasId}`);
    expect(crossGroup.status).toBe(404);
    const crossPost = await outsider.post(
      `/g/rmsg/templates/${remesasId}`,
      templateForm("Taken over", [{ key: "x", title: "X" }], { intent: "save" }),
    );
    expect(crossPost.status).toBe(404);
    expect(outlineOf(await (await gt.get(remesasPath)).text())).toEqual([
      { key: "corridor", title: "Corridor" },
    ]);
  });
});

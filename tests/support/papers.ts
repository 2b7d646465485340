import type { HttpClient } from "./http-client";

/** The id of a paper of the group, found by its title on the group page. */
export async function paperIdByTitle(client: HttpClient, slug: string, title: string): Promise<string> {
  const html = await (await client.get(`/g/${slug}`)).text();
  const match = new RegExp(
    `href="/g/${slug}/papers/([A-Za-z0-9_-]+)"[^>]*>${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}<`,
  ).exec(html);
  if (!match) throw new Error(`no paper titled ${title} on /g/${slug}`);
  return match[1];
}

/** Creates a paper from the group's first template (the client must be a co-chair or the secretariat); returns its id. */
export async function createPaper(client: HttpClient, slug: string, title: string): Promise<string> {
  const html = await (await client.get(`/g/${slug}/papers/new`)).text();
  const templateId = /name="templateId"[\s\S]*?<option value="([^"]+)"/.exec(html)?.[1];
  if (!templateId) throw new Error(`no template to create a paper from on /g/${slug}/papers/new`);
  const response = await client.post(`/g/${slug}/papers/new`, { title, templateId, leadDelegationId: "" });
  if (response.status !== 302) throw new Error(`creating "${title}" failed with ${response.status}`);
  return response.headers.get("location")!.split("/").pop()!;
}

/** The text hash of the version under vote, as the vote page shows it (a stance must carry it). */
export async function voteTextHash(client: HttpClient, voteIdOrUrl: string): Promise<string> {
  const url = voteIdOrUrl.startsWith("/") ? voteIdOrUrl : `/g/rmsg/votes/${voteIdOrUrl}`;
  const html = await (await client.get(url)).text();
  const hash = /class="hash">([0-9a-f]{64})</.exec(html)?.[1];
  if (!hash) throw new Error(`no text hash on ${url}`);
  return hash;
}

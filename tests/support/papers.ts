import type { HttpClient } from "./http-client";

/** The id of a paper of the group, found by its title on the group page. */
export async function paperIdByTitle(client: HttpClient, slug: string, title: string): Promise<string> {
  const html = await (await client.get(`/g/${slug}`)).text();
  const match = new RegExp(`href="/g/${slug}/papers/([A-Za-z0-9_-]+)"[^>]*>${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}<`).exec(html);
  if (!match) throw new Error(`no paper titled ${title} on /g/${slug}`);
  return match[1];
}

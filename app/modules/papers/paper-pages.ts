/**
 * The group page's list of papers, a page at a time: which papers a page shows, and the addresses of
 * the pages around it, keeping the list's filters. Pure, shared by the loader and the page.
 */
export interface PaperPaging {
  page: number;
  perPage: number;
  total: number;
}

/** How many pages a list of `total` papers takes (one when there are none). */
export function pageCount({ total, perPage }: Pick<PaperPaging, "total" | "perPage">): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** The first and last position (1-based) of the papers on the page, for "51–100 of 230". */
export function shownRange({ page, perPage, total }: PaperPaging): { from: number; to: number } {
  const from = Math.min(total, (page - 1) * perPage + 1);
  return { from, to: Math.min(total, page * perPage) };
}

/** The query string of a page of the list under the same filters (the first page has no `page`). */
export function pageSearch(filter: { status?: string; lead?: string }, page: number): string {
  const search = new URLSearchParams();
  if (filter.status) search.set("status", filter.status);
  if (filter.lead) search.set("lead", filter.lead);
  if (page > 1) search.set("page", String(page));
  const text = search.toString();
  return text ? `?${text}` : "";
}

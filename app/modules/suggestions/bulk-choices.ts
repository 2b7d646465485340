// "Accept or reject several": which suggestions a choice of section and author covers. Pure; the server
// decides the same set again (decideMany), leaving out what a silence procedure is deciding.

export interface BulkCandidate {
  id: string;
  sectionKey: string;
  authorId: string;
  authorName: string;
  delegation: string | null;
}

export interface BulkChoices {
  sections: { key: string; count: number }[];
  authors: { id: string; name: string; delegation: string | null; count: number }[];
}

/** The sections and authors with pending suggestions the bulk decision may take (in first-seen order). */
export function bulkChoices(pending: BulkCandidate[], beforeTheGroup: ReadonlySet<string>): BulkChoices {
  const sections = new Map<string, { key: string; count: number }>();
  const authors = new Map<string, { id: string; name: string; delegation: string | null; count: number }>();
  for (const s of pending) {
    if (beforeTheGroup.has(`${s.sectionKey}:${s.id}`)) continue;
    const section = sections.get(s.sectionKey) ?? { key: s.sectionKey, count: 0 };
    section.count += 1;
    sections.set(s.sectionKey, section);
    const author = authors.get(s.authorId) ?? {
      id: s.authorId,
      name: s.authorName,
      delegation: s.delegation,
      count: 0,
    };
    author.count += 1;
    authors.set(s.authorId, author);
  }
  return { sections: [...sections.values()], authors: [...authors.values()] };
}

/** How many suggestions a choice covers ("" for a section or author: all of them). */
export function bulkCount(
  pending: BulkCandidate[],
  beforeTheGroup: ReadonlySet<string>,
  choice: { sectionKey: string; authorId: string },
): number {
  return pending.filter(
    (s) =>
      !beforeTheGroup.has(`${s.sectionKey}:${s.id}`) &&
      (choice.sectionKey === "" || s.sectionKey === choice.sectionKey) &&
      (choice.authorId === "" || s.authorId === choice.authorId),
  ).length;
}

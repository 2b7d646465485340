/** Where a notification leads: its vote, its thread on the paper, the paper, or the group. */
export function notificationHref(n: {
  group: { slug: string };
  paper: { id: string } | null;
  threadId: string | null;
  vote?: { id: string } | null;
}): string {
  if (n.vote) return `/g/${n.group.slug}/votes/${n.vote.id}`;
  return n.paper
    ? `/g/${n.group.slug}/papers/${n.paper.id}${n.threadId ? `#thread-${n.threadId}` : ""}`
    : `/g/${n.group.slug}`;
}

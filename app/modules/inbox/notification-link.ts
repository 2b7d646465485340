/** Where a notification leads: its thread on the paper, the paper, or the group. */
export function notificationHref(n: {
  group: { slug: string };
  paper: { id: string } | null;
  threadId: string | null;
}): string {
  return n.paper
    ? `/g/${n.group.slug}/papers/${n.paper.id}${n.threadId ? `#thread-${n.threadId}` : ""}`
    : `/g/${n.group.slug}`;
}

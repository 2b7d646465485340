import { useEffect, useRef, useState } from "react";
import type { ThreadView } from "~/modules/comments/thread-view";
import type { CommentRequest, SectionComments } from "../editor/comment-highlights";

/**
 * The paper page's comment state: which thread is active (from a click in the text, in the margin, or
 * a `#thread-…` link from the inbox), the new-thread draft, and what each section editor highlights.
 */
export function usePaperComments({ threads, canComment }: { threads: ThreadView[]; canComment: boolean }) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const [draft, setDraft] = useState<CommentRequest | null>(null);

  useEffect(() => {
    const match = /^#thread-([A-Za-z0-9_-]+)$/.exec(window.location.hash);
    if (match) setActiveId(match[1]);
  }, []);

  // When the active thread gets resolved (here or by someone else), its highlight goes with it;
  // a resolved thread chosen afterwards (under "Resolved") is highlighted again.
  const statuses = useRef(new Map<string, string>());
  useEffect(() => {
    const active = threads.find((thread) => thread.id === activeId);
    if (active?.status === "RESOLVED" && statuses.current.get(active.id) === "OPEN") setActiveId(null);
    statuses.current = new Map(threads.map((thread) => [thread.id, thread.status]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [threads]);

  const forSection = (sectionKey: string): SectionComments => ({
    threads: threads
      .filter(
        (thread) =>
          thread.sectionKey === sectionKey &&
          thread.anchor &&
          !thread.removed &&
          (thread.status === "OPEN" || thread.id === activeId),
      )
      .map((thread) => ({ id: thread.id, range: thread.anchor! })),
    activeId,
    canComment,
    onSelect: setActiveId,
    onRequest: (request) => {
      setDraft(request);
      setActiveId(null);
    },
  });

  const select = (threadId: string | null) => {
    setActiveId(threadId);
    const thread = threads.find((t) => t.id === threadId);
    // A thread on the whole section has no highlight to scroll to: show the section.
    if (thread && !thread.anchor)
      document.getElementById(`section-${thread.sectionKey}`)?.scrollIntoView({ block: "start" });
  };

  return { forSection, panel: { activeId, onSelect: select, draft, onDraftDone: () => setDraft(null) } };
}

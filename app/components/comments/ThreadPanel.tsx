import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from "react";
import type { MessageKey } from "~/i18n/messages";
import { useT } from "~/i18n/use-t";
import type { Mentionable } from "~/modules/comments/mentions";
import type { ThreadView } from "~/modules/comments/thread-view";
import type { CommentRequest } from "../editor/comment-highlights";
import { DocumentMargin, type MarginAnchor, type MarginCard } from "../margin/DocumentMargin";
import { BodyForm } from "./BodyForm";
import { ThreadCard } from "./ThreadCard";
import { THREAD_FILTERS, THREAD_FILTER_TEST, type ThreadFilter } from "./thread-filters";

export type { ThreadView };

export interface ThreadPanelProps {
  /** Where the panel's forms post (the paper's threads route). */
  actionUrl: string;
  threads: ThreadView[];
  members: Mentionable[];
  canComment: boolean;
  /** Why this person cannot comment, already translated; null when they can. */
  readOnlyReason: string | null;
  activeId: string | null;
  onSelect: (threadId: string | null) => void;
  draft: CommentRequest | null;
  onDraftDone: () => void;
  sectionTitle: (key: string) => string;
  /** The text the cards are aligned to. */
  textRef: RefObject<HTMLElement | null>;
  /** Wide screen: cards beside their anchors. Narrow: a drawer, open or not. */
  aligned: boolean;
  drawerOpen: boolean;
  onCloseDrawer: () => void;
  /** Other cards for the same margin (suggestions, later). */
  extraCards?: MarginCard[];
}

function sectionAnchor(sectionKey: string): Element | null {
  return document.getElementById(`section-${sectionKey}`);
}

/** Where a thread sits in the text: its highlight, else its section's heading. */
export function threadAnchor(thread: { id: string; sectionKey: string }): MarginAnchor {
  return (
    document.querySelector(`[data-thread-id="${CSS.escape(thread.id)}"]`) ?? sectionAnchor(thread.sectionKey)
  );
}

/**
 * The paper's comments in the right margin, each thread beside the words it is about (Google Docs
 * style), with the filters above; below ~1100 px the same panel is a drawer.
 */
export function ThreadPanel(props: ThreadPanelProps) {
  const tr = useT();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [filter, setFilter] = useState<ThreadFilter>("open");
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const shown = props.threads.filter(THREAD_FILTER_TEST[filter]);
  const active = props.activeId ? props.threads.find((thread) => thread.id === props.activeId) : undefined;

  // A thread chosen in the text (or by a link) is shown even if the filter would hide it.
  useEffect(() => {
    if (active && !THREAD_FILTER_TEST[filter](active)) setFilter("all");
    if (active && !props.aligned)
      document.getElementById(`thread-${active.id}`)?.scrollIntoView({ block: "nearest" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.activeId]);

  useEffect(() => {
    if (props.drawerOpen && !props.aligned && !props.draft) heading.current?.focus();
  }, [props.drawerOpen, props.aligned, props.draft]);

  const cards: MarginCard[] = [];
  const draft = props.draft;
  if (draft && props.canComment) {
    const node: ReactNode = (
      <section className="thread thread-new" aria-label={tr("comments.newThread")}>
        <p className="thread-section">{props.sectionTitle(draft.sectionKey)}</p>
        {draft.range ? (
          <p className="thread-quote">{draft.quote}</p>
        ) : (
          <p className="thread-quote thread-whole">{tr("comments.wholeSection")}</p>
        )}
        <BodyForm
          key={`${draft.sectionKey}:${draft.range?.start ?? ""}:${draft.range?.end ?? ""}`}
          actionUrl={props.actionUrl}
          intent="create"
          hidden={{
            sectionKey: draft.sectionKey,
            anchorStart: draft.range?.start ?? "",
            anchorEnd: draft.range?.end ?? "",
            quote: draft.quote,
          }}
          label={tr("comments.newLabel")}
          submitLabel={tr("comments.post")}
          members={props.members}
          autoFocus
          onDone={(result) => {
            props.onDraftDone();
            setNotice("comments.posted");
            if (result.threadId) props.onSelect(result.threadId);
          }}
          onCancel={props.onDraftDone}
        />
      </section>
    );
    cards.push({
      key: "new-thread",
      active: true,
      anchor: () => (draft.pageY !== undefined ? { pageY: draft.pageY } : sectionAnchor(draft.sectionKey)),
      node,
    });
  }
  for (const thread of shown)
    cards.push({
      key: thread.id,
      active: !draft && thread.id === props.activeId,
      anchor: () => threadAnchor(thread),
      node: (
        <ThreadCard
          thread={thread}
          active={thread.id === props.activeId}
          actionUrl={props.actionUrl}
          members={props.members}
          sectionTitle={props.sectionTitle}
          onSelect={props.onSelect}
          onAnnounce={setNotice}
        />
      ),
    });
  cards.push(...(props.extraCards ?? []));

  const drawer = !props.aligned;
  return (
    <aside
      className={`thread-panel${drawer ? " is-drawer" : ""}${props.drawerOpen ? " is-open" : ""}`}
      aria-labelledby={headingId}
      id="paper-comments"
    >
      <div className="thread-panel-head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {tr("comments.title")}
        </h2>
        <button type="button" className="link-button small drawer-close" onClick={props.onCloseDrawer}>
          {tr("paper.comments.close")}
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {notice ? tr(notice) : ""}
      </p>
      <p className="muted small">{props.readOnlyReason ?? tr("comments.howTo")}</p>
      <div role="group" aria-label={tr("comments.filter")} className="thread-filters">
        {THREAD_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={`chip${filter === f ? " is-on" : ""}`}
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
          >
            {tr(`comments.filter.${f}`)}{" "}
            <span className="muted">({props.threads.filter(THREAD_FILTER_TEST[f]).length})</span>
          </button>
        ))}
      </div>
      {shown.length === 0 && cards.length === 0 ? (
        <p className="muted">{props.threads.length === 0 ? tr("comments.none") : tr("comments.noneHere")}</p>
      ) : null}
      <DocumentMargin
        cards={cards}
        textRef={props.textRef}
        aligned={props.aligned}
        label={tr("comments.title")}
      />
    </aside>
  );
}

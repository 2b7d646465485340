import { useEffect, useId, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { t, type MessageKey } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import { COMMENT_MAX_LENGTH } from "~/modules/comments/comment-rules";
import { segmentMentions, type Mentionable } from "~/modules/comments/mentions";
import type { ThreadView } from "~/modules/comments/threads.server";
import type { CommentRequest, SectionComments } from "./editor/comment-highlights";
import { Time } from "./Time";
import { MentionTextarea } from "./MentionTextarea";

export type { ThreadView };

type Result =
  | { ok: true; intent: string; threadId?: string }
  | { ok: false; error: MessageKey; params?: Record<string, string | number> };

const FILTERS = ["open", "resolved", "mine", "mentions", "all"] as const;
type Filter = (typeof FILTERS)[number];

const FILTER_TEST: Record<Filter, (thread: ThreadView) => boolean> = {
  open: (thread) => thread.status === "OPEN",
  resolved: (thread) => thread.status === "RESOLVED",
  mine: (thread) => thread.mine,
  mentions: (thread) => thread.mentionsMe,
  all: () => true,
};

interface ThreadPanelProps {
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
}

/** Plain text with @mentions set apart; never HTML. */
function CommentBody({ body, members }: { body: string; members: Mentionable[] }) {
  return (
    <p className="comment-body">
      {segmentMentions(body, members).map((segment, index) =>
        segment.kind === "mention" ? (
          <span key={index} className="mention">
            {segment.text}
          </span>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </p>
  );
}

function useResult(
  fetcher: ReturnType<typeof useFetcher<Result>>,
  onSuccess: (result: Extract<Result, { ok: true }>) => void,
) {
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) onSuccess(fetcher.data);
    // Only a new answer counts; onSuccess is fresh on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);
  return fetcher.state === "idle" && fetcher.data && !fetcher.data.ok ? fetcher.data : null;
}

function ErrorLine({ id, error }: { id: string; error: Extract<Result, { ok: false }> | null }) {
  const locale = useLocale();
  return error ? (
    <p id={id} role="alert" className="error">
      {t(locale, error.error, { max: COMMENT_MAX_LENGTH, ...error.params })}
    </p>
  ) : null;
}

function BodyForm(props: {
  actionUrl: string;
  intent: "create" | "reply" | "edit";
  hidden: Record<string, string>;
  label: string;
  submitLabel: string;
  initial?: string;
  members: Mentionable[];
  autoFocus?: boolean;
  onDone: (result: Extract<Result, { ok: true }>) => void;
  onCancel?: () => void;
}) {
  const tr = useT();
  const errorId = useId();
  const fetcher = useFetcher<Result>();
  const [body, setBody] = useState(props.initial ?? "");
  const error = useResult(fetcher, (result) => {
    setBody("");
    props.onDone(result);
  });
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" action={props.actionUrl} className="comment-form">
      <input type="hidden" name="intent" value={props.intent} />
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <MentionTextarea
        name="body"
        label={props.label}
        value={body}
        onChange={setBody}
        members={props.members}
        maxLength={COMMENT_MAX_LENGTH}
        autoFocus={props.autoFocus}
        invalid={error !== null}
        errorId={errorId}
      />
      <ErrorLine id={errorId} error={error} />
      <div className="comment-form-actions">
        <button type="submit" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" className="secondary" onClick={props.onCancel}>
            {tr("comments.cancel")}
          </button>
        ) : null}
      </div>
    </fetcher.Form>
  );
}

function CommentItem({
  comment,
  actionUrl,
  members,
  onAnnounce,
}: {
  comment: ThreadView["comments"][number];
  actionUrl: string;
  members: Mentionable[];
  onAnnounce: (key: MessageKey) => void;
}) {
  const tr = useT();
  const [editing, setEditing] = useState(false);
  const remover = useFetcher<Result>();
  const removeError = useResult(remover, () => onAnnounce("comments.deleted"));
  const errorId = useId();
  return (
    <li className="comment">
      <p className="comment-meta">
        <strong>{comment.author}</strong>
        {comment.delegation ? (
          <span className="badge" style={{ backgroundColor: comment.colour }}>
            {comment.delegation}
          </span>
        ) : null}
        <span className="muted small">
          <Time value={comment.createdAt} relative />
        </span>
        {comment.edited ? <span className="muted small">{tr("comments.edited")}</span> : null}
      </p>
      {comment.deleted ? (
        <p className="comment-deleted muted">{tr("comments.commentDeleted")}</p>
      ) : editing ? (
        <BodyForm
          actionUrl={actionUrl}
          intent="edit"
          hidden={{ commentId: comment.id }}
          label={tr("comments.editLabel")}
          submitLabel={tr("comments.save")}
          initial={comment.body}
          members={members}
          autoFocus
          onDone={() => {
            setEditing(false);
            onAnnounce("comments.saved");
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <CommentBody body={comment.body} members={members} />
      )}
      {comment.mine && !editing ? (
        <div className="comment-actions">
          <button type="button" className="link-button small" onClick={() => setEditing(true)}>
            {tr("comments.edit")}
          </button>
          <remover.Form
            method="post"
            action={actionUrl}
            onSubmit={(event) => {
              if (!window.confirm(tr("comments.deleteConfirm"))) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="commentId" value={comment.id} />
            <button type="submit" className="link-button small" disabled={remover.state !== "idle"}>
              {tr("comments.delete")}
            </button>
          </remover.Form>
        </div>
      ) : null}
      <ErrorLine id={errorId} error={removeError} />
    </li>
  );
}

function ThreadCard({
  thread,
  active,
  props,
  onAnnounce,
}: {
  thread: ThreadView;
  active: boolean;
  props: ThreadPanelProps;
  onAnnounce: (key: MessageKey) => void;
}) {
  const tr = useT();
  const status = useFetcher<Result>();
  const statusError = useResult(status, (result) =>
    onAnnounce(result.intent === "resolve" ? "comments.resolvedNotice" : "comments.reopenedNotice"),
  );
  const errorId = useId();
  const [replying, setReplying] = useState(false);
  const resolved = thread.status === "RESOLVED";
  return (
    <li
      id={`thread-${thread.id}`}
      className={`thread${active ? " is-active" : ""}${resolved ? " is-resolved" : ""}`}
      aria-current={active || undefined}
    >
      <button
        type="button"
        className="thread-target"
        onClick={() => props.onSelect(active ? null : thread.id)}
        aria-pressed={active}
      >
        <span className="thread-section">{props.sectionTitle(thread.sectionKey)}</span>
        {thread.anchor ? (
          <span className="thread-quote">{thread.quote}</span>
        ) : (
          <span className="thread-quote thread-whole">{tr("comments.wholeSection")}</span>
        )}
      </button>
      <p className="thread-flags">
        {thread.removed ? <span className="tag tag-removed">{tr("comments.textRemoved")}</span> : null}
        {resolved ? (
          <span className="tag tag-resolved">
            {thread.resolvedBy
              ? tr("comments.resolvedBy", { name: thread.resolvedBy })
              : tr("comments.resolved")}
          </span>
        ) : null}
      </p>
      <ol className="comments" aria-label={tr("comments.threadComments", { author: thread.author })}>
        {thread.comments.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            actionUrl={props.actionUrl}
            members={props.members}
            onAnnounce={onAnnounce}
          />
        ))}
      </ol>
      <div className="thread-actions">
        {thread.canReply && !replying ? (
          <button type="button" className="secondary small" onClick={() => setReplying(true)}>
            {tr("comments.reply")}
          </button>
        ) : null}
        {thread.canResolve ? (
          <status.Form method="post" action={props.actionUrl}>
            <input type="hidden" name="intent" value={resolved ? "reopen" : "resolve"} />
            <input type="hidden" name="threadId" value={thread.id} />
            <button type="submit" className="secondary small" disabled={status.state !== "idle"}>
              {resolved ? tr("comments.reopen") : tr("comments.resolve")}
            </button>
          </status.Form>
        ) : null}
      </div>
      <ErrorLine id={errorId} error={statusError} />
      {replying ? (
        <BodyForm
          actionUrl={props.actionUrl}
          intent="reply"
          hidden={{ threadId: thread.id }}
          label={tr("comments.replyLabel", { author: thread.author })}
          submitLabel={tr("comments.sendReply")}
          members={props.members}
          autoFocus
          onDone={() => {
            setReplying(false);
            onAnnounce("comments.replied");
          }}
          onCancel={() => setReplying(false)}
        />
      ) : null}
      <p className="visually-hidden">
        <Time value={thread.createdAt} />
      </p>
    </li>
  );
}

/** The paper's comment threads in document order, with filters, the new-thread form, replies and resolution. */
export function ThreadPanel(props: ThreadPanelProps) {
  const tr = useT();
  const headingId = useId();
  const [filter, setFilter] = useState<Filter>("open");
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const shown = props.threads.filter(FILTER_TEST[filter]);
  const active = props.activeId ? props.threads.find((thread) => thread.id === props.activeId) : undefined;

  // A thread chosen in the text (or by a link) is shown even if the filter would hide it.
  useEffect(() => {
    if (active && !FILTER_TEST[filter](active)) setFilter("all");
    if (active) document.getElementById(`thread-${active.id}`)?.scrollIntoView({ block: "nearest" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.activeId]);

  return (
    <aside className="thread-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{tr("comments.title")}</h2>
      <p className="visually-hidden" aria-live="polite">
        {notice ? tr(notice) : ""}
      </p>
      {props.readOnlyReason ? (
        <p className="muted small">{props.readOnlyReason}</p>
      ) : (
        <p className="muted small">{tr("comments.howTo")}</p>
      )}
      {props.draft && props.canComment ? (
        <section className="thread-new" aria-label={tr("comments.newThread")}>
          <p className="thread-section">{props.sectionTitle(props.draft.sectionKey)}</p>
          {props.draft.range ? (
            <p className="thread-quote">{props.draft.quote}</p>
          ) : (
            <p className="thread-quote thread-whole">{tr("comments.wholeSection")}</p>
          )}
          <BodyForm
            key={`${props.draft.sectionKey}:${props.draft.range?.start ?? ""}:${props.draft.range?.end ?? ""}`}
            actionUrl={props.actionUrl}
            intent="create"
            hidden={{
              sectionKey: props.draft.sectionKey,
              anchorStart: props.draft.range?.start ?? "",
              anchorEnd: props.draft.range?.end ?? "",
              quote: props.draft.quote,
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
      ) : null}
      <div role="group" aria-label={tr("comments.filter")} className="thread-filters">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={`chip${filter === f ? " is-on" : ""}`}
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
          >
            {tr(`comments.filter.${f}`)}{" "}
            <span className="muted">({props.threads.filter(FILTER_TEST[f]).length})</span>
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="muted">{props.threads.length === 0 ? tr("comments.none") : tr("comments.noneHere")}</p>
      ) : (
        <ol className="threads">
          {shown.map((thread) => (
            <ThreadCard
              key={thread.id}
              thread={thread}
              active={thread.id === props.activeId}
              props={props}
              onAnnounce={setNotice}
            />
          ))}
        </ol>
      )}
    </aside>
  );
}

/**
 * The paper page's comment state: which thread is active (from a click in the text, in the panel, or
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

import { useEffect } from "react";
import type { useFetcher } from "@remix-run/react";
import { t, type MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-t";
import { COMMENT_MAX_LENGTH } from "~/modules/comments/comment-rules";

/** What the threads route answers to every comment form. */
export type CommentResult =
  | { ok: true; intent: string; threadId?: string }
  | { ok: false; error: MessageKey; params?: Record<string, string | number> };

/** Calls onSuccess once per new successful answer; returns the failed answer to show, if any. */
export function useCommentResult(
  fetcher: ReturnType<typeof useFetcher<CommentResult>>,
  onSuccess: (result: Extract<CommentResult, { ok: true }>) => void,
) {
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) onSuccess(fetcher.data);
    // Only a new answer counts; onSuccess is fresh on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);
  return fetcher.state === "idle" && fetcher.data && !fetcher.data.ok ? fetcher.data : null;
}

export function ErrorLine({
  id,
  error,
}: {
  id: string;
  error: Extract<CommentResult, { ok: false }> | null;
}) {
  const locale = useLocale();
  return error ? (
    <p id={id} role="alert" className="error">
      {t(locale, error.error, { max: COMMENT_MAX_LENGTH, ...error.params })}
    </p>
  ) : null;
}

import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { requireGroupAccess } from "~/http/access.server";
import { notFound } from "~/http/responses.server";
import { getPaper } from "~/modules/papers/papers.server";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import {
  commentIdSchema,
  createThreadSchema,
  editCommentSchema,
  replySchema,
  threadIdSchema,
} from "~/modules/comments/comments.schema";
import {
  createThread,
  deleteOwnComment,
  editOwnComment,
  reply,
  setThreadStatus,
} from "~/modules/comments/threads.server";

// The paper page's comment actions (the panel posts here with fetchers); the page's loader lists them.

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/g/${params.slug}/papers/${params.paperId}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  const found = await getPaper(group.id, params.paperId ?? "");
  if (!found) throw notFound();
  const paper = { id: found.id, groupId: group.id, status: found.status, sections: found.sections };
  const form = await readForm(request);
  const intentValue = form.get("intent");
  const intent = typeof intentValue === "string" ? intentValue : "";

  return asJson(
    await handleUserErrors(async () => {
      if (intent === "create") {
        const parsed = parseForm(createThreadSchema, form);
        if (!parsed.ok)
          return failure(400, {
            error: parsed.fieldErrors.body ?? "errors.invalidInput",
            fieldErrors: parsed.fieldErrors,
            values: parsed.values,
          });
        const created = await createThread(actor, paper, parsed.data);
        return { ok: true as const, intent, threadId: created.threadId };
      }
      if (intent === "reply") {
        const parsed = parseForm(replySchema, form);
        if (!parsed.ok)
          return failure(400, {
            error: parsed.fieldErrors.body ?? "errors.invalidInput",
            fieldErrors: parsed.fieldErrors,
            values: parsed.values,
          });
        await reply(actor, paper, parsed.data.threadId, parsed.data.body);
        return { ok: true as const, intent, threadId: parsed.data.threadId };
      }
      if (intent === "edit") {
        const parsed = parseForm(editCommentSchema, form);
        if (!parsed.ok)
          return failure(400, {
            error: parsed.fieldErrors.body ?? "errors.invalidInput",
            fieldErrors: parsed.fieldErrors,
            values: parsed.values,
          });
        await editOwnComment(actor, paper, parsed.data.commentId, parsed.data.body);
        return { ok: true as const, intent };
      }
      if (intent === "delete") {
        const parsed = parseForm(commentIdSchema, form);
        if (!parsed.ok) return failure(400, { error: "errors.invalidInput" });
        await deleteOwnComment(actor, paper, parsed.data.commentId);
        return { ok: true as const, intent };
      }
      if (intent === "resolve" || intent === "reopen") {
        const parsed = parseForm(threadIdSchema, form);
        if (!parsed.ok) return failure(400, { error: "errors.invalidInput" });
        await setThreadStatus(actor, paper, parsed.data.threadId, intent === "resolve" ? "RESOLVED" : "OPEN");
        return { ok: true as const, intent, threadId: parsed.data.threadId };
      }
      return failure(400, { error: "errors.invalidInput" });
    }),
  );
}

/** A resource route answers with a real status: `data(…, { status })` is only honoured for page routes. */
function asJson(result: unknown): Response {
  if (
    result &&
    typeof result === "object" &&
    "type" in result &&
    result.type === "DataWithResponseInit" &&
    "data" in result &&
    "init" in result
  ) {
    return json(result.data, (result.init as ResponseInit | null) ?? undefined);
  }
  return json(result);
}

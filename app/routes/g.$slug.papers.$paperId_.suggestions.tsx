import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { requireGroupAccess } from "~/http/access.server";
import { notFound } from "~/http/responses.server";
import { getPaper } from "~/modules/papers/papers.server";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import {
  decideManySchema,
  decideSuggestionSchema,
  draftingModeSchema,
} from "~/modules/suggestions/suggestions.schema";
import { decideMany, decideSuggestion, setDraftingMode } from "~/modules/suggestions/suggestions.server";
import { askGroupSchema } from "~/modules/votes/suggestion-vote.schema";
import { askTheGroup } from "~/modules/votes/suggestion-votes.server";

// The paper page's suggestion actions (its margin cards and drafting-mode form post here with fetchers):
// accept, reject, withdraw one suggestion; accept or reject all in a section or by an author; set the
// drafting mode; ask the group about one suggestion (a silence procedure on it). Each module command checks
// its own permission.

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/g/${params.slug}/papers/${params.paperId}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  const paper = await getPaper(group.id, params.paperId ?? "");
  if (!paper) throw notFound();
  const form = await readForm(request);
  const intentValue = form.get("intent");
  const intent = typeof intentValue === "string" ? intentValue : "";

  return asJson(
    await handleUserErrors(async () => {
      if (intent === "accept" || intent === "reject" || intent === "withdraw") {
        const parsed = parseForm(decideSuggestionSchema, form);
        if (!parsed.ok) return failure(400, { error: "errors.invalidInput" });
        await decideSuggestion(actor, group.id, paper.id, parsed.data);
        return { ok: true as const, intent, suggestionId: parsed.data.suggestionId };
      }
      if (intent === "acceptAll" || intent === "rejectAll") {
        const parsed = parseForm(decideManySchema, form);
        if (!parsed.ok) return failure(400, { error: "errors.invalidInput" });
        const count = await decideMany(actor, group.id, paper.id, parsed.data);
        return { ok: true as const, intent, count };
      }
      if (intent === "drafting") {
        const parsed = parseForm(draftingModeSchema, form);
        if (!parsed.ok) return failure(400, { error: "errors.invalidInput" });
        await setDraftingMode(actor, group.id, paper.id, parsed.data.mode);
        return { ok: true as const, intent, mode: parsed.data.mode };
      }
      if (intent === "askGroup") {
        const parsed = parseForm(askGroupSchema, form);
        if (!parsed.ok)
          return failure(400, {
            error: Object.values(parsed.fieldErrors)[0] ?? "errors.invalidInput",
            fieldErrors: parsed.fieldErrors,
            values: parsed.values,
          });
        const vote = await askTheGroup(actor, group.id, paper.id, parsed.data);
        return {
          ok: true as const,
          intent,
          suggestionId: parsed.data.suggestionId,
          voteId: vote.id,
          deadline: vote.deadline.toISOString(),
        };
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

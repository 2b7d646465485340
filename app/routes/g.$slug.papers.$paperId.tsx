import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { LinksFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useKeptActionData } from "~/components/use-kept-action-data";
import { settledResult } from "~/components/settled-result";
import { useEffect, useRef, useState } from "react";
import { requirePaperAccess } from "~/http/access.server";
import { changePaperStatus, setPaperTitles } from "~/modules/papers/papers.server";
import { changeStatusSchema, paperTitlesSchema, saveVersionSchema } from "~/modules/papers/papers.schema";
import { localizePaper } from "~/modules/papers/paper-titles";
import { titleTranslationStale } from "~/modules/translations/bilingual-text";
import { resolveLocale } from "~/http/locale.server";
import { PaperTitleForm } from "~/components/paper/PaperTitleForm";
import { Shown } from "~/components/ShownText";
import { userTransitions } from "~/modules/papers/status";
import { createVersion, paperDocReader } from "~/modules/papers/versions.server";
import { serverDataUnlessInterrupted } from "~/http/server-data";
import { getPaperTranslations, markTranslationUpToDate } from "~/modules/translations/translations.server";
import type { TextView } from "~/modules/translations/translation";
import { markTranslationSchema, textViewParamSchema } from "~/modules/translations/translation.schema";
import { TextViewSwitch } from "~/components/editor/TextViewSwitch";
import { ViewOptions } from "~/components/paper/ViewOptions";
import { listVotesForPaper } from "~/modules/votes/vote-queries.server";
import { can, whyRefused, type PaperStatus } from "~/modules/policy/policy";
import { requirePagePermission } from "~/http/permission.server";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import { PaperEditor } from "~/components/editor/PaperEditor";
import { ThreadPanel } from "~/components/comments/ThreadPanel";
import { usePaperComments } from "~/components/comments/use-paper-comments";
import {
  dropWarmCollaboration,
  useCollaboration,
  warmCollaboration,
} from "~/components/editor/use-collaboration";
import { usePresence } from "~/components/editor/PresenceList";
import { ConnectionStatus } from "~/components/editor/ConnectionStatus";
import { UndeliveredEditsGuard } from "~/components/editor/UndeliveredEditsGuard";
import { PresenceAvatars } from "~/components/paper/PresenceAvatars";
import { Time } from "~/components/Time";
import { PaperActionsMenu } from "~/components/paper/PaperActionsMenu";
import { useMediaQuery } from "~/components/paper/use-media-query";
import { translationFragmentName } from "~/modules/translations/translation";
import paperStyles from "~/styles/paper.css";
import { listMentionable, listThreads } from "~/modules/comments/threads.server";
import { StatusBadge } from "~/components/PaperList";
import { usePaperEvents } from "~/components/use-paper-events";
import { useQuietRevalidate } from "~/components/use-quiet-revalidate";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import { delegationLook, listGroupDelegations } from "~/modules/groups/memberships.server";
import { personColour } from "~/modules/presence/person-colour";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paperStyles }];
import { PaperDownloads } from "~/components/PaperDownloads";
import { delegationColours, draftingResource } from "~/modules/suggestions/suggestions.server";
import { useSuggestions } from "~/components/suggestions/use-suggestions";
import { EditModeSwitch, type EditMode } from "~/components/suggestions/EditModeSwitch";
import { DraftingModeForm } from "~/components/suggestions/DraftingModeForm";
import { SuggestionViewSwitch, type SuggestionView } from "~/components/suggestions/SuggestionViewSwitch";
import { listDownloadableVersions } from "~/modules/report/paper-export.server";
import { askGroupCards } from "~/modules/votes/suggestion-vote-queries.server";
import { sectionTexts } from "~/modules/papers/section-texts.server";
import { otherLanguage } from "~/modules/translations/translation";
import { paperLanguage } from "~/modules/translations/translations.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.paper.title} · Acuerdo` : "Acuerdo" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor, user, paper: stored } = await requirePaperAccess(request, params);
  const locale = await resolveLocale(request, user);
  const paper = localizePaper(stored, locale);
  // The paper's document is read once for the whole page (in place when it is open), the rest in parallel:
  // the page (and "Connected") waits for the slowest read, not for their sum.
  const doc = paperDocReader(paper.id);
  const translationLanguage = otherLanguage(paperLanguage(stored.originalLanguage));
  const fragments = paper.sections.flatMap((s) => [
    s.key,
    translationFragmentName(s.key, translationLanguage),
  ]);
  const drafting = draftingResource(paper);
  // The group's delegations, once: the viewer's look, the suggestions' colours, "Ask the group".
  const delegations = listGroupDelegations(group.id);
  const [delegation, translations, threads, mentionable, votes, downloadVersions, colours, texts, askGroup] =
    await Promise.all([
      delegations.then((list) => delegationLook(list, actor.delegationId)),
      getPaperTranslations(paper.id, doc.read),
      listThreads(
        actor,
        { id: paper.id, groupId: group.id, status: paper.status, sections: paper.sections },
        doc.read,
      ),
      listMentionable(group.id),
      listVotesForPaper(paper.id),
      listDownloadableVersions(paper.id),
      delegations.then(delegationColours),
      // The text as it is now, shown (read only) until the editor's code and the live document arrive.
      doc.read((d) => sectionTexts(d, fragments)),
      askGroupCards(actor, delegations, { ...drafting, id: paper.id }),
    ]).finally(doc.release);
  const canEditAtAll = can(actor, "paper.edit", { kind: "paper", status: paper.status });
  // A paper that carries its other language opens side by side; one that does not, on its original.
  const carried = translations.sections.some((s) => s.state !== "missing" || s.markedAt !== null);
  const view: TextView =
    textViewParamSchema.parse(new URL(request.url).searchParams.get("view") ?? undefined) ??
    (carried ? "both" : "original");
  return {
    translations: { ...translations, view, carried },
    canMarkTranslation: can(actor, "translation.mark", { kind: "paper", status: paper.status }),
    group: { slug: group.slug, name: group.name },
    paper,
    texts,
    me: {
      id: user.id,
      name: user.name,
      delegation: delegation?.code ?? null,
      colour: personColour(delegation?.colour ?? "#4a4f57", user.id),
    },
    isObserver: whyRefused(actor, "paper.edit", { kind: "paper", status: paper.status }) === "role",
    threads,
    mentionable,
    commentsReadOnly: {
      role: "comments.readOnlyObserver" as const,
      status: "comments.paperClosed" as const,
      none: null,
    }[whyRefused(actor, "comment.write", { kind: "paper", status: paper.status }) ?? "none"],
    canEdit: canEditAtAll,
    // Conveners name papers: they set the title in both languages.
    titles: can(actor, "paper.create")
      ? {
          title: stored.title,
          titleTranslation: stored.titleTranslation,
          stale: titleTranslationStale(stored),
        }
      : null,
    suggestions: {
      // May change the text only by suggesting (Penholder mode outside the lead delegation, or in review).
      mustSuggest: canEditAtAll && !can(actor, "paper.editDirectly", drafting),
      canDecide: can(actor, "suggestion.decide", drafting),
      canWithdraw: canEditAtAll,
      canSetDrafting: can(actor, "paper.setDraftingMode"),
      draftingMode: paper.draftingMode,
      colours,
      askGroup,
    },
    canSaveVersion: can(actor, "version.save"),
    transitions: can(actor, "paper.changeStatus") ? userTransitions(paper.status) : [],
    canOpenVote: can(actor, "vote.manage") && paper.status === "REVIEW",
    votes,
    downloads: {
      versions: downloadVersions,
      canImportTranslation:
        can(actor, "paper.edit", { kind: "paper", status: paper.status }) && paper.status === "DRAFT",
    },
  };
}

/**
 * On a navigation in the browser, the paper's socket starts opening while its data is fetched: "Connected"
 * then follows the page by the sync's last round trip, not by a whole handshake after the render.
 */
export async function clientLoader({ request, params, serverLoader }: ClientLoaderFunctionArgs) {
  const paperId = params.paperId ?? "";
  if (/^[A-Za-z0-9_-]{1,64}$/.test(paperId)) warmCollaboration(paperId);
  try {
    return await serverDataUnlessInterrupted(request, () => serverLoader<typeof loader>());
  } catch (error) {
    dropWarmCollaboration(paperId);
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, paper, group } = await requirePaperAccess(request, params);
  const form = await readForm(request);
  const intent = form.get("intent");
  return handleUserErrors(async () => {
    if (intent === "status") {
      requirePagePermission(actor, "paper.changeStatus");
      const parsed = changeStatusSchema.safeParse({ status: form.get("status") });
      if (!parsed.success) return failure(400, { error: "errors.invalidInput" });
      await changePaperStatus(actor, paper.id, parsed.data.status, "user");
      return { ok: true as const, intent: "status" as const, status: parsed.data.status };
    }
    if (intent === "title") {
      requirePagePermission(actor, "paper.create");
      const parsed = parseForm(paperTitlesSchema, form);
      if (!parsed.ok)
        return failure(400, {
          error: "errors.invalidInput",
          fieldErrors: parsed.fieldErrors,
          values: parsed.values,
        });
      await setPaperTitles(actor, group.id, paper.id, parsed.data);
      return { ok: true as const, intent: "title" as const };
    }
    if (intent === "translation") {
      const parsed = markTranslationSchema.safeParse({ sectionKey: form.get("sectionKey") });
      if (!parsed.success) return failure(400, { error: "translation.sectionUnknown" });
      await markTranslationUpToDate(actor, group.id, paper.id, parsed.data.sectionKey);
      return { ok: true as const, intent: "translation" as const, sectionKey: parsed.data.sectionKey };
    }
    if (intent === "version") {
      requirePagePermission(actor, "version.save");
      const parsed = parseForm(saveVersionSchema, form);
      if (!parsed.ok)
        return failure(400, {
          error: parsed.fieldErrors.label ?? "errors.invalidInput",
          fieldErrors: parsed.fieldErrors,
          values: parsed.values,
        });
      const version = await createVersion(actor, { paperId: paper.id, label: parsed.data.label });
      return { ok: true as const, intent: "version" as const, number: version.number };
    }
    return failure(400, { error: "errors.invalidInput" });
  });
}

export default function PaperPage() {
  const {
    group,
    paper,
    me,
    isObserver,
    canEdit,
    canSaveVersion,
    transitions,
    canOpenVote,
    votes,
    translations,
    canMarkTranslation,
    threads,
    mentionable,
    commentsReadOnly,
    titles,
    suggestions: suggesting,
    texts,
  } = useLoaderData<typeof loader>();
  const result = useKeptActionData<typeof action>();
  const { downloads } = useLoaderData<typeof loader>();
  const comments = usePaperComments({ threads, canComment: commentsReadOnly === null });
  const navigation = useNavigation();
  const revalidate = useQuietRevalidate();
  const tr = useT();
  const locale = useLocale();
  const [liveStatus, setLiveStatus] = useState<{ from: PaperStatus; to: PaperStatus } | null>(null);
  const busy = navigation.state === "submitting";
  const done = settledResult(navigation.state, result);
  const { collab, connection } = useCollaboration(paper.id, me);
  const people = usePresence(collab, me);
  // The margin sits beside the text from 1100 px; below that the comments are a drawer.
  const wide = useMediaQuery("(min-width: 1100px)", true);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const text = useRef<HTMLDivElement>(null);

  usePaperEvents(`/g/${group.slug}/papers/${paper.id}/events`, (event) => {
    if (event.type === "thread" || event.type === "comment") revalidate();
    if (event.type === "status" && event.status !== paper.status) {
      setLiveStatus({ from: paper.status, to: event.status });
      revalidate();
    }
    if (
      event.type === "version" ||
      event.type === "vote" ||
      event.type === "translation" ||
      event.type === "drafting"
    )
      revalidate();
  });
  const [view, setView] = useState<TextView>(translations.view);
  useEffect(() => setView(translations.view), [paper.id]); // eslint-disable-line react-hooks/exhaustive-deps
  function changeView(next: TextView) {
    setView(next);
    // Kept in the address (without a navigation) so a reload or a shared link opens the same view.
    const url = new URL(window.location.href);
    url.searchParams.set("view", next);
    window.history.replaceState(window.history.state, "", url);
  }
  // On a narrow screen, starting a comment or choosing a highlight opens the drawer.
  // (Only a new draft or choice does: turning a tablet does not pop the drawer open.)
  const { draft, activeId } = comments.panel;
  const wideNow = useRef(wide);
  wideNow.current = wide;
  useEffect(() => {
    if (!wideNow.current && (draft || activeId)) setDrawerOpen(true);
  }, [draft, activeId]);

  // Until the loader catches up, an announced status change already freezes (or frees) the editors.
  const status = liveStatus?.from === paper.status ? liveStatus.to : paper.status;
  const editable =
    liveStatus?.from === paper.status ? canEdit && (status === "DRAFT" || status === "REVIEW") : canEdit;
  // Editing / Suggesting / Viewing: who may only suggest starts (and stays) in Suggesting.
  const [chosenMode, setMode] = useState<EditMode>(suggesting.mustSuggest ? "suggesting" : "editing");
  const modes: EditMode[] = suggesting.mustSuggest
    ? ["suggesting", "viewing"]
    : ["editing", "suggesting", "viewing"];
  const mode: EditMode = modes.includes(chosenMode) ? chosenMode : modes[0];
  const [suggestionView, setSuggestionView] = useState<SuggestionView>("marked");
  const [heldBack, setHeldBack] = useState(false);
  const suggestAs =
    editable && mode === "suggesting" ? { userId: me.id, name: me.name, delegation: me.delegation } : null;
  const editorEditable = editable && mode !== "viewing" && suggestionView === "marked";
  const fragmentNames = paper.sections.flatMap((s) => [
    s.key,
    translationFragmentName(s.key, translations.translation),
  ]);
  const pending = useSuggestions(collab, fragmentNames);
  const readOnlyReason = isObserver
    ? tr("papers.readOnly.observer")
    : editable
      ? undefined
      : tr("papers.readOnly.status", { status: tr(`paper.status.${status}`) });
  const lead = paper.leadDelegation;
  const openVote = votes.find((vote) => vote.status === "OPEN");
  const openThreads = threads.filter((thread) => thread.status === "OPEN").length;
  const sectionTitle = (key: string) => {
    const base = paper.sections.find((s) => s.key === key);
    if (base) return base.title;
    const translated = paper.sections.find(
      (s) => translationFragmentName(s.key, translations.translation) === key,
    );
    return translated
      ? tr("translation.sectionTitle", {
          title: translated.title,
          language: tr(`translation.language.${translations.translation}`),
        })
      : key;
  };

  return (
    <article className={`paper-page paper-view-${view}`}>
      <header className="paper-header">
        <div className="paper-title-row">
          <h1>
            <Shown value={{ text: paper.title, fallback: paper.titleFallback }} />
          </h1>
          <PaperActionsMenu
            slug={group.slug}
            paperId={paper.id}
            transitions={transitions}
            canSaveVersion={canSaveVersion}
            canOpenVote={canOpenVote}
            votes={votes.map((v) => ({
              id: v.id,
              label: `${tr(`votes.kind.${v.kind}`)} · ${tr(`votes.status.${v.status}`)}${
                v.outcome ? ` · ${tr(`votes.result.${v.outcome.result}`)}` : ""
              }`,
            }))}
            busy={busy}
            versionSaved={done?.ok && done.intent === "version" ? done.number : null}
          />
        </div>
        <div className="paper-meta-row">
          <StatusBadge status={status} />
          {lead ? (
            <span className="paper-lead">
              {tr("paper.lead", { delegation: locale === "es" && lead.nameEs ? lead.nameEs : lead.name })}
            </span>
          ) : null}
          <PresenceAvatars people={people} />
          <ConnectionStatus connection={connection} />
          <UndeliveredEditsGuard
            pendingEdits={connection.pendingEdits}
            closed={connection.kind === "closed"}
          />
          <button
            type="button"
            className="secondary small comments-toggle"
            aria-expanded={drawerOpen}
            aria-controls="paper-comments"
            onClick={() => setDrawerOpen((open) => !open)}
          >
            {tr("paper.comments.open", { count: openThreads })}
          </button>
          {suggesting.canDecide && collab ? (
            <collab.live.BulkDecisionDialog
              actionUrl={`/g/${group.slug}/papers/${paper.id}/suggestions`}
              pending={pending}
              beforeTheGroup={
                new Set(suggesting.askGroup.open.map((v) => `${v.sectionKey}:${v.suggestionId}`))
              }
              sectionTitle={sectionTitle}
            />
          ) : null}
        </div>
        {titles ? (
          <PaperTitleForm
            {...titles}
            original={translations.original}
            translation={translations.translation}
          />
        ) : null}
        <ViewOptions
          current={[
            view === "original"
              ? tr("translation.view.original", {
                  language: tr(`translation.language.${translations.original}`),
                })
              : view === "translation"
                ? tr("translation.view.translation", {
                    language: tr(`translation.language.${translations.translation}`),
                  })
                : tr("translation.view.both"),
            ...(editable ? [tr(`suggestions.editMode.${mode}`)] : []),
          ].join(" · ")}
        >
          <TextViewSwitch
            view={view}
            original={translations.original}
            translation={translations.translation}
            onChange={changeView}
          />
          <div className="suggestion-bar">
            {editable ? <EditModeSwitch mode={mode} available={modes} onChange={setMode} /> : null}
            <SuggestionViewSwitch view={suggestionView} onChange={setSuggestionView} />
            {suggesting.canSetDrafting ? (
              <DraftingModeForm
                actionUrl={`/g/${group.slug}/papers/${paper.id}/suggestions`}
                mode={suggesting.draftingMode}
              />
            ) : null}
          </div>
        </ViewOptions>
      </header>
      {suggesting.colours ? (
        <style>
          {Object.entries(suggesting.colours)
            .filter(
              ([code, colour]) =>
                /^[A-Za-z][A-Za-z0-9_-]{0,15}$/.test(code) && /^#[0-9a-fA-F]{3,8}$/.test(colour),
            )
            .map(
              ([code, colour]) =>
                `.paper-page [data-suggestion-delegation=${code}]{--suggestion-colour:${colour}}`,
            )
            .join("\n")}
        </style>
      ) : null}
      <div aria-live="polite" className="paper-notices">
        {openVote ? (
          <p className="paper-vote-notice">
            {tr("paper.voteOpen.before")} <Time value={openVote.deadline} relative />.{" "}
            <Link to={`/g/${group.slug}/votes/${openVote.id}`}>{tr("paper.voteOpen.link")}</Link>
          </p>
        ) : null}
        {editable && suggesting.mustSuggest ? (
          <p className="notice">
            {status === "REVIEW"
              ? tr("suggestions.onlySuggest.review")
              : tr("suggestions.onlySuggest.penholder", {
                  lead: lead ? (locale === "es" && lead.nameEs ? lead.nameEs : lead.name) : "—",
                })}
          </p>
        ) : null}
        {heldBack && suggestAs ? <p className="notice">{tr("suggestions.blockChange")}</p> : null}
        {result && !result.ok ? (
          <p role="alert" className="error">
            {t(locale, result.error, result.params)}
          </p>
        ) : null}
        {done?.ok && done.intent === "version" ? (
          <p className="success">{tr("versions.saved", { number: done.number })}</p>
        ) : null}
        {done?.ok && done.intent === "status" ? (
          <p className="success">
            {tr("papers.statusChanged", { status: tr(`paper.status.${done.status}`) })}
          </p>
        ) : null}
      </div>
      <div className={`paper-workspace paper-workspace-${view} suggestion-view-${suggestionView}`}>
        <div className="paper-texts" ref={text}>
          <PaperEditor
            collab={collab}
            connection={connection}
            sections={paper.sections}
            texts={texts}
            user={me}
            editable={editorEditable}
            readOnlyReason={readOnlyReason}
            comments={comments.forSection}
            suggestAs={suggestAs}
            onHeldBack={() => setHeldBack(true)}
            translation={{
              original: translations.original,
              language: translations.translation,
              view,
              canMark: canMarkTranslation,
              sections: Object.fromEntries(translations.sections.map((s) => [s.key, s])),
            }}
          />
        </div>
        <ThreadPanel
          {...comments.panel}
          actionUrl={`/g/${group.slug}/papers/${paper.id}/threads`}
          threads={threads}
          members={mentionable}
          canComment={commentsReadOnly === null}
          readOnlyReason={commentsReadOnly ? tr(commentsReadOnly) : null}
          sectionTitle={sectionTitle}
          textRef={text}
          aligned={wide}
          drawerOpen={drawerOpen}
          onCloseDrawer={() => setDrawerOpen(false)}
          extraCards={collab?.live.suggestionMarginCards({
            suggestions: pending,
            actionUrl: `/g/${group.slug}/papers/${paper.id}/suggestions`,
            canDecide: suggesting.canDecide,
            canWithdraw: suggesting.canWithdraw,
            myId: me.id,
            colours: suggesting.colours,
            sectionTitle,
            askGroup: {
              ...suggesting.askGroup,
              voteHref: (voteId) => `/g/${group.slug}/votes/${voteId}`,
            },
          })}
        />
      </div>
      <PaperDownloads slug={group.slug} paperId={paper.id} data={downloads} />
    </article>
  );
}

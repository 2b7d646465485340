import { Link } from "@remix-run/react";
import { DelegationBadge } from "./DelegationBadge";
import { Time } from "./Time";
import { useLocale, useT } from "~/i18n/use-t";
import type { PaperStatus } from "~/modules/policy/policy";
import { InLanguage } from "./ShownText";
import { paperTitleTexts } from "~/modules/translations/bilingual-text";
import { isPaperLanguage } from "~/modules/translations/translation";
import { preloadLiveEditing, usePreloadLiveEditing } from "./editor/use-live-editing";

export interface PaperListItem {
  id: string;
  /** In the paper's original language; `titleTranslation` in the other ("" when not written). */
  title: string;
  titleTranslation?: string;
  originalLanguage?: string;
  status: PaperStatus;
  updatedAt: string | Date;
  leadDelegation: { code: string; name: string; nameEs: string; colour: string } | null;
  /** Sections whose translation is out of date (absent: not counted). */
  translationsOutOfDate?: number;
}

export function StatusBadge({ status }: { status: PaperStatus }) {
  const tr = useT();
  return <span className={`status status-${status.toLowerCase()}`}>{tr(`paper.status.${status}`)}</span>;
}

export function PaperList({ slug, papers }: { slug: string; papers: PaperListItem[] }) {
  const tr = useT();
  const locale = useLocale();
  usePreloadLiveEditing();
  return (
    <ul role="list" className="paper-list">
      {papers.map((paper) => {
        const lead = paper.leadDelegation;
        const leadName = lead ? (locale === "es" && lead.nameEs ? lead.nameEs : lead.name) : null;
        return (
          <li key={paper.id}>
            <Link
              to={`/g/${slug}/papers/${paper.id}`}
              className="paper-title"
              // A pointer on a paper's link, or the keyboard's focus: the editor's chunk starts now if not yet.
              onPointerEnter={preloadLiveEditing}
              onFocus={preloadLiveEditing}
            >
              <InLanguage
                texts={paperTitleTexts({
                  title: paper.title,
                  titleTranslation: paper.titleTranslation ?? "",
                  originalLanguage: isPaperLanguage(paper.originalLanguage) ? paper.originalLanguage : "en",
                })}
              />
            </Link>
            <span className="paper-meta">
              <StatusBadge status={paper.status} />
              {lead && leadName ? (
                <DelegationBadge code={lead.code} colour={lead.colour} label={leadName} />
              ) : null}
              {paper.translationsOutOfDate ? (
                <span className="translation-count">
                  {tr("translation.outOfDateCount", { count: paper.translationsOutOfDate })}
                </span>
              ) : null}
              <span className="muted small">
                {tr("papers.updatedLabel")} <Time value={paper.updatedAt} relative />
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

import { readForm } from "~/modules/read-form.server";
import { useEffect, useRef, useState, type DragEvent } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { LeaveGuard } from "~/components/LeaveGuard";
import { requireGroupAccess } from "~/http/access.server";
import { readerGroup } from "~/modules/translations/bilingual-text";
import { can } from "~/modules/policy/policy";
import { requirePagePermission } from "~/http/permission.server";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import {
  arrangeReport,
  getFrontMatter,
  getReportOrder,
  saveFrontMatter,
} from "~/modules/report/report.server";
import { frontMatterSchema, reportOrderSchema } from "~/modules/report/report.schema";
import { FRONT_MATTER_PARTS, type FrontMatterPart } from "~/modules/report/report-formats";
import type { PMNode } from "~/modules/documents/prosemirror-json";
import { FrontMatterEditor } from "~/components/editor/FrontMatterEditor";
import { settledResult } from "~/components/settled-result";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.group.name} · Acuerdo` : "Acuerdo" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  // The page serves whoever may arrange or edit the report; anyone else is refused (403).
  if (!can(actor, "report.edit")) requirePagePermission(actor, "report.arrange");
  const [order, frontMatter] = await Promise.all([getReportOrder(group.id), getFrontMatter(group.id)]);
  return {
    group: { slug: group.slug, name: group.name, nameEs: group.nameEs },
    order,
    frontMatter,
    canArrange: can(actor, "report.arrange"),
    canEdit: can(actor, "report.edit"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  const form = await readForm(request);
  const intent = form.get("intent");
  return handleUserErrors(async () => {
    if (intent === "move" || intent === "order") {
      requirePagePermission(actor, "report.arrange");
      const parsed = parseForm(reportOrderSchema, form);
      if (!parsed.ok) return failure(400, { error: "errors.invalidInput" });
      const moved = await arrangeReport(actor, group.id, parsed.data);
      return {
        ok: true as const,
        intent,
        moved,
        direction: parsed.data.intent === "move" ? parsed.data.direction : null,
      };
    }
    if (intent === "frontMatter") {
      requirePagePermission(actor, "report.edit");
      const parsed = parseForm(frontMatterSchema, form);
      if (!parsed.ok)
        return failure(400, {
          error:
            FRONT_MATTER_PARTS.map((part) => parsed.fieldErrors[part]).find(Boolean) ??
            "report.frontMatter.invalid",
        });
      await saveFrontMatter(actor, group.id, parsed.data);
      return { ok: true as const, intent, moved: null, direction: null };
    }
    return failure(400, { error: "errors.invalidInput" });
  });
}

function moveButtonId(paperId: string, direction: "up" | "down"): string {
  return `report-move-${direction}-${paperId}`;
}

function moved<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

function OrderPanel({ order }: { order: { id: string; title: string }[] }) {
  const tr = useT();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const busy = navigation.state !== "idle";
  // While dragging (and until the saved order comes back) the list shows the dragged order.
  const [dragItems, setDragItems] = useState<typeof order | null>(null);
  const items = dragItems ?? order;
  const dragged = useRef<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => setDragItems(null), [order]);

  // After a move, keep focus on the button used (or its pair at the top or bottom), as on the template form;
  // once the page is idle again, since a button is disabled while the move is saved.
  const handled = useRef<unknown>(null);
  useEffect(() => {
    if (navigation.state !== "idle" || !result || handled.current === result) return;
    handled.current = result;
    if (!result.ok) {
      setDragItems(null);
      return;
    }
    if (result.intent === "order") {
      setAnnouncement(tr("report.order.saved"));
      return;
    }
    if (result.intent !== "move" || !result.moved || !result.direction) return;
    const { paperId, number } = result.moved;
    const title = order.find((p) => p.id === paperId)?.title ?? "";
    setAnnouncement(tr("report.order.moved", { title, number }));
    const atEdge =
      (result.direction === "up" && number === 1) || (result.direction === "down" && number === order.length);
    const direction = atEdge ? (result.direction === "up" ? "down" : "up") : result.direction;
    document.getElementById(moveButtonId(paperId, direction))?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, navigation.state]);

  function onDragOver(event: DragEvent<HTMLLIElement>, overId: string) {
    if (!dragged.current) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    const from = items.findIndex((p) => p.id === dragged.current);
    const to = items.findIndex((p) => p.id === overId);
    if (from >= 0 && to >= 0 && from !== to) setDragItems(moved(items, from, to));
  }

  function onDragEnd(event: DragEvent<HTMLLIElement>) {
    const id = dragged.current;
    dragged.current = null;
    if (!id) return;
    const ids = items.map((p) => p.id);
    if (event.dataTransfer.dropEffect === "none" || ids.join() === order.map((p) => p.id).join()) {
      setDragItems(null);
      return;
    }
    submit({ intent: "order", order: ids.join(",") }, { method: "post" });
  }

  if (items.length === 0) return <p className="muted">{tr("report.empty")}</p>;
  return (
    <>
      <p id="report-order-help" className="muted">
        {tr("report.order.help")}
      </p>
      <ol className="report-order" aria-describedby="report-order-help">
        {items.map((paper, index) => (
          <li
            key={paper.id}
            className="report-order-item"
            draggable={!busy}
            data-paper-id={paper.id}
            onDragStart={(event) => {
              dragged.current = paper.id;
              event.dataTransfer.effectAllowed = "move";
              event.dataTransfer.setData("text/plain", paper.id);
            }}
            onDragOver={(event) => onDragOver(event, paper.id)}
            onDrop={(event) => event.preventDefault()}
            onDragEnd={onDragEnd}
          >
            <span
              className="report-order-handle"
              aria-hidden="true"
              title={tr("report.order.drag", { title: paper.title })}
            >
              ⠿
            </span>
            <span className="report-order-number">{index + 1}.</span>
            <span className="report-order-title">{paper.title}</span>
            <Form method="post" className="row-actions">
              <input type="hidden" name="intent" value="move" />
              <input type="hidden" name="paperId" value={paper.id} />
              <button
                type="submit"
                name="direction"
                value="up"
                id={moveButtonId(paper.id, "up")}
                className="secondary small"
                aria-label={tr("report.order.moveUpLabel", { title: paper.title })}
                disabled={busy || index === 0}
              >
                {tr("report.order.moveUp")}
              </button>
              <button
                type="submit"
                name="direction"
                value="down"
                id={moveButtonId(paper.id, "down")}
                className="secondary small"
                aria-label={tr("report.order.moveDownLabel", { title: paper.title })}
                disabled={busy || index === items.length - 1}
              >
                {tr("report.order.moveDown")}
              </button>
            </Form>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

const PART_LABELS = {
  foreword: ["report.foreword", "en"],
  forewordEs: ["report.foreword", "es"],
  summary: ["report.summary", "en"],
  summaryEs: ["report.summary", "es"],
} as const;

function FrontMatterPanel({
  frontMatter,
}: {
  frontMatter: Record<FrontMatterPart, PMNode> & { revision: string };
}) {
  const tr = useT();
  const navigation = useNavigation();
  const result = useActionData<typeof action>();
  // "Saved" once the page has reloaded its data too: the likely next step is the link back to the report.
  const saved = settledResult(navigation.state, result);
  const [parts, setParts] = useState(() =>
    Object.fromEntries(FRONT_MATTER_PARTS.map((part) => [part, JSON.stringify(frontMatter[part])])),
  );
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "frontMatter";
  // Changed since the stored revision: a save brings a new revision, which is what was typed.
  const [changedAt, setChangedAt] = useState<string | null>(null);
  const unsaved = changedAt === frontMatter.revision;
  return (
    <Form method="post" className="stack">
      <p className="muted">{tr("report.frontMatter.help")}</p>
      <noscript>
        <p className="notice">{tr("report.frontMatter.noScript")}</p>
      </noscript>
      <input type="hidden" name="intent" value="frontMatter" />
      <input type="hidden" name="revision" value={frontMatter.revision} />
      {FRONT_MATTER_PARTS.map((part) => (
        <input key={part} type="hidden" name={part} value={parts[part]} />
      ))}
      {/* Each part in English, then in Spanish; a new revision (after a save) restarts them from what was stored. */}
      {(["foreword", "forewordEs", "summary", "summaryEs"] as const).map((part) => (
        <FrontMatterEditor
          key={`${part}-${frontMatter.revision}`}
          title={tr("report.frontMatter.part", {
            part: tr(PART_LABELS[part][0]),
            language: tr(`translation.language.${PART_LABELS[part][1]}`),
          })}
          lang={PART_LABELS[part][1]}
          initial={frontMatter[part]}
          onChange={(json) => {
            setParts((current) => ({ ...current, [part]: JSON.stringify(json) }));
            setChangedAt(frontMatter.revision);
          }}
        />
      ))}
      <div>
        <button type="submit" disabled={saving}>
          {tr("report.frontMatter.save")}
        </button>
      </div>
      <LeaveGuard
        active={unsaved}
        title={tr("report.frontMatter.leave.title")}
        body={tr("report.frontMatter.leave.body")}
        stay={tr("report.frontMatter.leave.stay")}
        leave={tr("report.frontMatter.leave.go")}
      />
      <div aria-live="polite">
        {saved?.ok && saved.intent === "frontMatter" ? (
          <p className="success">{tr("report.frontMatter.saved")}</p>
        ) : null}
      </div>
    </Form>
  );
}

export default function ArrangeReport() {
  const { group, order, frontMatter, canArrange, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const tr = useT();
  const locale = useLocale();
  const failed = result && !result.ok ? result : null;
  return (
    <article className="report-edit">
      <p>
        <Link to={`/g/${group.slug}/report`}>{tr("report.edit.back")}</Link>
      </p>
      <h1>{tr("report.edit.title", { group: readerGroup(group, locale).name })}</h1>
      <div aria-live="assertive">
        {failed ? (
          <p role="alert" className="error">
            {t(locale, failed.error, failed.params)}
          </p>
        ) : null}
      </div>
      {canArrange ? (
        <section className="panel" aria-labelledby="report-order-heading">
          <h2 id="report-order-heading">{tr("report.order.title")}</h2>
          <OrderPanel order={order} />
        </section>
      ) : null}
      {canEdit ? (
        <section className="panel" aria-labelledby="report-front-heading">
          <h2 id="report-front-heading">{tr("report.frontMatter.title")}</h2>
          <FrontMatterPanel frontMatter={frontMatter} />
        </section>
      ) : null}
    </article>
  );
}

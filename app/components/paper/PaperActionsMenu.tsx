import { useState } from "react";
import { Form, Link, useSubmit } from "@remix-run/react";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import * as Dialog from "@radix-ui/react-dialog";
import { useT } from "~/i18n/use-t";
import type { PaperStatus } from "~/modules/policy/policy";

export interface PaperVoteLink {
  id: string;
  label: string;
}

/**
 * The paper's secondary actions in one menu: status changes (Withdraw asks first), save a version (a
 * dialog with its label), the versions, opening a vote and the votes already held.
 */
export function PaperActionsMenu({
  slug,
  paperId,
  transitions,
  canSaveVersion,
  canOpenVote,
  votes,
  busy,
  versionSaved,
}: {
  slug: string;
  paperId: string;
  transitions: PaperStatus[];
  canSaveVersion: boolean;
  canOpenVote: boolean;
  votes: PaperVoteLink[];
  busy: boolean;
  /** Changes when a version was saved, so the dialog closes and its field empties. */
  versionSaved: number | null;
}) {
  const tr = useT();
  const submit = useSubmit();
  const [withdrawing, setWithdrawing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedSeen, setSavedSeen] = useState(versionSaved);
  if (versionSaved !== savedSeen) {
    setSavedSeen(versionSaved);
    setSaving(false);
  }
  const base = `/g/${slug}/papers/${paperId}`;
  const moveTo = (status: PaperStatus) => submit({ intent: "status", status }, { method: "post" });

  return (
    <>
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger className="secondary menu-trigger">
          <span className="menu-trigger-text">{tr("paper.actions")}</span> <span aria-hidden="true">▾</span>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
            {transitions.length > 0 ? (
              <DropdownMenu.Group>
                <DropdownMenu.Label className="menu-label">{tr("paper.actions.status")}</DropdownMenu.Label>
                {transitions.map((to) => (
                  <DropdownMenu.Item
                    key={to}
                    className={`menu-item${to === "WITHDRAWN" ? " menu-item-danger" : ""}`}
                    disabled={busy}
                    onSelect={() => (to === "WITHDRAWN" ? setWithdrawing(true) : moveTo(to))}
                  >
                    {tr(`papers.moveTo.${to}`)}
                  </DropdownMenu.Item>
                ))}
                <DropdownMenu.Separator className="menu-separator" />
              </DropdownMenu.Group>
            ) : null}
            {canOpenVote ? (
              <DropdownMenu.Item className="menu-item" asChild>
                <Link to={`${base}/vote`}>{tr("paper.actions.openVote")}</Link>
              </DropdownMenu.Item>
            ) : null}
            {canSaveVersion ? (
              <DropdownMenu.Item className="menu-item" onSelect={() => setSaving(true)}>
                {tr("paper.actions.saveVersion")}
              </DropdownMenu.Item>
            ) : null}
            <DropdownMenu.Item className="menu-item" asChild>
              <Link to={`${base}/versions`}>{tr("paper.actions.versions")}</Link>
            </DropdownMenu.Item>
            {votes.length > 0 ? (
              <DropdownMenu.Group>
                <DropdownMenu.Separator className="menu-separator" />
                <DropdownMenu.Label className="menu-label">{tr("paper.actions.votes")}</DropdownMenu.Label>
                {votes.map((vote) => (
                  <DropdownMenu.Item key={vote.id} className="menu-item" asChild>
                    <Link to={`/g/${slug}/votes/${vote.id}`}>{vote.label}</Link>
                  </DropdownMenu.Item>
                ))}
              </DropdownMenu.Group>
            ) : null}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>

      <Dialog.Root open={withdrawing} onOpenChange={setWithdrawing}>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog">
            <Dialog.Title>{tr("paper.withdraw.title")}</Dialog.Title>
            <Dialog.Description>{tr("papers.withdrawConfirm")}</Dialog.Description>
            <div className="dialog-actions">
              <Dialog.Close asChild>
                <button type="button" className="secondary">
                  {tr("paper.dialog.cancel")}
                </button>
              </Dialog.Close>
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() => {
                  setWithdrawing(false);
                  moveTo("WITHDRAWN");
                }}
              >
                {tr("paper.withdraw.confirm")}
              </button>
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>

      <Dialog.Root open={saving} onOpenChange={setSaving}>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog">
            <Dialog.Title>{tr("paper.version.dialogTitle")}</Dialog.Title>
            <Dialog.Description className="muted">{tr("paper.version.dialogHelp")}</Dialog.Description>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="version" />
              <div className="field">
                <label htmlFor="version-label">{tr("versions.label")}</label>
                <input
                  id="version-label"
                  name="label"
                  required
                  maxLength={200}
                  placeholder={tr("versions.labelHint")}
                />
              </div>
              <div className="dialog-actions">
                <Dialog.Close asChild>
                  <button type="button" className="secondary">
                    {tr("paper.dialog.cancel")}
                  </button>
                </Dialog.Close>
                <button type="submit" disabled={busy}>
                  {tr("versions.save")}
                </button>
              </div>
            </Form>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  );
}

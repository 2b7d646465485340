import { useState } from "react";
import { useT } from "~/i18n/use-t";

/** An invitation link to hand on: shown read-only, with a button that copies it. */
export function InviteLink({ link, label }: { link: string; label: string }) {
  const tr = useT();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <div className="invite-link-row">
      <input aria-label={label} readOnly value={link} className="invite-link" data-testid="invite-link" />
      <button
        type="button"
        className="secondary"
        onClick={() => {
          navigator.clipboard.writeText(link).then(
            () => setCopy("copied"),
            () => setCopy("failed"),
          );
        }}
      >
        {tr("invites.copy")}
      </button>
      <span role="status" className={copy === "failed" ? "error small" : "muted small"}>
        {copy === "copied" ? tr("invites.copied") : copy === "failed" ? tr("invites.copyFailed") : ""}
      </span>
    </div>
  );
}

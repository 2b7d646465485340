import { useEffect, useRef } from "react";
import { Form, Link, useLocation } from "@remix-run/react";
import { t, type Locale } from "~/i18n/messages";

/**
 * The signed-in person's own pages and "Sign out", folded under their name: a native disclosure, so it
 * opens with the keyboard and works before the page's script has loaded. With the script it closes on
 * Escape, on a click elsewhere and after navigating.
 */
export function AccountMenu({ locale, name }: { locale: Locale; name: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.key]);
  useEffect(() => {
    const close = (event: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        details.open = false;
        details.querySelector("summary")?.focus();
        return;
      }
      if (!details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("keydown", close);
    document.addEventListener("click", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("click", close);
    };
  }, []);
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("");
  return (
    <details className="account-menu" ref={ref}>
      <summary title={t(locale, "nav.account", { name })}>
        <span className="account-initials" aria-hidden="true">
          {initials}
        </span>
        <span className="account-name">{name}</span>
        <span aria-hidden="true"> ▾</span>
      </summary>
      <div className="account-menu-panel">
        <p className="muted signed-in">{t(locale, "nav.signedInAs", { name })}</p>
        <ul role="list">
          <li>
            <Link to="/settings/notifications">{t(locale, "notifications.nav")}</Link>
          </li>
          <li>
            <Link to="/settings/password">{t(locale, "nav.password")}</Link>
          </li>
          <li>
            <Link to="/settings/time-zone">{t(locale, "timeZone.nav")}</Link>
          </li>
        </ul>
        <Form method="post" action="/logout" reloadDocument>
          <button type="submit" className="secondary">
            {t(locale, "nav.signOut")}
          </button>
        </Form>
      </div>
    </details>
  );
}

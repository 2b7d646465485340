import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  type ShouldRevalidateFunction,
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import stylesheet from "~/styles/app.css";
import { getPageHeader } from "~/http/sessions.server";
import { resolveLocale } from "~/http/locale.server";
import { LOCALES, hasCatalogue, isMessageKey, provideMessages, t, type Locale } from "~/i18n/messages";
import { catalogueScript } from "~/i18n/catalogues.server";
import { shellMessages } from "~/i18n/shell-messages";
import { useNonce } from "~/nonce";
import { normalizeTimeZone } from "~/modules/time/format-time";
import { HeaderSearch } from "~/components/HeaderSearch";
import { AccountMenu } from "~/components/AccountMenu";
import deskStyles from "~/styles/desk.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "stylesheet", href: deskStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Acuerdo" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const header = await getPageHeader(request);
  const user = header?.user ?? null;
  const locale = await resolveLocale(request, user);
  return {
    user: user ? { id: user.id, name: user.name, email: user.email } : null,
    locale,
    // The page's language only, as a script of its own the browser keeps: both catalogues in the
    // JavaScript cost every page ~34 KB gzip; as loader data, ~80 KB in every document.
    messagesUrl: catalogueScript(locale).url,
    // The viewer's zone and the render's "now" travel with the page, so the server render and the
    // browser's hydration format every time (absolute and relative) to the same string.
    timeZone: normalizeTimeZone(user?.timeZone),
    now: new Date().toISOString(),
    unread: header?.unread ?? 0,
    searchSlug: header?.searchSlug ?? null,
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

function LanguageSwitch({ locale }: { locale: Locale }) {
  const location = useLocation();
  return (
    <Form method="post" action="/settings/language" reloadDocument className="language-switch">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor="ui-language">{t(locale, "nav.language")}</label>
      {/* Keyed by the language: signing in is a client-side navigation, and an uncontrolled select keeps
          the value it first showed. */}
      <select id="ui-language" name="locale" defaultValue={locale} key={locale}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(locale, `lang.${l}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="secondary">
        {t(locale, "nav.languageApply")}
      </button>
    </Form>
  );
}

/**
 * The root's data (who is signed in, the language, the header's counts and search group) does not
 * change with a page's query string (a paper's text view, a list's filter): such a navigation leaves it
 * as it is. Submissions and other pages revalidate it as usual.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  formMethod,
  defaultShouldRevalidate,
}) => {
  if (!formMethod && currentUrl.pathname === nextUrl.pathname && currentUrl.search !== nextUrl.search)
    return false;
  return defaultShouldRevalidate;
};

/**
 * Without root data (the root loader did not run: a URL no route matches), the frame's English messages.
 * Called first by App and ErrorBoundary, before any of their t() calls.
 */
function provideRootMessages(data: RootData | undefined): void {
  if (!data) provideMessages("en", shellMessages);
}

/**
 * The forms that change the language (signing in and out, the language switch) load a whole document,
 * which names its catalogue script. Any other way the language changes without one (a session that
 * ended, say) reloads the page once; meanwhile t() falls back to the catalogue the page has.
 */
function useCatalogueOf(locale: Locale): void {
  useEffect(() => {
    if (!hasCatalogue(locale)) window.location.reload();
  }, [locale]);
}

function Shell({ data, children }: { data: RootData | undefined; children: React.ReactNode }) {
  const nonce = useNonce();
  // Effects run once React has hydrated the page: browser tests wait for this mark, not for the network.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  const locale = data?.locale ?? "en";
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {data ? <script src={data.messagesUrl} nonce={nonce} /> : null}
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t(locale, "nav.skip")}
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            {t(locale, "app.name")}
          </Link>
          {data?.searchSlug ? <HeaderSearch slug={data.searchSlug} locale={locale} /> : null}
          <nav aria-label={t(locale, "nav.main")} className="site-nav">
            {data?.user ? <Link to="/">{t(locale, "desk.title")}</Link> : null}
            {data?.user ? (
              <Link to="/inbox" className="inbox-link">
                {t(locale, "inbox.nav")}
                {data.unread > 0 ? (
                  // Seen as "Inbox" with a badge "2"; read as "Inbox (2 unread)".
                  <>
                    <span className="inbox-count" aria-hidden="true">
                      {data.unread}
                    </span>
                    <span className="visually-hidden">
                      {" "}
                      ({t(locale, "inbox.unreadCount", { count: data.unread })})
                    </span>
                  </>
                ) : null}
              </Link>
            ) : null}
            <LanguageSwitch locale={locale} />
            {data?.user ? <AccountMenu locale={locale} name={data.user.name} /> : null}
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  provideRootMessages(data);
  useCatalogueOf(data.locale);
  return (
    <Shell data={data}>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  provideRootMessages(data);
  const locale = data?.locale ?? "en";
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  const key = notFound ? "errors.notFound" : forbidden ? "errors.forbidden" : "errors.unexpected";
  const detail = isRouteErrorResponse(error) && isErrorBody(error.data) ? error.data.error : null;
  return (
    <Shell data={data}>
      <section className="panel">
        <h1>
          {t(
            locale,
            notFound
              ? "errors.notFoundTitle"
              : forbidden
                ? "errors.forbiddenTitle"
                : "errors.unexpectedTitle",
          )}
        </h1>
        <p>{isMessageKey(detail) ? t(locale, detail) : t(locale, key)}</p>
        <p>
          <Link to="/">{t(locale, "errors.backHome")}</Link>
        </p>
      </section>
    </Shell>
  );
}

function isErrorBody(data: unknown): data is { error: unknown } {
  return typeof data === "object" && data !== null && "error" in data;
}

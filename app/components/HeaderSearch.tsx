import { useEffect, useRef, useState } from "react";
import { Form, useFetcher, useNavigate } from "@remix-run/react";
import { t, type Locale } from "~/i18n/messages";
import type { SearchLoaderData } from "~/routes/g.$slug.search";
import { SearchSnippet } from "./SearchSnippet";

const SUGGESTIONS = 6;

/**
 * The header's search box (Ctrl+K or ⌘K focuses it): a combobox whose list shows the first results as
 * you type; arrows move through them, Enter opens the chosen one, or the full results page when none is.
 */
export function HeaderSearch({ slug, locale }: { slug: string; locale: Locale }) {
  const fetcher = useFetcher<SearchLoaderData>();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const hits = query.trim() && fetcher.data ? fetcher.data.hits.slice(0, SUGGESTIONS) : [];

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // In a text editor Ctrl+K opens the link form, which takes the focus: the editor handled it.
      if (event.defaultPrevented) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const timer = setTimeout(
      () => fetcher.load(`/g/${slug}/search?${new URLSearchParams({ q }).toString()}`),
      150,
    );
    return () => clearTimeout(timer);
    // fetcher.load is stable enough for this purpose; re-running on fetcher changes would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, slug]);

  const expanded = open && hits.length > 0;
  const optionId = (i: number) => `site-search-option-${i}`;
  return (
    <Form
      method="get"
      action={`/g/${slug}/search`}
      role="search"
      className="site-search"
      onSubmit={() => setOpen(false)}
    >
      <label htmlFor="site-search-input" className="visually-hidden">
        {t(locale, "search.label")} ({t(locale, "search.shortcut")})
      </label>
      <input
        ref={input}
        id="site-search-input"
        type="search"
        name="q"
        maxLength={200}
        autoComplete="off"
        placeholder={`${t(locale, "search.placeholder")} (${t(locale, "search.shortcut")})`}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls="site-search-options"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby="site-search-help"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && hits.length) {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (i + 1) % hits.length);
          } else if (event.key === "ArrowUp" && hits.length) {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (i <= 0 ? hits.length - 1 : i - 1));
          } else if (event.key === "Escape") {
            setOpen(false);
            setActive(-1);
          } else if (event.key === "Enter" && expanded && active >= 0) {
            event.preventDefault();
            setOpen(false);
            navigate(hits[active].href);
          }
        }}
      />
      <span id="site-search-help" className="visually-hidden">
        {t(locale, "search.help")}
      </span>
      <ul
        id="site-search-options"
        role="listbox"
        aria-label={t(locale, "search.suggestions")}
        className="search-popup"
        hidden={!expanded}
      >
        {hits.map((hit, i) => (
          <li
            key={hit.key}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            onMouseDown={(event) => {
              event.preventDefault();
              setOpen(false);
              navigate(hit.href);
            }}
          >
            <strong>{hit.paperTitle}</strong>
            <span className="hit-meta">
              <SearchSnippet snippet={hit.snippet} />
            </span>
          </li>
        ))}
      </ul>
    </Form>
  );
}

import { createElement, type ReactNode } from "react";
import type { Markup } from "~/modules/documents/static-markup";
import { isSafeHref } from "~/modules/documents/safe-href";

// Only what the document schema draws; anything else is rendered as its children.
const TAGS = new Set([
  "p",
  "h2",
  "h3",
  "h4",
  "ul",
  "ol",
  "li",
  "blockquote",
  "br",
  "strong",
  "em",
  "a",
  "ins",
  "del",
  "span",
]);
const ATTRIBUTES = /^(class|href|rel|target|start|data-[a-z-]+)$/;

function render(markup: Markup, key: number): ReactNode {
  if (typeof markup === "string") return markup;
  const children = markup.children.map(render);
  if (!TAGS.has(markup.tag)) return children;
  const props: Record<string, string | number> = { key };
  for (const [name, value] of Object.entries(markup.attrs ?? {})) {
    if (!ATTRIBUTES.test(name) || (name === "href" && !isSafeHref(value))) continue;
    props[name === "class" ? "className" : name] = value;
  }
  return createElement(markup.tag, props, ...(children.length ? children : []));
}

/** A section's text as the server drew it (static-markup.ts): text is always text, never HTML. */
export function StaticMarkup({ markup, className }: { markup: Markup[]; className: string }) {
  return <div className={className}>{markup.map(render)}</div>;
}

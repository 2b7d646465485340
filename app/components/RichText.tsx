import type { ReactNode } from "react";
import type { PMMark, PMNode } from "~/modules/documents/prosemirror-json";
import { isSafeHref } from "~/modules/documents/safe-href";

// Renders sanitised ProseMirror JSON as React elements: user text is always text, never HTML.

function renderMarks(text: string, marks: PMMark[] | undefined, key: number): ReactNode {
  let node: ReactNode = text;
  for (const mark of [...(marks ?? [])].reverse()) {
    if (mark.type === "bold") node = <strong>{node}</strong>;
    else if (mark.type === "italic") node = <em>{node}</em>;
    else if (mark.type === "link" && isSafeHref(mark.attrs?.href))
      node = (
        <a href={mark.attrs.href} rel="noopener noreferrer nofollow">
          {node}
        </a>
      );
  }
  return <span key={key}>{node}</span>;
}

function renderNode(node: PMNode, key: number): ReactNode {
  const children = (node.content ?? []).map((child, index) => renderNode(child, index));
  switch (node.type) {
    case "doc":
      return <div key={key}>{children}</div>;
    case "paragraph":
      return <p key={key}>{children}</p>;
    case "heading": {
      const level = Math.min(4, Math.max(2, Number(node.attrs?.level ?? 2)));
      // Section titles are h2 on the page, so a section's own headings start one level below.
      const Tag = `h${Math.min(6, level + 1)}` as "h3" | "h4" | "h5";
      return <Tag key={key}>{children}</Tag>;
    }
    case "bulletList":
      return <ul key={key}>{children}</ul>;
    case "orderedList":
      return (
        <ol key={key} start={Number(node.attrs?.start ?? 1)}>
          {children}
        </ol>
      );
    case "listItem":
      return <li key={key}>{children}</li>;
    case "blockquote":
      return <blockquote key={key}>{children}</blockquote>;
    case "hardBreak":
      return <br key={key} />;
    case "text":
      return renderMarks(node.text ?? "", node.marks, key);
    default:
      return null;
  }
}

export function RichText({ doc }: { doc: PMNode }) {
  return <div className="rich-text">{renderNode(doc, 0)}</div>;
}

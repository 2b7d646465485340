import { snippetParts } from "~/modules/search/search-query";

/** A search snippet: text nodes only (React escapes them), each matched word in a <mark>. */
export function SearchSnippet({ snippet }: { snippet: string }) {
  return (
    <>
      {snippetParts(snippet).map((part, i) =>
        part.highlighted ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}

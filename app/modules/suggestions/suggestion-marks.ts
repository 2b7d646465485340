// Suggested insertions and deletions are marks on the text (DESIGN.md, "Suggestions and amendments"):
// stored in the Yjs document like bold or a link, so they sync, persist and survive restarts with no
// storage of their own. Each carries who suggested it, so the server can check that someone who may only
// suggest sends nothing else (suggestion-check.ts), and so a card can say "Ana Pérez (MX), 10:42".
import { Extension, Mark, mergeAttributes } from "@tiptap/core";
import {
  PARAGRAPH_SUGGESTION,
  SUGGESTION_ATTRIBUTE_NAMES,
  SUGGESTION_DELETE,
  SUGGESTION_FORMAT,
  SUGGESTION_INSERT,
  type SuggestionMarkName,
  isFormatList,
  isFormatMark,
  readParagraphSuggestion,
  sortFormats,
} from "./suggestion-attrs";

export * from "./suggestion-attrs";

function suggestionAttributes() {
  return Object.fromEntries(
    SUGGESTION_ATTRIBUTE_NAMES.map((name): [string, unknown] => [
      name,
      {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute(`data-suggestion-${name.toLowerCase()}`),
        renderHTML: (attrs: Record<string, unknown>) => {
          const value = attrs[name];
          return typeof value === "string" ? { [`data-suggestion-${name.toLowerCase()}`]: value } : {};
        },
      },
    ]),
  );
}

function suggestionMark(name: SuggestionMarkName, tag: "ins" | "del") {
  return Mark.create({
    name,
    // Typing at the edge of someone's suggestion must not join it: the plugin decides what new text carries.
    inclusive: false,
    // Below links, bold and italic, so a suggestion wraps the formatted text it covers.
    priority: 40,
    addAttributes: suggestionAttributes,
    parseHTML() {
      return [{ tag: `${tag}[data-suggestion-id]` }];
    },
    renderHTML({ HTMLAttributes }) {
      return [tag, mergeAttributes({ class: `suggestion suggestion-${tag}` }, HTMLAttributes), 0];
    },
  });
}

export const SuggestionInsert = suggestionMark(SUGGESTION_INSERT, "ins");
export const SuggestionDelete = suggestionMark(SUGGESTION_DELETE, "del");

function formatListAttribute(name: "add" | "remove") {
  return {
    default: [],
    parseHTML: (element: HTMLElement) => {
      const names = (element.getAttribute(`data-suggestion-${name}`) ?? "").split(" ").filter(isFormatMark);
      return sortFormats(names);
    },
    renderHTML: (attrs: Record<string, unknown>) => {
      const value = attrs[name];
      return isFormatList(value) && value.length ? { [`data-suggestion-${name}`]: value.join(" ") } : {};
    },
  };
}

/**
 * A suggested formatting change: the text carries the new formatting (bold, italic) and this mark,
 * which records what changed (`add`, `remove`), so rejecting it can restore the formatting it had.
 */
export const SuggestionFormat = Mark.create({
  name: SUGGESTION_FORMAT,
  inclusive: false,
  priority: 40,
  addAttributes() {
    return {
      ...suggestionAttributes(),
      add: formatListAttribute("add"),
      remove: formatListAttribute("remove"),
    };
  },
  parseHTML() {
    return [{ tag: "span[data-suggestion-id].suggestion-format" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes({ class: "suggestion suggestion-format" }, HTMLAttributes), 0];
  },
});

export const SuggestedParagraph = Extension.create({
  name: "suggestedParagraph",
  addGlobalAttributes() {
    return [
      {
        types: ["paragraph"],
        attributes: {
          [PARAGRAPH_SUGGESTION]: {
            default: null,
            // Splitting a suggested paragraph does not make the second half a suggestion too.
            keepOnSplit: false,
            // Only ever set by Suggesting mode, never read from pasted HTML.
            parseHTML: () => null,
            renderHTML: (attrs: Record<string, unknown>) => {
              const value = readParagraphSuggestion(attrs[PARAGRAPH_SUGGESTION]);
              if (!value) return {};
              return {
                class: "suggestion suggestion-paragraph",
                "data-suggestion-id": value.id,
                "data-suggestion-authorname": value.authorName,
                ...(value.delegation ? { "data-suggestion-delegation": value.delegation } : {}),
              };
            },
          },
        },
      },
    ];
  },
});

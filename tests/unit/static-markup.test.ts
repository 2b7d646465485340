import { describe, expect, it } from "vitest";
import { editorSchema } from "~/modules/documents/editor-schema";
import { staticMarkup } from "~/modules/documents/static-markup";
import { encodeParagraphSuggestion } from "~/modules/suggestions/suggestion-marks";

const author = {
  id: "s1",
  authorId: "u1",
  authorName: "Ana Pérez",
  delegation: "MX",
  createdAt: "2025-01-01T10:00:00.000Z",
};

describe("the text a paper page shows before its editor has loaded", () => {
  it("draws each node and mark as the editor's schema does", () => {
    const markup = staticMarkup(editorSchema(), {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Scope" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Visas " },
            {
              type: "text",
              text: "should",
              marks: [{ type: "bold" }, { type: "suggestionDelete", attrs: author }],
            },
            {
              type: "text",
              text: " see ",
              marks: [{ type: "link", attrs: { href: "https://example.org" } }],
            },
          ],
        },
        {
          type: "orderedList",
          attrs: { start: 3 },
          content: [{ type: "listItem", content: [{ type: "paragraph" }] }],
        },
        { type: "paragraph", attrs: { suggestion: encodeParagraphSuggestion(author) } },
      ],
    });
    expect(markup).toEqual([
      { tag: "h3", children: ["Scope"] },
      {
        tag: "p",
        children: [
          "Visas ",
          {
            tag: "strong",
            children: [
              {
                tag: "del",
                attrs: expect.objectContaining({
                  class: "suggestion suggestion-del",
                  "data-suggestion-id": "s1",
                  "data-suggestion-authorname": "Ana Pérez",
                }) as Record<string, string>,
                children: ["should"],
              },
            ],
          },
          {
            tag: "a",
            attrs: expect.objectContaining({
              href: "https://example.org",
              rel: "noopener noreferrer nofollow",
            }) as Record<string, string>,
            children: [" see "],
          },
        ],
      },
      {
        tag: "ol",
        attrs: expect.objectContaining({ start: "3" }) as Record<string, string>,
        children: [
          {
            tag: "li",
            children: [
              {
                tag: "p",
                children: [{ tag: "br", attrs: { class: "ProseMirror-trailingBreak" }, children: [] }],
              },
            ],
          },
        ],
      },
      {
        tag: "p",
        attrs: expect.objectContaining({
          class: "suggestion suggestion-paragraph",
          "data-suggestion-id": "s1",
        }) as Record<string, string>,
        children: [{ tag: "br", attrs: { class: "ProseMirror-trailingBreak" }, children: [] }],
      },
    ]);
  });

  it("shows an empty section as one empty line, as the editor does", () => {
    expect(staticMarkup(editorSchema(), { type: "doc" })).toEqual([
      { tag: "p", children: [{ tag: "br", attrs: { class: "ProseMirror-trailingBreak" }, children: [] }] },
    ]);
  });
});

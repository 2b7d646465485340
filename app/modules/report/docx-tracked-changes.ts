// Pending suggestions as Word tracked changes (ECMA-376 Part 1, 17.13.5): a suggested insertion is a
// `w:ins` around ordinary runs, a suggested deletion a `w:del` around runs whose text is `w:delText`
// (never `w:t`, which Word would show as kept text), and text one person inserted and another struck is a
// `w:del` inside the `w:ins`, as Word writes it. Both sit in the paragraph (or inside its `w:hyperlink`),
// never around a hyperlink, which CT_RunTrackChange does not allow. Each element has its own `w:id`,
// unique in the document, and `w:author` and `w:date`, so Word's Review pane lists every one.
// The docx library's InsertedTextRun and DeletedTextRun hold one run each and cannot nest; these
// elements are built from its public XmlComponent API instead, and hold several runs (one change whose
// words differ in bold or italic stays one entry in the Review pane).
// A suggested formatting change is a `w:rPrChange` in each run's `w:rPr`, holding the run's properties
// before the change (Word shows "Formatted: Bold" and restores them on Reject).
//
// The docx library loads on the first Word download (to-docx.ts): the elements are built from the loaded
// module, handed to `trackedChanges`.
import type { IRunOptions, IRunPropertiesChangeOptions, ParagraphChild, XmlComponent } from "docx";
import type { FormatSuggestion, RunSuggestion, Suggested } from "./walk";

/** One piece of a change: a run's text (possibly empty) with the line breaks before it, and its formatting. */
export type TrackedRunOptions = Omit<IRunOptions, "children" | "text"> & { text: string };

/** Hands out revision ids, one per `w:ins`/`w:del` element: unique in the document, as the spec requires. */
export class RevisionIds {
  private last = 0;

  next(): number {
    this.last += 1;
    return this.last;
  }
}

type Docx = typeof import("docx");

/** The elements of tracked changes, built from the loaded docx library, and `trackedRuns` that uses them. */
export function trackedChanges(d: Docx) {
  class RevisionAttributes extends d.XmlAttributeComponent<{ id: number; author: string; date: string }> {
    protected readonly xmlKeys = { id: "w:id", author: "w:author", date: "w:date" };
  }

  class SpaceAttributes extends d.XmlAttributeComponent<{ space: "preserve" }> {
    protected readonly xmlKeys = { space: "xml:space" };
  }

  /** `w:delText`: the text of a deleted run. */
  class DeletedText extends d.XmlComponent {
    constructor(text: string) {
      super("w:delText");
      this.root.push(new SpaceAttributes({ space: "preserve" }), text);
    }
  }

  /** `w:ins` or `w:del` around runs (or around a nested `w:del`). */
  class Revision extends d.XmlComponent {
    constructor(tag: "w:ins" | "w:del", attributes: RevisionAttributes, children: XmlComponent[]) {
      super(tag);
      this.root.push(attributes, ...children);
    }
  }

  function attributes(ids: RevisionIds, suggestion: RunSuggestion): RevisionAttributes {
    return new RevisionAttributes({ id: ids.next(), author: suggestion.author, date: suggestion.date });
  }

  /**
   * Runs that share their pending suggestions (none, an insertion, a deletion or both) as paragraph
   * content: plain runs, or runs wrapped in `w:ins`, `w:del`, or `w:ins` holding `w:del`.
   */
  function trackedRuns(ids: RevisionIds, suggested: Suggested, runs: TrackedRunOptions[]): ParagraphChild[] {
    const made = runs.map(({ text, ...plain }) => {
      const options = suggested.formatted
        ? { ...plain, revision: formatRevision(ids, suggested.formatted) }
        : plain;
      return suggested.deleted
        ? new d.TextRun({ ...options, children: text ? [new DeletedText(text)] : [] })
        : new d.TextRun({ ...options, text });
    });
    if (!suggested.inserted && !suggested.deleted) return made;
    let content: XmlComponent[] = made;
    if (suggested.deleted) content = [new Revision("w:del", attributes(ids, suggested.deleted), content)];
    // The insertion is the outer element: the deletion was suggested on text already suggested.
    if (suggested.inserted) content = [new Revision("w:ins", attributes(ids, suggested.inserted), content)];
    return content as unknown as ParagraphChild[];
  }

  return { trackedRuns };
}

/**
 * A format suggestion as Word's `w:rPrChange` (17.13.5.31) in the run's properties: the run's formatting
 * before the change, with the revision's id, author and date. Each run gets its own (ids are unique).
 */
function formatRevision(ids: RevisionIds, formatted: FormatSuggestion): IRunPropertiesChangeOptions {
  return {
    id: ids.next(),
    author: formatted.author,
    date: formatted.date,
    // Both stated, on or off: the properties before are never empty (CT_RPrChange requires its w:rPr,
    // and the docx library leaves out an empty one).
    bold: formatted.before.bold,
    italics: formatted.before.italic,
  };
}

/** Whether two pieces of text carry the same pending suggestions (and so belong in one element). */
export function sameSuggestions(a: Suggested, b: Suggested): boolean {
  const same = (x: RunSuggestion | undefined, y: RunSuggestion | undefined) =>
    x === y || (!!x && !!y && x.id === y.id && x.author === y.author && x.date === y.date);
  const sameFormat = (x: FormatSuggestion | undefined, y: FormatSuggestion | undefined) =>
    same(x, y) && (!x || !y || (x.before.bold === y.before.bold && x.before.italic === y.before.italic));
  return same(a.inserted, b.inserted) && same(a.deleted, b.deleted) && sameFormat(a.formatted, b.formatted);
}

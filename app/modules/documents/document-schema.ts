// The document schema as a contract the server enforces: which top-level fragments a paper has, and
// which nodes, marks, attributes (and values) and structures a section may hold. Everything here is
// derived from editorSchema(), built from the same Tiptap extensions the editor uses: a node or mark
// added to schemaExtensions() is accepted (and checked) here without another line. Only value ranges
// that the schema cannot express live in ATTRIBUTE_RULES; any other attribute takes a plain value.
import * as Y from "yjs";
import type { ContentMatch, MarkType, NodeType, Schema } from "@tiptap/pm/model";
import { HEADING_LEVELS, editorSchema, isSafeHref } from "./editor-schema";
import type { PMNode } from "./prosemirror-json";
import {
  FORMAT_ATTRIBUTE_RULES,
  PARAGRAPH_SUGGESTION,
  isParagraphSuggestion,
  SUGGESTION_ATTRIBUTE_RULES,
  SUGGESTION_FORMAT,
  SUGGESTION_MARKS,
} from "../suggestions/suggestion-marks";
import { isPaperLanguage, otherLanguage, translationFragmentName } from "../translations/translation";

/** Deeper nesting than this (elements below the section) is not something a person typed. */
export const MAX_DOCUMENT_DEPTH = 64;
const MAX_ATTRIBUTE_LENGTH = 2000;
const MAX_LIST_START = 999_999;

export type ViolationKind =
  "fragment" | "value" | "node" | "mark" | "attribute" | "content" | "depth" | "suggestion";

/** Why content does not fit the schema; the message names what was wrong (never the content itself). */
export class SchemaViolation extends Error {
  constructor(
    readonly kind: ViolationKind,
    message: string,
  ) {
    super(message);
    this.name = "SchemaViolation";
  }
}

type AttributeRule = (value: unknown) => boolean;

/** A JSON primitive of bounded size: what an attribute without a rule of its own may hold. */
export function isPlainAttributeValue(value: unknown): boolean {
  if (value === null || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  return typeof value === "string" && value.length <= MAX_ATTRIBUTE_LENGTH;
}

// `<node or mark>.<attribute>` → the values it may take, where the schema alone says too little.
const ATTRIBUTE_RULES: Record<string, AttributeRule> = {
  "heading.level": (v) => (HEADING_LEVELS as readonly unknown[]).includes(v),
  "orderedList.start": (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_LIST_START,
  "orderedList.type": (v) => v === null || (typeof v === "string" && ["1", "a", "A", "i", "I"].includes(v)),
  "link.href": isSafeHref,
  "link.target": (v) => v === null || v === "_blank",
  ...Object.fromEntries(
    SUGGESTION_MARKS.flatMap((mark) =>
      Object.entries(SUGGESTION_ATTRIBUTE_RULES).map(([name, rule]) => [`${mark}.${name}`, rule]),
    ),
  ),
  [`paragraph.${PARAGRAPH_SUGGESTION}`]: isParagraphSuggestion,
  // What a format suggestion adds and removes: lists of known formatting marks only.
  ...Object.fromEntries(
    Object.entries(FORMAT_ATTRIBUTE_RULES).map(([name, rule]) => [`${SUGGESTION_FORMAT}.${name}`, rule]),
  ),
};

interface NodeRules {
  type: NodeType;
  attributes: Map<string, AttributeRule>;
  /** Node type names that may appear among its children ("text" for text). */
  children: Set<string>;
}

interface MarkRules {
  type: MarkType;
  attributes: Map<string, AttributeRule>;
  /** Marks of a type that does not exclude itself are stored under a hashed name ("comment--AbC12345"). */
  overlapping: boolean;
}

export interface DocumentSchema {
  schema: Schema;
  nodes: Map<string, NodeRules>;
  marks: Map<string, MarkRules>;
}

function attributeRules(
  owner: string,
  spec: Record<string, unknown> | undefined,
): Map<string, AttributeRule> {
  return new Map(
    Object.keys(spec ?? {}).map((name) => [
      name,
      ATTRIBUTE_RULES[`${owner}.${name}`] ?? isPlainAttributeValue,
    ]),
  );
}

// Every node type reachable in a content expression's automaton.
function childTypes(type: NodeType): Set<string> {
  const names = new Set<string>();
  const seen = new Set([type.contentMatch]);
  const queue = [type.contentMatch];
  while (queue.length) {
    const match = queue.pop()!;
    for (let i = 0; i < match.edgeCount; i += 1) {
      const edge = match.edge(i);
      names.add(edge.type.name);
      if (!seen.has(edge.next)) {
        seen.add(edge.next);
        queue.push(edge.next);
      }
    }
  }
  return names;
}

/** The rules of a ProseMirror schema (the editor's by default). */
export function deriveDocumentSchema(schema: Schema): DocumentSchema {
  const nodes = new Map<string, NodeRules>();
  for (const [name, type] of Object.entries(schema.nodes)) {
    nodes.set(name, { type, attributes: attributeRules(name, type.spec.attrs), children: childTypes(type) });
  }
  const marks = new Map<string, MarkRules>();
  for (const [name, type] of Object.entries(schema.marks)) {
    marks.set(name, {
      type,
      attributes: attributeRules(name, type.spec.attrs),
      overlapping: !type.excludes(type),
    });
  }
  return { schema, nodes, marks };
}

let editorRules: DocumentSchema | undefined;
/** The rules of the editor's schema. */
export function documentSchema(): DocumentSchema {
  editorRules ??= deriveDocumentSchema(editorSchema());
  return editorRules;
}

// ─── Top-level fragments ────────────────────────────────────────────────────

/** The fragments a paper may hold: each section key, and `<key>:<lang>` for its other language. */
export function paperFragmentNames(sectionKeys: readonly string[], originalLanguage: string): Set<string> {
  const names = new Set(sectionKeys);
  if (isPaperLanguage(originalLanguage)) {
    const other = otherLanguage(originalLanguage);
    for (const key of sectionKeys) names.add(translationFragmentName(key, other));
  }
  return names;
}

// ─── Shared checks ──────────────────────────────────────────────────────────

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}

function checkAttribute(
  owner: string,
  rules: Map<string, AttributeRule>,
  name: string,
  value: unknown,
): void {
  const rule = rules.get(name);
  if (!rule) throw new SchemaViolation("attribute", `unknown attribute "${name.slice(0, 40)}" on ${owner}`);
  if (!rule(value))
    throw new SchemaViolation(
      "attribute",
      `attribute "${name}" of ${owner} out of range: ${describe(value)}`,
    );
}

function markRulesFor(rules: DocumentSchema, storedName: string): MarkRules {
  const exact = rules.marks.get(storedName);
  if (exact) return exact;
  const hashed = /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(storedName);
  const base = hashed ? rules.marks.get(hashed[1]) : undefined;
  if (base?.overlapping) return base;
  throw new SchemaViolation("mark", `unknown mark "${storedName.slice(0, 40)}"`);
}

function checkMark(rules: DocumentSchema, parent: NodeRules, name: string, attrs: unknown): void {
  const mark = markRulesFor(rules, name);
  if (!parent.type.allowsMarkType(mark.type))
    throw new SchemaViolation("mark", `mark "${mark.type.name}" is not allowed in ${parent.type.name}`);
  if (attrs === undefined || attrs === null) return;
  if (!isRecord(attrs)) throw new SchemaViolation("attribute", `attributes of mark "${mark.type.name}"`);
  for (const [key, value] of Object.entries(attrs))
    checkAttribute(mark.type.name, mark.attributes, key, value);
}

function elementRules(rules: DocumentSchema, name: string): NodeRules {
  const node = rules.nodes.get(name);
  // "doc" is the fragment itself and "text" is never an element: neither may appear as one.
  if (!node || name === "doc" || name === "text")
    throw new SchemaViolation("node", `unknown node "${name.slice(0, 40)}"`);
  return node;
}

// ─── ProseMirror JSON (imports, seeds) ──────────────────────────────────────

/**
 * Checks a section given as ProseMirror JSON ({type: "doc", content: [...]}) against the schema and
 * returns it normalised (defaults filled in, adjacent text with equal marks joined). Throws a
 * SchemaViolation for anything the editor would not produce. Iterative up to MAX_DOCUMENT_DEPTH.
 */
export function normalizeSectionJson(json: unknown, rules: DocumentSchema = documentSchema()): PMNode {
  if (!isRecord(json) || json.type !== "doc") throw new SchemaViolation("node", "a section is a doc node");
  if (json.content !== undefined && !Array.isArray(json.content))
    throw new SchemaViolation("value", "content must be a list");
  if (!json.content?.length) return { type: "doc" };
  const doc = rules.nodes.get("doc")!;
  const stack: { node: Record<string, unknown>; rules: NodeRules; depth: number }[] = [];
  const visitChildren = (parent: NodeRules, content: unknown, depth: number) => {
    if (content === undefined) return;
    if (!Array.isArray(content)) throw new SchemaViolation("value", "content must be a list");
    for (const child of content) {
      if (!isRecord(child) || typeof child.type !== "string")
        throw new SchemaViolation("value", `not a node: ${describe(child)}`);
      if (!parent.children.has(child.type)) {
        if (!rules.nodes.has(child.type) || child.type === "doc")
          throw new SchemaViolation("node", `unknown node "${child.type.slice(0, 40)}"`);
        throw new SchemaViolation("content", `${child.type} is not allowed in ${parent.type.name}`);
      }
      if (child.type === "text") {
        if (typeof child.text !== "string" || child.text === "")
          throw new SchemaViolation("value", "a text node needs non-empty text");
        if (child.marks !== undefined) {
          if (!Array.isArray(child.marks)) throw new SchemaViolation("value", "marks must be a list");
          for (const mark of child.marks) {
            if (!isRecord(mark) || typeof mark.type !== "string")
              throw new SchemaViolation("value", `not a mark: ${describe(mark)}`);
            checkMark(rules, parent, mark.type, mark.attrs);
          }
        }
        continue;
      }
      if (depth + 1 > MAX_DOCUMENT_DEPTH)
        throw new SchemaViolation("depth", `nested deeper than ${MAX_DOCUMENT_DEPTH}`);
      stack.push({ node: child, rules: elementRules(rules, child.type), depth: depth + 1 });
    }
  };
  visitChildren(doc, json.content, 0);
  while (stack.length) {
    const { node, rules: nodeRules, depth } = stack.pop()!;
    if (node.attrs !== undefined && node.attrs !== null) {
      if (!isRecord(node.attrs))
        throw new SchemaViolation("attribute", `attributes of ${node.type as string}`);
      for (const [key, value] of Object.entries(node.attrs))
        checkAttribute(nodeRules.type.name, nodeRules.attributes, key, value);
    }
    if (node.marks !== undefined) throw new SchemaViolation("mark", "marks belong on text");
    visitChildren(nodeRules, node.content, depth);
  }
  // Names, values and depth are known good: the schema's own check now covers order and counts.
  try {
    const node = rules.schema.nodeFromJSON(json);
    node.check();
    return withoutNullSuggestions(node.toJSON() as PMNode);
  } catch (error) {
    throw new SchemaViolation("content", (error as Error).message.slice(0, 200));
  }
}

/** ProseMirror writes every paragraph's `suggestion: null`; a section's JSON leaves it out, as before. */
function withoutNullSuggestions(node: PMNode): PMNode {
  const stack = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (
      current.attrs &&
      PARAGRAPH_SUGGESTION in current.attrs &&
      current.attrs[PARAGRAPH_SUGGESTION] === null
    ) {
      const { [PARAGRAPH_SUGGESTION]: _none, ...rest } = current.attrs;
      if (Object.keys(rest).length) current.attrs = rest;
      else delete current.attrs;
    }
    stack.push(...(current.content ?? []));
  }
  return node;
}

/** The violation of a section's ProseMirror JSON, or null when it fits the schema. */
export function sectionJsonViolation(json: unknown, rules?: DocumentSchema): SchemaViolation | null {
  try {
    normalizeSectionJson(json, rules);
    return null;
  } catch (error) {
    if (error instanceof SchemaViolation) return error;
    throw error;
  }
}

// ─── Yjs updates ────────────────────────────────────────────────────────────

interface Place {
  root: string;
  /** Elements between the fragment and this type, itself included (0 for the fragment). */
  depth: number;
  /** The node rules of the element (of "doc" for the fragment; of the parent element for a text). */
  node: NodeRules;
  kind: "fragment" | "element" | "text";
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

/** Where a type of `doc` sits: its fragment (one of `fragments`), depth and node rules. */
type PlaceOf = (type: AnyType) => Place;

/**
 * Finds where types sit, remembering every type on the way up. Throws a SchemaViolation for a type
 * outside `fragments`, below text, inside an element the schema does not know, or too deep.
 */
function placeFinder(doc: Y.Doc, fragments: ReadonlySet<string>, rules: DocumentSchema): PlaceOf {
  const rootNames = new Map<AnyType, string>();
  for (const [name, type] of doc.share) rootNames.set(type as AnyType, name);
  const places = new Map<AnyType, Place>();
  return (type: AnyType): Place => {
    const known = places.get(type);
    if (known) return known;
    const chain: AnyType[] = [];
    let current: AnyType = type;
    while (current._item !== null) {
      chain.push(current);
      if (chain.length > MAX_DOCUMENT_DEPTH + 1)
        throw new SchemaViolation("depth", `nested deeper than ${MAX_DOCUMENT_DEPTH}`);
      current = current._item.parent as AnyType;
    }
    const root = rootNames.get(current);
    if (root === undefined || !fragments.has(root))
      throw new SchemaViolation("fragment", `"${(root ?? "?").slice(0, 40)}" is not a section of this paper`);
    let place: Place = { root, depth: 0, node: rules.nodes.get("doc")!, kind: "fragment" };
    for (let i = chain.length - 1; i >= 0; i -= 1) {
      const step = chain[i];
      const cached = places.get(step);
      if (cached) place = cached;
      else {
        if (place.kind === "text") throw new SchemaViolation("value", "nothing nests inside text");
        if (step instanceof Y.XmlText) place = { ...place, kind: "text" };
        else if (step instanceof Y.XmlElement)
          place = { root, depth: place.depth + 1, node: elementRules(rules, step.nodeName), kind: "element" };
        else throw new SchemaViolation("value", "a section holds only elements and text");
        places.set(step, place);
      }
    }
    places.set(type, place);
    return place;
  };
}

/**
 * Checks what one Yjs transaction (a client's update, applied to a shadow copy) added: every new
 * struct must sit in an allowed fragment, be an element or text of the schema where its parent allows
 * it, with known attributes and marks of valid values, no deeper than MAX_DOCUMENT_DEPTH, and every
 * new element's children must satisfy its content expression. Throws a SchemaViolation.
 *
 * Deletions are never refused: two people's concurrent (each valid) edits may merge into an order
 * the schema would not produce, and the editor tolerates that; refusing would lose one of them.
 * Content that was already stored is not judged again, so an old paper can still be edited.
 */
export function checkTransaction(
  transaction: Y.Transaction,
  fragments: ReadonlySet<string>,
  rules: DocumentSchema = documentSchema(),
): void {
  const doc = transaction.doc;
  const placeOf = placeFinder(doc, fragments, rules);
  const newElements: Y.XmlElement[] = [];

  const checkItem = (item: Y.Item) => {
    const parent = item.parent as AnyType;
    const place = placeOf(parent);
    const content = item.content;
    if (content instanceof Y.ContentDeleted) return;
    if (place.kind === "text") {
      if (item.parentSub !== null) throw new SchemaViolation("attribute", "text carries no attributes");
      if (content instanceof Y.ContentString) return;
      if (content instanceof Y.ContentFormat) return checkMark(rules, place.node, content.key, content.value);
      throw new SchemaViolation("value", "text holds only characters and marks");
    }
    if (item.parentSub !== null) {
      if (place.kind === "fragment") throw new SchemaViolation("value", "a section holds no keyed values");
      if (!(content instanceof Y.ContentAny) || content.arr.length !== 1)
        throw new SchemaViolation(
          "attribute",
          `attribute "${item.parentSub.slice(0, 40)}" is not a plain value`,
        );
      return checkAttribute(place.node.type.name, place.node.attributes, item.parentSub, content.arr[0]);
    }
    const child = content instanceof Y.ContentType ? content.type : null;
    if (child instanceof Y.XmlText) {
      if (!place.node.children.has("text"))
        throw new SchemaViolation("content", `text is not allowed in ${place.node.type.name}`);
      return;
    }
    if (!(child instanceof Y.XmlElement))
      throw new SchemaViolation("value", "a section holds only elements and text");
    const node = elementRules(rules, child.nodeName);
    if (!place.node.children.has(node.type.name))
      throw new SchemaViolation("content", `${node.type.name} is not allowed in ${place.node.type.name}`);
    if (place.depth + 1 > MAX_DOCUMENT_DEPTH)
      throw new SchemaViolation("depth", `nested deeper than ${MAX_DOCUMENT_DEPTH}`);
    newElements.push(child as Y.XmlElement);
  };

  const store = doc.store;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client)!;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i += 1) {
      const struct = structs[i];
      if (struct.id.clock >= after) break;
      if (struct instanceof Y.Item && !struct.deleted) checkItem(struct);
    }
  }

  const textType = rules.schema.nodes.text;
  for (const element of newElements) {
    if (element._item?.deleted) continue;
    const node = rules.nodes.get(element.nodeName)!;
    let match: ContentMatch | null = node.type.contentMatch;
    for (let item = element._start; item !== null && match; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
      const child = item.content.type;
      if (child instanceof Y.XmlText) {
        if (child.length > 0) match = match.matchType(textType);
      } else if (child instanceof Y.XmlElement) match = match.matchType(rules.schema.nodes[child.nodeName]);
    }
    if (!match?.validEnd)
      throw new SchemaViolation("content", `the content of a new ${element.nodeName} breaks its schema`);
  }
}

/** A client's update as `Y.decodeUpdate` reads it, without applying it. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Where a struct goes: a type the document holds (or a section it has not created yet), or one the update creates. */
type Owner = { held: AnyType } | { root: string } | { created: CreatedType };

interface CreatedType {
  place: Place;
  /** Element: its children in order (a chain, each after the one before). Text: its characters. */
  element: Y.XmlElement | null;
  children: CreatedType[];
  /** The id of the last child, which the next one must follow. */
  lastChild: Y.ID | null;
  characters: number;
}

/** A struct of the update, once vouched for: its clock range and where it went. */
interface TakenStruct {
  clock: number;
  end: number;
  owner: Owner;
  parentSub: string | null;
  /** The type it creates, if it is one. */
  created: CreatedType | null;
}

const sameOwner = (a: Owner, b: Owner): boolean =>
  "held" in a
    ? "held" in b && a.held === b.held
    : "root" in a
      ? "root" in b && a.root === b.root
      : "created" in b && a.created === b.created;

/**
 * Whether a decoded update, not yet applied, is known to be an ordinary edit that fits the schema:
 * characters and marks typed into text, attributes set, and new elements (a paragraph, a list) built
 * in one go, each child after the one before, all in this paper's sections, every mark, attribute,
 * element and content expression valid there; and deletions of what `doc` holds. Such an update
 * integrates without a throw and passes checkTransaction, so it can go to the document without being
 * tried on a copy first.
 *
 * It answers false, never throws, for anything it cannot vouch for: other content, a struct whose
 * place it cannot find, anything the schema refuses, a gap or overlap in a client's clock, children
 * of a new element in any order but one after the other, deletions of what nobody holds yet or of the
 * update's own structs, an update that would release structs the document holds back for what they
 * lack. The caller then takes the careful path (a copy, and checkTransaction on it), which alone
 * refuses and names the reason.
 *
 * It finds each struct's place as Yjs does (Item.getMissing): the parent named (by id, or a section by
 * name), else the parent and key of the item left of the insert (its origin), else of the one right of
 * it. It asks more than Yjs does: every id it follows must be held, by the document or by an earlier
 * struct of the update; its struct must be an item, not a garbage-collected range; the left and right
 * neighbours must share their parent and key; and that parent must be live.
 */
export function isCheckedEdit(
  doc: Y.Doc,
  update: DecodedUpdate,
  fragments: ReadonlySet<string>,
  rules: DocumentSchema = documentSchema(),
): boolean {
  try {
    return checkEdit(doc, update, fragments, rules);
  } catch {
    // A violation, or data nothing here expected: the careful path decides, and names it.
    return false;
  }
}

function checkEdit(
  doc: Y.Doc,
  update: DecodedUpdate,
  fragments: ReadonlySet<string>,
  rules: DocumentSchema,
): boolean {
  const store = doc.store;
  const placeOf = placeFinder(doc, fragments, rules);
  /** The next clock each client's structs must start at: the document's state, then past each struct. */
  const next = new Map<number, number>();
  const nextClock = (client: number) => next.get(client) ?? Y.getState(store, client);
  const taken = new Map<number, TakenStruct[]>();
  const created: CreatedType[] = [];

  /** The struct of the update (taken so far) holding `id`. */
  const takenAt = (id: Y.ID): TakenStruct | undefined => {
    const structs = taken.get(id.client);
    if (!structs) return undefined;
    // In clock order, without gaps: a binary search.
    let low = 0;
    let high = structs.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const struct = structs[middle];
      if (id.clock < struct.clock) high = middle - 1;
      else if (id.clock >= struct.end) low = middle + 1;
      else return struct;
    }
    return undefined;
  };
  /** The document's item holding `id`, if it holds one there (not a garbage-collected range). */
  const heldAt = (id: Y.ID): Y.Item | null => {
    if (id.clock >= Y.getState(store, id.client)) return null;
    const structs = store.clients.get(id.client)!;
    const struct = structs[Y.findIndexSS(structs, id.clock)];
    return struct instanceof Y.Item ? struct : null;
  };
  /** Where the item at `id` sits (its parent and key), in the document or the update. */
  const neighbour = (id: Y.ID): { owner: Owner; parentSub: string | null } | null => {
    const held = heldAt(id);
    if (held) return { owner: { held: held.parent as AnyType }, parentSub: held.parentSub };
    if (id.clock < Y.getState(store, id.client)) return null;
    const struct = takenAt(id);
    return struct ? { owner: struct.owner, parentSub: struct.parentSub } : null;
  };
  /** Where an item goes, found as Yjs finds it, or null when that is not certain. */
  const placeItem = (item: Y.Item): { owner: Owner; parentSub: string | null } | null => {
    const parent = item.parent as Y.ID | string | null;
    if (parent instanceof Y.ID || typeof parent === "string") {
      if (item.origin !== null || item.rightOrigin !== null) return null;
      if (typeof parent === "string") {
        const shared = doc.share.get(parent);
        if (shared && !(shared instanceof Y.XmlFragment) && shared.constructor !== Y.AbstractType)
          return null;
        return { owner: shared ? { held: shared } : { root: parent }, parentSub: item.parentSub };
      }
      const held = heldAt(parent);
      if (held) {
        if (held.deleted || !(held.content instanceof Y.ContentType)) return null;
        return { owner: { held: held.content.type }, parentSub: item.parentSub };
      }
      const maker = takenAt(parent);
      if (!maker?.created || maker.clock !== parent.clock) return null;
      return { owner: { created: maker.created }, parentSub: item.parentSub };
    }
    if (parent !== null || item.parentSub !== null) return null;
    const left = item.origin ? neighbour(item.origin) : null;
    const right = item.rightOrigin ? neighbour(item.rightOrigin) : null;
    if ((item.origin && !left) || (item.rightOrigin && !right)) return null;
    if (left && right && (!sameOwner(left.owner, right.owner) || left.parentSub !== right.parentSub))
      return null;
    return left ?? right;
  };
  const placeOfOwner = (owner: Owner): Place | null => {
    if ("created" in owner) return owner.created.place;
    if ("root" in owner) {
      if (!fragments.has(owner.root)) return null;
      return { root: owner.root, depth: 0, node: rules.nodes.get("doc")!, kind: "fragment" };
    }
    // A type that is gone takes what is added as deleted, and the careful path judges nothing deleted.
    if (owner.held._item?.deleted) return null;
    return placeOf(owner.held);
  };

  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) return false;
    const { client, clock } = struct.id;
    if (clock !== nextClock(client) || struct.length < 1) return false;
    const where = placeItem(struct);
    if (!where) return false;
    const place = placeOfOwner(where.owner);
    if (!place) return false;
    const content = struct.content;
    let made: CreatedType | null = null;
    if (where.parentSub !== null) {
      if (place.kind !== "element") return false;
      if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return false;
      checkAttribute(place.node.type.name, place.node.attributes, where.parentSub, content.arr[0]);
    } else if (place.kind === "text") {
      if (content instanceof Y.ContentFormat) checkMark(rules, place.node, content.key, content.value);
      else if (!(content instanceof Y.ContentString)) return false;
      if ("created" in where.owner && content instanceof Y.ContentString)
        where.owner.created.characters += content.getLength();
    } else {
      if (!(content instanceof Y.ContentType)) return false;
      const child = content.type;
      if (child instanceof Y.XmlText) {
        if (!place.node.children.has("text")) return false;
        made = {
          place: { ...place, kind: "text" },
          element: null,
          children: [],
          lastChild: null,
          characters: 0,
        };
      } else if (child instanceof Y.XmlElement) {
        const node = elementRules(rules, child.nodeName);
        if (!place.node.children.has(node.type.name) || place.depth + 1 > MAX_DOCUMENT_DEPTH) return false;
        made = {
          place: { root: place.root, depth: place.depth + 1, node, kind: "element" },
          element: child,
          children: [],
          lastChild: null,
          characters: 0,
        };
      } else return false;
      // A child of a new element: first in it, or right after the one before, nothing else.
      if ("created" in where.owner) {
        const parent = where.owner.created;
        const first = struct.parent instanceof Y.ID && parent.lastChild === null;
        const after =
          struct.rightOrigin === null &&
          struct.origin !== null &&
          parent.lastChild !== null &&
          Y.compareIDs(struct.origin, parent.lastChild);
        if (!first && !after) return false;
        parent.children.push(made);
        parent.lastChild = struct.id;
      }
      created.push(made);
    }
    next.set(client, clock + struct.length);
    const structs = taken.get(client) ?? [];
    structs.push({
      clock,
      end: clock + struct.length,
      owner: where.owner,
      parentSub: where.parentSub,
      created: made,
    });
    taken.set(client, structs);
  }
  // Deletions are never refused (see checkTransaction); only those of what the document holds apply at
  // once, and the careful path does not judge what the update deletes of its own.
  for (const [client, deletions] of update.ds.clients) {
    const state = Y.getState(store, client);
    for (const { clock, len } of deletions) if (clock + len > state) return false;
  }
  // Structs held back for what they lack stay so: Yjs would integrate them in this transaction (and
  // the copy would check them) once a clock they wait for is reached.
  for (const [client, clock] of store.pendingStructs?.missing ?? [])
    if (clock < nextClock(client)) return false;
  // Each new element's children, in their one possible order, against its content expression.
  const textType = rules.schema.nodes.text;
  for (const type of created) {
    if (!type.element) continue;
    let match: ContentMatch | null = type.place.node.type.contentMatch;
    for (const child of type.children) {
      if (!match) break;
      if (!child.element) {
        if (child.characters > 0) match = match.matchType(textType);
      } else match = match.matchType(child.place.node.type);
    }
    if (!match?.validEnd) return false;
  }
  return true;
}

import { useCallback, useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from "react";

/** Where a margin card wants to sit: next to an element of the text, or at a page position. */
export type MarginAnchor = Element | { pageY: number } | null;

/**
 * A card in the document's right margin (a comment thread, a new-comment form, and later a suggestion):
 * the margin only knows where its anchor is and which card is active.
 */
export interface MarginCard {
  key: string;
  /** Looked up at layout time, because the text moves while people type. */
  anchor: () => MarginAnchor;
  active: boolean;
  node: ReactNode;
}

const GAP = 10;

function anchorTop(anchor: MarginAnchor, base: number): number | null {
  if (!anchor) return null;
  if ("pageY" in anchor) return anchor.pageY - window.scrollY - base;
  if (!anchor.isConnected) return null;
  return anchor.getBoundingClientRect().top - base;
}

/**
 * Places each card at its anchor's height, as in a word processor: the active card sits exactly at its
 * anchor; the others keep their order and are pushed down (or, above the active one, up) so none overlap.
 * Cards whose anchor is not on the page go after the last placed one. Pure, so it can be tested.
 */
export function placeCards(
  wanted: (number | null)[],
  heights: number[],
  activeIndex: number,
  gap = GAP,
): number[] {
  const order = wanted
    .map((top, index) => ({ index, top }))
    .sort((a, b) => (a.top ?? Infinity) - (b.top ?? Infinity) || a.index - b.index);
  const tops = new Array<number>(wanted.length).fill(0);
  const ordered = order.map(({ index, top }) => ({ index, top: Math.max(0, top ?? Infinity) }));
  let pivot = ordered.findIndex((entry) => entry.index === activeIndex && Number.isFinite(entry.top));
  if (pivot < 0) pivot = 0;
  const place = (i: number, top: number) => (tops[ordered[i].index] = top);
  if (ordered.length === 0) return tops;
  const lastFinite = (i: number) => (Number.isFinite(ordered[i].top) ? ordered[i].top : 0);
  place(pivot, lastFinite(pivot));
  for (let i = pivot + 1; i < ordered.length; i++) {
    const previousBottom = tops[ordered[i - 1].index] + heights[ordered[i - 1].index] + gap;
    place(i, Number.isFinite(ordered[i].top) ? Math.max(ordered[i].top, previousBottom) : previousBottom);
  }
  for (let i = pivot - 1; i >= 0; i--) {
    const nextTop = tops[ordered[i + 1].index] - heights[ordered[i].index] - gap;
    place(i, Math.min(ordered[i].top, nextTop));
  }
  // Cards pushed above the margin's top come back down, pushing the rest.
  let floor = 0;
  for (const { index } of ordered) {
    if (tops[index] < floor) tops[index] = floor;
    floor = tops[index] + heights[index] + gap;
  }
  return tops;
}

/**
 * The margin beside the text. With `aligned` (a wide screen) the cards are positioned next to their
 * anchors in `textRef`, and follow them as the text changes; otherwise they are a plain list.
 */
export function DocumentMargin({
  cards,
  textRef,
  aligned,
  label,
}: {
  cards: MarginCard[];
  textRef: RefObject<HTMLElement | null>;
  aligned: boolean;
  label: string;
}) {
  const list = useRef<HTMLOListElement>(null);
  const frame = useRef(0);
  const cardsRef = useRef(cards);
  cardsRef.current = cards;

  const layout = useCallback(() => {
    const root = list.current;
    if (!root) return;
    const items = [...root.children] as HTMLElement[];
    if (!aligned) {
      for (const item of items) item.style.top = "";
      root.style.height = "";
      return;
    }
    const base = root.getBoundingClientRect().top;
    const current = cardsRef.current;
    const byKey = new Map(items.map((item) => [item.dataset.marginKey, item]));
    const present = current.filter((card) => byKey.has(card.key));
    const heights = present.map((card) => byKey.get(card.key)!.offsetHeight);
    const wanted = present.map((card) => anchorTop(card.anchor(), base));
    const tops = placeCards(
      wanted,
      heights,
      present.findIndex((card) => card.active),
    );
    present.forEach((card, i) => (byKey.get(card.key)!.style.top = `${Math.round(tops[i])}px`));
    const bottom = Math.max(0, ...present.map((_, i) => tops[i] + heights[i]));
    root.style.height = `${Math.ceil(bottom)}px`;
  }, [aligned]);

  const schedule = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(layout);
  }, [layout]);

  // Every render may have changed the cards (or the active one): place them before paint.
  useLayoutEffect(layout);

  useEffect(() => {
    const text = textRef.current;
    const root = list.current;
    if (!text || !root || !aligned) return;
    // Typing, remote edits, images loading, fonts: anything that moves the anchors moves the cards.
    const mutations = new MutationObserver(schedule);
    mutations.observe(text, { childList: true, subtree: true, characterData: true, attributes: true });
    const sizes = new ResizeObserver(schedule);
    sizes.observe(text);
    sizes.observe(root);
    // What sits above the cards (the margin's title and filters) moves them without resizing them.
    if (root.parentElement) sizes.observe(root.parentElement);
    for (const child of root.children) sizes.observe(child);
    window.addEventListener("resize", schedule);
    return () => {
      mutations.disconnect();
      sizes.disconnect();
      window.removeEventListener("resize", schedule);
      cancelAnimationFrame(frame.current);
    };
  }, [textRef, aligned, schedule, cards.length]);

  return (
    <ol ref={list} className={`margin-cards${aligned ? " is-aligned" : ""}`} aria-label={label}>
      {cards.map((card) => (
        <li key={card.key} data-margin-key={card.key} className="margin-card">
          {card.node}
        </li>
      ))}
    </ol>
  );
}

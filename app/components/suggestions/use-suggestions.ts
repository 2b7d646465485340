import { useEffect, useState } from "react";
import type { PendingSuggestion } from "~/modules/suggestions/list";
import type { Collaboration } from "../editor/use-collaboration";

/** The paper's pending suggestions, read live from its shared document (so cards follow others' typing). */
export function useSuggestions(
  collab: Collaboration | null,
  fragments: readonly string[],
): PendingSuggestion[] {
  const [suggestions, setSuggestions] = useState<PendingSuggestion[]>([]);
  const key = fragments.join("|");
  useEffect(() => {
    if (!collab) return;
    const { doc, live } = collab;
    const names = key.split("|");
    const read = () => setSuggestions(live.readSuggestions(doc, names));
    read();
    // Typing fires an update per keystroke: the cards are read again once it pauses.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(read, 150);
    };
    doc.on("update", onUpdate);
    return () => {
      doc.off("update", onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [collab, key]);
  return suggestions;
}

import { useEffect, useState } from "react";
import type { Collaboration } from "./use-collaboration";

/**
 * The canonical text of one fragment of the shared document, kept current as anyone types; null until
 * the document is open. (Reading a root fragment that does not exist yet creates it locally only:
 * that makes no update, so nothing is sent.)
 */
export function useFragmentText(collab: Collaboration | null, name: string): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (!collab) {
      setText(null);
      return;
    }
    const fragment = collab.doc.getXmlFragment(name);
    const read = () => setText(collab.live.canonicalFragmentText(fragment));
    read();
    fragment.observeDeep(read);
    return () => fragment.unobserveDeep(read);
  }, [collab, name]);
  return text;
}

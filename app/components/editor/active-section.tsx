import { createContext, useContext, useState, type ReactNode } from "react";
import type { Editor } from "@tiptap/react";

/** The section whose editor last had the focus: the one toolbar formats it. */
export interface ActiveSection {
  editor: Editor;
  title: string;
  editorId: string;
  linkFormId: string;
  linkOpen: boolean;
  editable: boolean;
  toggleLink: () => void;
}

interface ActiveSectionState {
  active: ActiveSection | null;
  setActive: (next: ActiveSection | null | ((current: ActiveSection | null) => ActiveSection | null)) => void;
}

const ActiveSectionContext = createContext<ActiveSectionState>({
  active: null,
  setActive: () => undefined,
});

export function ActiveSectionProvider({ children }: { children: ReactNode }) {
  const [active, setActive] = useState<ActiveSection | null>(null);
  return (
    <ActiveSectionContext.Provider value={{ active, setActive }}>{children}</ActiveSectionContext.Provider>
  );
}

export function useActiveSection(): ActiveSectionState {
  return useContext(ActiveSectionContext);
}

import { useEffect, useState } from "react";
import type * as LiveEditingModule from "./live-editing";

export type LiveEditing = typeof LiveEditingModule;

let loaded: LiveEditing | null = null;
let loading: Promise<LiveEditing> | null = null;

/** Starts (once) loading the live editor's chunk; a failed load is tried again on the next call. */
export function loadLiveEditing(): Promise<LiveEditing> {
  loading ??= import("./live-editing").then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The live editor's code if it has arrived already (a later paper page in the same visit), else null. */
export function loadedLiveEditing(): LiveEditing | null {
  return loaded;
}

/**
 * The live editor's code, loaded after the first render: null during SSR, on hydration and until the
 * chunk has arrived. (Null on hydration as on the server, so the first render matches.)
 */
export function useLiveEditing(): LiveEditing | null {
  const [live, setLive] = useState<LiveEditing | null>(loaded);
  useEffect(() => {
    if (live) return;
    let current = true;
    loadLiveEditing().then(
      (module) => current && setLive(module),
      // The page stays readable; the connection status keeps saying it is connecting.
      (error: unknown) => console.warn("The editor could not load", error),
    );
    return () => {
      current = false;
    };
  }, [live]);
  return live;
}

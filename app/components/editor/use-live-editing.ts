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

/**
 * Where papers are listed, the editor is the likely next page: its chunk (Yjs, Tiptap, ProseMirror, the
 * WebSocket provider) is fetched once the page is idle, so opening the first paper of a visit waits for
 * the paper and the connection, not for a download. Not when the browser asks to save data; a failed
 * load is left for the paper page to report, which tries again.
 */
export function usePreloadLiveEditing(): void {
  useEffect(() => {
    if (loaded || loading || saveData()) return;
    if (typeof window.requestIdleCallback === "function") {
      const id = window.requestIdleCallback(preloadLiveEditing, { timeout: IDLE_PRELOAD_TIMEOUT_MS });
      return () => window.cancelIdleCallback(id);
    }
    const timer = window.setTimeout(preloadLiveEditing, IDLE_PRELOAD_TIMEOUT_MS);
    return () => window.clearTimeout(timer);
  }, []);
}

/** Starts loading the editor's chunk ahead of need; a failure is the paper page's to report (it retries). */
export function preloadLiveEditing(): void {
  loadLiveEditing().catch(() => undefined);
}

/** The longest the preload waits for an idle moment (a busy page still gets it, later). */
const IDLE_PRELOAD_TIMEOUT_MS = 2000;

function saveData(): boolean {
  return (navigator as { connection?: { saveData?: boolean } }).connection?.saveData === true;
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

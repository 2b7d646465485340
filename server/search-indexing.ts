import { refreshPaperIndex, staleIndexPaperIds } from "../app/modules/search/search-index.server";
import { IndexScheduler } from "../app/modules/search/index-scheduler";
import { log } from "./log";

/** Anything that reports committed document writes (the collaboration server's UpdateWriter). */
export interface WriteSource {
  onWritten(listener: (paperId: string, count: number) => void): void;
}

/**
 * Keeps the search index following the text: a paper's rows are rebuilt a moment after its updates are
 * written (debounced per paper), and at start every paper whose text is newer than its rows catches up.
 */
export function startSearchIndexing(writes: WriteSource) {
  const scheduler = new IndexScheduler(async (paperId) => {
    try {
      const started = performance.now();
      await refreshPaperIndex(paperId);
      log.debug({ paperId, ms: Math.round(performance.now() - started) }, "refreshed a paper's search rows");
    } catch (error) {
      log.error({ err: error, paperId }, "search index refresh failed; the next edit or start retries it");
    }
  });
  writes.onWritten((paperId) => scheduler.written(paperId));
  const catchUp = (async () => {
    try {
      const stale = await staleIndexPaperIds();
      for (const paperId of stale) await refreshPaperIndex(paperId);
      if (stale.length) log.info({ papers: stale.length }, "search index caught up");
    } catch (error) {
      log.error({ err: error }, "search index catch-up failed; npm run search:reindex rebuilds it");
    }
  })();
  return {
    async stop() {
      await catchUp;
      await scheduler.flush();
    },
  };
}

import { afterEach, describe, expect, it, vi } from "vitest";

const calls: { paperId: string; finish: () => void }[] = [];
vi.mock("../../app/modules/documents/doc-store.server", () => ({
  appendUpdates: vi.fn(),
  compactPaper: vi.fn(
    (paperId: string) =>
      new Promise<number>((resolve) => {
        calls.push({ paperId, finish: () => resolve(1) });
      }),
  ),
}));

const { Compactor } = await import("../../server/collab/persistence");

afterEach(() => {
  calls.length = 0;
});

describe("the compactor at shutdown", () => {
  it("waits for a running compaction before it reports stopped", async () => {
    const compactor = new Compactor();
    void compactor.compact("paper-1");
    await vi.waitFor(() => expect(calls).toHaveLength(1));

    let stopped = false;
    const stopping = compactor.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);

    calls[0].finish();
    await stopping;
    expect(stopped).toBe(true);
  });

  it("starts no compaction once stopping began, not even one queued behind a running one", async () => {
    const compactor = new Compactor();
    void compactor.compact("paper-1");
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const queued = compactor.compact("paper-1", new Uint8Array([0, 0]));
    const stopping = compactor.stop();
    calls[0].finish();
    await Promise.all([queued, stopping]);
    await compactor.compact("paper-2");

    expect(calls.map((call) => call.paperId)).toEqual(["paper-1"]);
  });
});

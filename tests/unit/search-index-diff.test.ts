// Which search rows a refresh rewrites (search-index.server.ts diffIndexRows): only those whose text,
// title or place changed; stray and duplicate rows go.
import { describe, expect, it } from "vitest";
import {
  bodyDigest,
  diffIndexRows,
  type IndexRow,
  type StoredIndexRow,
} from "~/modules/search/search-index.server";

const row = (sectionKey: string, language: string, body: string, sectionTitle = "Finding"): IndexRow => ({
  kind: "section",
  sectionKey,
  sectionTitle,
  language,
  body,
});
const stored = (id: number, { body, ...wanted }: IndexRow): StoredIndexRow => ({
  id: BigInt(id),
  ...wanted,
  digest: bodyDigest(body),
  length: body.length,
});

describe("the rows a search refresh rewrites", () => {
  const finding = row("finding", "en", "Remittances cost seven per cent on average.");
  const hallazgo = row("finding", "es", "Las remesas cuestan un siete por ciento.");
  const recommendation = row("recommendation", "en", "Governments should cap fees.");

  it("keeps every row when nothing changed, and names the shortest to touch", () => {
    const result = diffIndexRows(
      [stored(1, finding), stored(2, hallazgo), stored(3, recommendation)],
      [finding, hallazgo, recommendation],
    );
    expect(result).toEqual({ keep: "3", remove: [], add: [] });
  });

  it("rewrites the row whose text changed, and only it", () => {
    const edited = row("recommendation", "en", "Governments should cap fees at three per cent.");
    const result = diffIndexRows(
      [stored(1, finding), stored(2, hallazgo), stored(3, recommendation)],
      [finding, hallazgo, edited],
    );
    expect(result.remove).toEqual(["3"]);
    expect(result.add).toEqual([edited]);
  });

  it("rewrites a row whose section was renamed, even with the same text", () => {
    const renamed = { ...finding, sectionTitle: "Findings" };
    const result = diffIndexRows([stored(1, finding)], [renamed]);
    expect(result).toEqual({ keep: null, remove: ["1"], add: [renamed] });
  });

  it("drops stray and duplicate rows, and adds rows for new sections", () => {
    const result = diffIndexRows(
      [stored(1, finding), stored(2, finding), stored(3, row("gone", "en", "Old text."))],
      [finding, hallazgo],
    );
    expect(result.keep).toBe("1");
    expect(result.remove.sort()).toEqual(["2", "3"]);
    expect(result.add).toEqual([hallazgo]);
  });

  it("digests a body as PostgreSQL's md5() does, accents included", () => {
    expect(bodyDigest("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(bodyDigest("migración")).toBe("4c3ebd20c45e77094493fe09a8030390");
  });

  it("writes everything for a paper never indexed", () => {
    expect(diffIndexRows([], [finding, hallazgo])).toEqual({
      keep: null,
      remove: [],
      add: [finding, hallazgo],
    });
  });
});

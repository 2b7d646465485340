/**
 * V8 keeps each loaded script's source for as long as the process runs (lazy compilation and
 * `Function.prototype.toString` read it), and it stores a source with even one character beyond
 * Latin-1 in two bytes per character: a single "—" in a comment doubled the Remix build's 1.4 MB.
 * Every character beyond ASCII becomes its `\uXXXX` escape, which means the same character in a
 * comment, a string, a cooked template, a regular expression or an identifier; a character escaped for
 * its own sake (`\—`, which means "—") loses that backslash. (A template read raw,
 * `String.raw` or a tag that reads `.raw`, would see the escape instead; neither build has one with such
 * a character, and `tests/unit/ascii-build.test.ts` checks the escaped build still parses and runs.)
 */
export function escapeBeyondAscii(source) {
  return source.replace(/(\\*)([\u0080-\uffff])/g, (_, backslashes, c) => {
    const kept = backslashes.length % 2 === 1 ? backslashes.slice(1) : backslashes;
    return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

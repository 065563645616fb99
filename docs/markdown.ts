/**
 * Just enough Markdown reading for the documentation tests: the anchors a Git host gives the
 * headings, the links, and the backticked spans, all outside fenced code blocks.
 */

/** The text outside ``` fences, one entry per line (fenced lines become empty, so line numbers hold). */
export function proseLines(markdown: string): string[] {
  let fenced = false;
  return markdown.split("\n").map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return "";
    }
    return fenced ? "" : line;
  });
}

/** GitHub's anchor for a heading: the text as rendered, lower-cased, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/[*_]{1,2}([^*_]+)[*_]{1,2}/g, "$1");
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Every heading's anchor, with the "-1", "-2" suffixes a repeated heading gets. */
export function headingAnchors(markdown: string): string[] {
  const seen = new Map<string, number>();
  return proseLines(markdown).flatMap((line) => {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) return [];
    const base = slug(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return [count === 0 ? base : `${base}-${count}`];
  });
}

/** The targets of inline links and images: `[text](target)` and `![alt](target "title")`. */
export function linkTargets(markdown: string): string[] {
  const prose = proseLines(markdown).join("\n").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!);
}

/** The contents of single-backtick code spans outside fences. */
export function codeSpans(markdown: string): string[] {
  return [...proseLines(markdown).join("\n").matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!);
}

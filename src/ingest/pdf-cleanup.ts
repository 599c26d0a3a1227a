// Clean per-page PDF text: drop running headers/footers, stitch hyphenated words.

/** A header/footer candidate key: digits replaced so "Page 3 of 9" matches on every page. */
function lineKey(line: string): string {
  return line.trim().replace(/\d+/g, '#').replace(/\s+/g, ' ').toLowerCase();
}

/** The indexes of the first and last three non-blank lines (fewer when the page has fewer), in order, each once. */
function edgeLines(lines: string[]): number[] {
  const head: number[] = [];
  for (let i = 0; i < lines.length && head.length < 3; i++) if (lines[i]!.trim()) head.push(i);
  const tail: number[] = [];
  for (let i = lines.length - 1; i >= 0 && tail.length < 3; i--) if (lines[i]!.trim()) tail.unshift(i);
  for (const i of tail) if (!head.includes(i)) head.push(i);
  return head;
}

/**
 * Remove lines that recur (after replacing digits) on at least half the pages, looking only at the
 * first and last three lines of each page. A two-page document needs the line on both pages.
 */
export function dropRunningLines(pages: string[]): { pages: string[]; removed: number } {
  if (pages.length < 2) return { pages, removed: 0 };
  const counts = new Map<string, number>();
  // Each page's edge lines and their keys, computed once for both passes.
  const split = pages.map((p) => p.split('\n'));
  const edges = split.map((lines) => edgeLines(lines).map((i): [number, string] => [i, lineKey(lines[i]!)]));
  for (const pageEdges of edges) {
    const seen = new Set<string>();
    for (const [, k] of pageEdges) {
      if (k.length === 0 || seen.has(k)) continue;
      seen.add(k);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const threshold = pages.length === 2 ? 2 : Math.ceil(pages.length / 2);
  const running = new Set([...counts].filter(([k, n]) => n >= threshold && k.length <= 120).map(([k]) => k));
  if (running.size === 0) return { pages, removed: 0 };
  let removed = 0;
  const out = split.map((lines, p) => {
    const drop = new Set<number>();
    for (const [i, k] of edges[p]!) if (running.has(k)) drop.add(i);
    removed += drop.size;
    const kept = drop.size === 0 ? lines : lines.filter((_l, i) => !drop.has(i));
    return kept.join('\n').replace(/^\n+|\n+$/g, '');
  });
  return { pages: out, removed };
}

/** Join words broken at a line end with a hyphen ("distil-\nlation" -> "distillation"). */
export function joinHyphenated(page: string): string {
  return page.replace(/(\p{Ll})[\u2010\u00AD-]\n(\p{Ll})/gu, '$1$2');
}

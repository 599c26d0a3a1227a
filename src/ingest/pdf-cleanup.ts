// Clean per-page PDF text: drop running headers/footers, stitch hyphenated words.

/** A header/footer candidate key: digits replaced so "Page 3 of 9" matches on every page. */
function lineKey(line: string): string {
  return line.trim().replace(/\d+/g, '#').replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Remove lines that recur (after replacing digits) on at least half the pages, looking only at the
 * first and last three lines of each page. Needs at least 3 pages to judge.
 */
export function dropRunningLines(pages: string[]): { pages: string[]; removed: number } {
  if (pages.length < 3) return { pages, removed: 0 };
  const counts = new Map<string, number>();
  const edges = (lines: string[]) => {
    const idx = new Set<number>();
    const nonEmpty = lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
    for (const i of nonEmpty.slice(0, 3)) idx.add(i);
    for (const i of nonEmpty.slice(-3)) idx.add(i);
    return idx;
  };
  const split = pages.map((p) => p.split('\n'));
  for (const lines of split) {
    const seen = new Set<string>();
    for (const i of edges(lines)) {
      const k = lineKey(lines[i]!);
      if (k.length === 0 || seen.has(k)) continue;
      seen.add(k);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const threshold = Math.ceil(pages.length / 2);
  const running = new Set([...counts].filter(([k, n]) => n >= threshold && k.length <= 120).map(([k]) => k));
  if (running.size === 0) return { pages, removed: 0 };
  let removed = 0;
  const out = split.map((lines) => {
    const drop = edges(lines);
    const kept = lines.filter((l, i) => {
      if (drop.has(i) && running.has(lineKey(l))) {
        removed++;
        return false;
      }
      return true;
    });
    return kept.join('\n').replace(/^\n+|\n+$/g, '');
  });
  return { pages: out, removed };
}

/** Join words broken at a line end with a hyphen ("distil-\nlation" -> "distillation"). */
export function joinHyphenated(page: string): string {
  return page.replace(/(\p{Ll})[\u2010\u00AD-]\n(\p{Ll})/gu, '$1$2');
}

// Jaro–Winkler similarity on Unicode code points (so CJK characters count as one each).

const flagsA = new Uint8Array(256);
const flagsB = new Uint8Array(256);

export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/** Jaro similarity in [0, 1]. */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  return jaroCp(codePoints(a), codePoints(b));
}

/** Jaro similarity of two code-point arrays (no allocation for tokens up to 256 characters). */
export function jaroCp(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const la = x.length;
  const lb = y.length;
  if (la === 0 || lb === 0) return 0;
  const fa = la <= 256 ? flagsA.fill(0, 0, la) : new Uint8Array(la);
  const fb = lb <= 256 ? flagsB.fill(0, 0, lb) : new Uint8Array(lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (fb[j] || x[i] !== y[j]) continue;
      fa[i] = 1;
      fb[j] = 1;
      m++;
      break;
    }
  }
  if (m === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!fa[i]) continue;
    while (!fb[k]) k++;
    if (x[i] !== y[k]) t++;
    k++;
  }
  return (m / la + m / lb + (m - t / 2) / m) / 3;
}

/** Jaro–Winkler: Jaro plus a bonus of 0.1 per common leading character (at most 4) when Jaro > 0.7. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  return jaroWinklerCp(codePoints(a), codePoints(b));
}

export function jaroWinklerCp(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const j = jaroCp(x, y);
  if (j <= 0.7) return j;
  let l = 0;
  while (l < 4 && l < x.length && l < y.length && x[l] === y[l]) l++;
  return j + l * 0.1 * (1 - j);
}

/** Levenshtein similarity 1 - distance / longer length, on code points. */
export function levenshteinSim(a: string, b: string): number {
  if (a === b) return 1;
  const x = codePoints(a);
  const y = codePoints(b);
  const n = Math.max(x.length, y.length);
  if (n === 0) return 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return 1 - prev[y.length]! / n;
}

const cpA: number[] = [];
/** Jaro–Winkler of code points `x` against the UTF-16 units of `s` (vocabulary tokens are kept as strings only). */
export function jaroWinklerCpStr(x: ArrayLike<number>, s: string): number {
  cpA.length = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    cpA.push(c);
    if (c > 0xffff) i++;
  }
  return jaroWinklerCp(x, cpA);
}

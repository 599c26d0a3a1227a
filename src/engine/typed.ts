// Typed arrays that grow by doubling (the engine's flat tables: word pool, automaton states, masks).

type Growable = Int8Array | Uint16Array | Int32Array | Uint32Array;

/** `a` when it holds at least `n` elements, else a copy at least twice as long (and at least `n`). */
export function ensureLength<T extends Growable>(a: T, n: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (length: number) => T)(Math.max(a.length * 2, n));
  b.set(a);
  return b;
}

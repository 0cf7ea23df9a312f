/**
 * @module
 * Multi-pattern byte search (Aho-Corasick): finds which of many needles occur
 * in a haystack in one pass, so scanning megabytes of assets for tens of
 * thousands of identifying strings takes seconds.
 */

/** A compiled set of byte patterns. */
export interface Matcher {
  /** Returns, for every pattern that occurs in `haystack`, its index and the end offset of its first occurrence. */
  findAll(haystack: Uint8Array): Map<number, number>;
}

/** Compiles `patterns` (non-empty byte strings) into a matcher. */
export function createMatcher(patterns: Uint8Array[]): Matcher {
  const next: Array<Map<number, number>> = [new Map()];
  const fail: number[] = [0];
  const output: number[][] = [[]];

  patterns.forEach((pattern, index) => {
    let node = 0;
    for (const byte of pattern) {
      let child = next[node]!.get(byte);
      if (child === undefined) {
        child = next.length;
        next.push(new Map());
        fail.push(0);
        output.push([]);
        next[node]!.set(byte, child);
      }
      node = child;
    }
    output[node]!.push(index);
  });

  // Breadth-first: each node's failure link is the longest proper suffix that is also a trie path.
  const queue: number[] = [...next[0]!.values()];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const [byte, child] of next[node]!) {
      let link = fail[node]!;
      while (link !== 0 && !next[link]!.has(byte)) link = fail[link]!;
      const target = next[link]!.get(byte);
      fail[child] = target !== undefined && target !== child ? target : 0;
      output[child]!.push(...output[fail[child]!]!);
      queue.push(child);
    }
  }

  return {
    findAll(haystack) {
      const found = new Map<number, number>();
      let node = 0;
      for (let offset = 0; offset < haystack.length; offset++) {
        const byte = haystack[offset]!;
        while (node !== 0 && !next[node]!.has(byte)) node = fail[node]!;
        node = next[node]!.get(byte) ?? 0;
        for (const index of output[node]!) if (!found.has(index)) found.set(index, offset + 1);
      }
      return found;
    },
  };
}

/**
 * Parent links inside one registry file: loops are reported, and accepted rows are ordered so a
 * parent is always written before its children.
 */
import type { Row } from "./plan-row";

export interface Node<T> {
  row: Row;
  code: string | null;
  parent: string | null;
  value: T | null;
}

/** Walks each parent chain once (O(n)), so deep or long files stay cheap and recursion-free. */
export function markCycles(nodes: readonly Node<unknown>[]): void {
  const byCode = new Map<string, Node<unknown>>();
  for (const n of nodes) if (n.code !== null) byCode.set(n.code, n);
  const done = new Set<string>();
  for (const start of nodes) {
    const path: Node<unknown>[] = [];
    const onPath = new Map<string, number>();
    let cur: Node<unknown> | undefined = start;
    while (cur?.code != null && !done.has(cur.code) && !onPath.has(cur.code)) {
      onPath.set(cur.code, path.length);
      path.push(cur);
      cur = cur.parent === null ? undefined : byCode.get(cur.parent);
    }
    const loopStart = cur?.code != null ? onPath.get(cur.code) : undefined;
    if (loopStart !== undefined) {
      const cycle = path.slice(loopStart).map((n) => n.code as string);
      const shown = cycle.length > 8 ? [...cycle.slice(0, 8), "…"] : [...cycle, cycle[0] ?? ""];
      for (const n of path.slice(loopStart)) n.row.fail("parent_code", "parent_cycle", { cycle: shown.join(" → ") });
    }
    for (const n of path) done.add(n.code as string);
  }
}

/** The caller inserts in order, so every parent must come before its children. */
export function parentsFirst<T extends { code: string; parent_code: string | null }>(rows: readonly T[]): T[] {
  const byCode = new Map(rows.map((r) => [r.code, r] as const));
  const placed = new Set<string>();
  const out: T[] = [];
  for (const row of rows) {
    const chain: T[] = [];
    for (let cur: T | undefined = row; cur && !placed.has(cur.code); ) {
      placed.add(cur.code);
      chain.push(cur);
      cur = cur.parent_code === null ? undefined : byCode.get(cur.parent_code);
    }
    for (let i = chain.length - 1; i >= 0; i--) out.push(chain[i] as T);
  }
  return out;
}

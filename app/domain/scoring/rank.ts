/**
 * Ranks within peer groups (COMPLIANCE.md: like is ranked with like). Standard competition
 * ranking ("1224"): tied scores share a rank and the next rank skips, so "3rd" always means
 * "two organisations did better". One sort per peer group: O(n log n) overall.
 */
export interface Rankable {
  organisationId: number;
  peerGroup: string;
  /** null: nothing measurable, so not ranked (listed after the ranked ones) */
  score: number | null;
  name?: string | null;
}

export interface PreviousRank {
  rank: number | null;
  peerGroup: string;
}

/**
 * up/down/same against the previous period's rank; "new" when there was no previous rank or it
 * was in another peer group (ranks of different groups are not comparable); "unranked" now.
 */
export type Movement = "up" | "down" | "same" | "new" | "unranked";

export interface RankedOrganisation {
  organisationId: number;
  peerGroup: string;
  score: number | null;
  rank: number | null;
  /** 1-based display order within the peer group: rank, then name, then id — never ambiguous */
  position: number;
  /** ranked organisations in the peer group */
  ranked: number;
  previousRank: number | null;
  /** previousRank − rank: positive means moved up */
  change: number | null;
  movement: Movement;
}

/**
 * A name's sort key, built once per organisation: lower case, "ё" as "е", digit runs padded so
 * "Школа № 2" precedes "Школа № 12". Code-point order of such keys is Russian alphabetical
 * order for Cyrillic names, without a collator call per comparison (20,000 names, many ties).
 */
export function nameSortKey(name: string | null | undefined): string {
  return (name ?? "").trim().toLowerCase().replace(/ё/g, "е").replace(/\d+/g, (d) => d.padStart(12, "0"));
}

interface Keyed {
  item: Rankable;
  key: string;
}

/** Display order: higher score first, unranked last; ties by name key, then id. */
function displayOrder(a: Keyed, b: Keyed): number {
  const as = a.item.score;
  const bs = b.item.score;
  if (as !== bs) {
    if (as === null) return 1;
    if (bs === null) return -1;
    return bs - as;
  }
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.item.organisationId - b.item.organisationId;
}

function movementOf(rank: number | null, prev: PreviousRank | undefined, peerGroup: string) {
  if (rank === null) return { previousRank: prev?.peerGroup === peerGroup ? prev.rank : null, change: null, movement: "unranked" as const };
  if (!prev || prev.rank === null || prev.peerGroup !== peerGroup) return { previousRank: null, change: null, movement: "new" as const };
  const change = prev.rank - rank;
  return { previousRank: prev.rank, change, movement: change > 0 ? ("up" as const) : change < 0 ? ("down" as const) : ("same" as const) };
}

/**
 * Rank every organisation within its peer group. Output: peer groups in code-point order of
 * their ids, each in display order. `previous` maps organisation id to last period's result.
 */
export function rankWithinPeerGroups(
  items: readonly Rankable[],
  previous: ReadonlyMap<number, PreviousRank> = new Map(),
): RankedOrganisation[] {
  const groups = new Map<string, Keyed[]>();
  for (const item of items) {
    const keyed = { item, key: nameSortKey(item.name) };
    const g = groups.get(item.peerGroup);
    if (g) g.push(keyed);
    else groups.set(item.peerGroup, [keyed]);
  }
  const out: RankedOrganisation[] = [];
  const groupIds = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const peerGroup of groupIds) {
    const members = groups.get(peerGroup)!.sort(displayOrder).map((k) => k.item);
    let ranked = 0;
    for (const m of members) if (m.score !== null) ranked++;
    let rank = 0;
    members.forEach((m, i) => {
      // Competition ranking: a new score takes its 1-based position; a tie keeps the rank.
      if (m.score !== null && (i === 0 || members[i - 1]!.score !== m.score)) rank = i + 1;
      const r = m.score === null ? null : rank;
      out.push({
        organisationId: m.organisationId,
        peerGroup,
        score: m.score,
        rank: r,
        position: i + 1,
        ranked,
        ...movementOf(r, previous.get(m.organisationId), peerGroup),
      });
    });
  }
  return out;
}

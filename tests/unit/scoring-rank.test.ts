/** rankWithinPeerGroups: competition ranking ("1224") per peer group, display order, movement. */
import { describe, expect, it } from "vitest";
import { nameSortKey, rankWithinPeerGroups, type PreviousRank, type Rankable } from "../../app/domain/scoring";

const r = (organisationId: number, score: number | null, name?: string, peerGroup = "regional_executive"): Rankable => ({ organisationId, peerGroup, score, name });

describe("ranking within peer groups", () => {
  it("ties share a rank and the next rank skips (1, 2, 2, 4)", () => {
    const out = rankWithinPeerGroups([r(1, 70), r(2, 80), r(3, 90), r(4, 80)]);
    expect(out.map((x) => [x.organisationId, x.rank, x.position])).toEqual([[3, 1, 1], [2, 2, 2], [4, 2, 3], [1, 4, 4]]);
    expect(out.every((x) => x.ranked === 4)).toBe(true);
  });

  it("three-way tie at the top: 1, 1, 1, 4", () => {
    expect(rankWithinPeerGroups([r(1, 50), r(2, 50), r(3, 50), r(4, 10)]).map((x) => x.rank)).toEqual([1, 1, 1, 4]);
  });

  it("orders ties by Russian name, then by id, whatever the input order", () => {
    const items = [r(5, 80, "Министерство здравоохранения"), r(2, 80, "агентство по туризму"), r(9, 80, "Агентство по туризму"), r(1, 95, "Яковлевский район")];
    const expected = [1, 2, 9, 5];
    expect(rankWithinPeerGroups(items).map((x) => x.organisationId)).toEqual(expected);
    expect(rankWithinPeerGroups([...items].reverse()).map((x) => x.organisationId)).toEqual(expected);
  });

  it("name keys: case and ё do not matter, numbers sort as numbers", () => {
    const names = ["Школа № 12", "школа № 2", "Ёлкинская школа", "Елецкая школа", "Школа № 1"];
    expect([...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1))).toEqual(["Елецкая школа", "Ёлкинская школа", "Школа № 1", "школа № 2", "Школа № 12"]);
  });

  it("ranks each peer group on its own; groups come out in id order", () => {
    const out = rankWithinPeerGroups([r(1, 60, "", "subordinate:health"), r(2, 90, "", "municipal_administration"), r(3, 70, "", "subordinate:health"), r(4, 40, "", "municipal_administration")]);
    expect(out.map((x) => [x.peerGroup, x.organisationId, x.rank])).toEqual([
      ["municipal_administration", 2, 1],
      ["municipal_administration", 4, 2],
      ["subordinate:health", 3, 1],
      ["subordinate:health", 1, 2],
    ]);
  });

  it("an organisation without a score is not ranked and is listed last", () => {
    const out = rankWithinPeerGroups([r(1, null, "А"), r(2, 40), r(3, 90)]);
    expect(out.map((x) => [x.organisationId, x.rank, x.movement])).toEqual([[3, 1, "new"], [2, 2, "new"], [1, null, "unranked"]]);
    expect(out[0]!.ranked).toBe(2);
  });

  it("movement against the previous period's rank", () => {
    const previous = new Map<number, PreviousRank>([
      [1, { rank: 3, peerGroup: "regional_executive" }], // 3 -> 1: up 2
      [2, { rank: 1, peerGroup: "regional_executive" }], // 1 -> 2: down 1
      [3, { rank: 3, peerGroup: "regional_executive" }], // 3 -> 3: same
      [4, { rank: 1, peerGroup: "municipal_administration" }], // another group: not comparable
      [6, { rank: 2, peerGroup: "regional_executive" }], // now unranked
      [7, { rank: null, peerGroup: "regional_executive" }], // was unranked
    ]);
    const out = rankWithinPeerGroups([r(1, 95), r(2, 90), r(3, 80), r(4, 70), r(5, 60), r(6, null), r(7, 50)], previous);
    const by = new Map(out.map((x) => [x.organisationId, x]));
    expect(by.get(1)).toMatchObject({ rank: 1, previousRank: 3, change: 2, movement: "up" });
    expect(by.get(2)).toMatchObject({ rank: 2, previousRank: 1, change: -1, movement: "down" });
    expect(by.get(3)).toMatchObject({ rank: 3, previousRank: 3, change: 0, movement: "same" });
    expect(by.get(4)).toMatchObject({ rank: 4, previousRank: null, change: null, movement: "new" });
    expect(by.get(5)).toMatchObject({ rank: 5, previousRank: null, movement: "new" });
    expect(by.get(6)).toMatchObject({ rank: null, previousRank: 2, change: null, movement: "unranked" });
    expect(by.get(7)).toMatchObject({ rank: 6, previousRank: null, movement: "new" });
  });

  it("tied organisations moving together keep equal changes", () => {
    const previous = new Map<number, PreviousRank>([[1, { rank: 4, peerGroup: "g" }], [2, { rank: 4, peerGroup: "g" }]]);
    const out = rankWithinPeerGroups([r(1, 80, "", "g"), r(2, 80, "", "g"), r(3, 10, "", "g")], previous);
    expect(out.map((x) => [x.rank, x.change, x.movement])).toEqual([[1, 3, "up"], [1, 3, "up"], [3, null, "new"]]);
  });
});

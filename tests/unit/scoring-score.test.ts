/**
 * Scoring under the default methodology, every expected number worked out by hand in comments.
 * Default weights: replies 30, posting 20, engagement 10 (percentile), profile 10, live 10,
 * reach 5 (percentile), rating 15 (percentile). An organisation alone in its peer group has
 * no one to compare with, so its three percentile criteria leave the weights (70 remain).
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_METHODOLOGY,
  gradeFor,
  linearScore,
  measureOrganisation,
  measurementOptions,
  scoreMeasurements,
  scoreOrganisations,
  type Methodology,
  type OrganisationScore,
} from "../../app/domain/scoring";
import { goodRating, metrics, org, orgWithPages, page, replies, weeks } from "./scoring-fixtures";

const M = DEFAULT_METHODOLOGY;
const one = (o: Parameters<typeof scoreOrganisations>[0][number], m: Methodology = M) => scoreOrganisations([o], m, { pageDetail: true })[0]!;
const crit = (s: OrganisationScore, id: string) => s.criteria.find((c) => c.criterionId === id)!;

describe("organisation score and grade", () => {
  it("a fully compliant organisation that leads its peer group scores 100, green", () => {
    // B is weaker only on the percentile measures: A is best on all three -> (1 + 0) / (2 − 1) = 1.
    const b = orgWithPages(2, { engagement: { rate: 0.01 }, reach: { ratio: 0.1 } }, { engagement: { rate: 0.01 }, reach: { ratio: 0.1 } }, { rating: goodRating(3) });
    const [a, weak] = scoreOrganisations([org(1), b], M);
    expect(a!.score).toBe(100);
    expect(a!.grade).toBe("green");
    expect(a!.cappedBy).toEqual([]);
    expect(a!.measuredWeight).toBe(100);
    // B: 30 + 20 + 10 + 10 absolute, 0 on engagement, reach and rating -> 70, yellow.
    expect(weak!.score).toBe(70);
    expect(weak!.grade).toBe("yellow");
  });

  it("alone in its peer group: percentile criteria are not measurable (no_peers) and leave the weights", () => {
    const s = one(org(1));
    expect(s.score).toBe(100);
    expect(s.measuredWeight).toBe(70);
    for (const id of ["engagement", "reach", "rating"]) {
      expect(crit(s, id)).toMatchObject({ status: "not_measurable", reason: "no_peers", peers: 1, score: null, points: null });
    }
  });

  it("RR24 80% and a 13.5 h mean first reply each score 0.5: replies 15 of 30, total 55/70 = 78.57", () => {
    // RR24: (0.8 − 0.7) / (0.9 − 0.7) = 0.5. Mean: (86,400 − 48,600) / (86,400 − 10,800) = 0.5.
    const s = one(orgWithPages(1, replies(10, 8, 48_600), replies(10, 8, 48_600)));
    expect(crit(s, "replies").score).toBeCloseTo(0.5, 12);
    expect(crit(s, "replies").points).toBeCloseTo(15, 10);
    expect(s.score).toBe(78.57);
    expect(s.grade).toBe("green");
  });

  it("pages roll up by the mean: one page at 0.5 and one at 1 give 0.75", () => {
    const s = one(orgWithPages(1, replies(10, 8, 48_600), {}));
    expect(crit(s, "replies").score).toBeCloseTo(0.75, 12);
    expect(crit(s, "replies").pages.map((p) => p.score)).toEqual([expect.closeTo(0.5, 12), 1]);
  });

  it("a 'worst' roll-up takes the weakest page", () => {
    const s = one(orgWithPages(1, {}, { posting: { weeks: weeks([3, 3, 1, 0]) } }), { ...M, rollup: "worst" });
    expect(crit(s, "posting").score).toBe(0.5);
  });

  it("grades follow the bands, boundaries included in the upper band", () => {
    expect(gradeFor(100, M.bands)).toBe("green");
    expect(gradeFor(75, M.bands)).toBe("green");
    expect(gradeFor(74.99, M.bands)).toBe("yellow");
    expect(gradeFor(50, M.bands)).toBe("yellow");
    expect(gradeFor(49.99, M.bands)).toBe("red");
    expect(gradeFor(0, M.bands)).toBe("red");
  });

  it("runs both passes when called separately, without touching the first pass's output", () => {
    const inputs = [org(1), orgWithPages(2, { engagement: { rate: 0.01 } }, { engagement: { rate: 0.01 } })];
    const measured = inputs.map((o) => measureOrganisation(o, M));
    expect(measured[0]!.criteria[2]).toMatchObject({ criterionId: "engagement", status: "measured", score: null });
    expect(scoreMeasurements(measured, M)).toEqual(scoreOrganisations(inputs, M));
    expect(measured[0]!.criteria[2]!.score).toBeNull();
  });

  it("keeps the per-page breakdown only when asked", () => {
    expect(scoreOrganisations([org(1)], M)[0]!.criteria.every((c) => c.pages.length === 0)).toBe(true);
    expect(crit(one(org(1)), "posting").pages.map((p) => [p.pageId, p.platform, p.score])).toEqual([[11, "vk", 1], [12, "ok", 1]]);
  });

  it("measurementOptions hands computePageMetrics the methodology's own definitions", () => {
    expect(measurementOptions(M)).toEqual({ replyWindowSeconds: 86_400, dormantDays: 14, postsPerWeekTarget: 3 });
  });
});

describe("gates cap the grade at red but keep the score", () => {
  it("M1: a page without the badge", () => {
    const s = one(orgWithPages(1, {}, { badge: { status: "fail", value: false } }));
    expect(s.score).toBe(100);
    expect(s.gradeFromScore).toBe("green");
    expect(s.grade).toBe("red");
    expect(s.cappedBy).toEqual(["badge"]);
    expect(s.gates[0]).toMatchObject({ gateId: "badge", status: "fail", failingPageIds: [12] });
  });

  it("M2: no active OK page (an inactive one does not count, nor do its metrics)", () => {
    const s = one(org(1, { pages: [page(11, "vk"), page(12, "ok", { badge: { status: "fail", value: false } }, { active: false })] }));
    expect(s.score).toBe(100);
    expect(s.grade).toBe("red");
    expect(s.cappedBy).toEqual(["presence"]);
    expect(s.gates[1]).toMatchObject({ status: "fail", missingPlatforms: ["ok"] });
    expect(s.gates[0]!.status).toBe("pass");
  });

  it("a badge the platform cannot report is not a failure", () => {
    const unknown = { badge: { status: "not_measurable" as const, value: null } };
    const s = one(orgWithPages(1, unknown, unknown));
    expect(s.gates[0]!.status).toBe("not_measurable");
    expect(s.grade).toBe("green");
  });

  it("scope required_platforms ignores a Telegram page without the badge", () => {
    const o = org(1, { pages: [page(11, "vk"), page(12, "ok"), page(13, "telegram", { badge: { status: "fail", value: false } })] });
    expect(one(o).cappedBy).toEqual(["badge"]);
    const scoped: Methodology = { ...M, gates: [{ id: "badge", kind: "badge", metric: "M1", scope: "required_platforms" }] };
    expect(one(o, scoped).cappedBy).toEqual([]);
  });

  it("required platforms can differ by organisation kind", () => {
    const school = org(1, { kind: "subordinate", sphere: "education", pages: [page(11, "vk")] });
    expect(one(school).cappedBy).toEqual(["presence"]);
    const m: Methodology = { ...M, requiredPlatforms: { default: ["vk", "ok"], byKind: { subordinate: ["vk"] } } };
    expect(one(school, m).cappedBy).toEqual([]);
  });
});

describe("not measurable criteria leave the weights", () => {
  it("no eligible resident comment: replies not measurable; 35 of 40 -> 87.5", () => {
    // posting: VK 4/4 = 1, OK weeks 3,3,1,0 -> 2/4 = 0.5, mean 0.75 -> 15 of 20; profile 10; live 10.
    const s = one(orgWithPages(1, replies(0, 0, null), { ...replies(0, 0, null), posting: { weeks: weeks([3, 3, 1, 0]) } }));
    expect(crit(s, "replies")).toMatchObject({ status: "not_measurable", reason: "nothing_eligible" });
    expect(s.measuredWeight).toBe(40);
    expect(s.score).toBe(87.5);
  });

  it("eligible comments but no reply at all: measured, RR24 0 and first reply 0 (not 'not measurable')", () => {
    const s = one(orgWithPages(1, replies(4, 0, null), replies(4, 0, null)));
    expect(crit(s, "replies")).toMatchObject({ status: "measured", score: 0, points: 0 });
    const mean = crit(s, "replies").parts[1]!;
    expect(mean).toMatchObject({ measure: "first_reply_mean_seconds", status: "measured", value: null, score: 0 });
    expect(s.score).toBe(57.14); // 40 / 70
  });

  it("parts renormalise inside a criterion: no post -> profile is M3 alone", () => {
    // VK: 5 of 7 items and no owner post (M9 no_posts) -> 5/7. OK: M3 1, M9 0.475 -> 0.475/0.95 = 0.5,
    // (1 + 0.5) / 2 = 0.75. Mean (5/7 + 0.75) / 2 = 0.732142857…; total (30+20+7.3214+10) / 70 = 96.17.
    const vkProfile = { items: { ...metrics().profile.items, address: "absent" as const, site: "absent" as const }, present: 5, share: 5 / 7 };
    const s = one(orgWithPages(1,
      { profile: vkProfile, commentsOpen: { open: 0, known: 0, share: null } },
      { commentsOpen: { open: 19, known: 40, share: 0.475 } }));
    const profile = crit(s, "profile");
    expect(profile.pages[0]).toMatchObject({ status: "measured", score: 5 / 7 });
    expect(profile.pages[0]!.parts[1]).toMatchObject({ status: "not_measurable", reason: "no_posts" });
    expect(profile.pages[1]!.score).toBeCloseTo(0.75, 12);
    expect(profile.score).toBeCloseTo((5 / 7 + 0.75) / 2, 12);
    expect(profile.parts[0]!.value).toBeCloseTo(6 / 7, 12);
    expect(profile.parts[1]).toMatchObject({ status: "measured", value: 0.475, score: expect.closeTo(0.5, 12) });
    expect(s.score).toBe(96.17);
  });

  it("live streams are not required of subordinate organisations", () => {
    const s = one(org(1, { kind: "subordinate", sphere: "health" }));
    expect(s.peerGroup).toBe("subordinate:health");
    expect(crit(s, "live")).toMatchObject({ status: "not_measurable", reason: "not_required" });
    expect(s.measuredWeight).toBe(60);
    expect(s.score).toBe(100);
  });

  it("unaudited or inactive pages are skipped; with nothing left the score is null", () => {
    const s = one(org(1, { pages: [page(11, "vk", {}, { metrics: null }), page(12, "ok", {}, { metrics: null })] }));
    expect(s.gates.map((g) => g.status)).toEqual(["not_measurable", "pass"]);
    expect(crit(s, "posting")).toMatchObject({ status: "not_measurable", reason: "no_pages" });
    expect(s.score).toBeNull();
    expect(s.grade).toBeNull();
  });

  it("the platform cannot tell: replies on OK are left out, VK alone decides", () => {
    const nm = { status: "not_measurable" as const };
    const s = one(orgWithPages(1, replies(10, 8, 48_600), { replies: { ...nm, eligible: null, rr24: null }, firstReply: { ...nm, meanSeconds: null } }));
    expect(crit(s, "replies").pages[1]).toMatchObject({ status: "not_measurable", reason: "platform_cannot_tell" });
    expect(crit(s, "replies").score).toBeCloseTo(0.5, 12);
  });
});

describe("absolute targets", () => {
  it("piecewise linear between red and green, in either direction", () => {
    expect(linearScore(0.95, 0.7, 0.9)).toBe(1);
    expect(linearScore(0.9, 0.7, 0.9)).toBe(1);
    expect(linearScore(0.8, 0.7, 0.9)).toBeCloseTo(0.5, 12);
    expect(linearScore(0.7, 0.7, 0.9)).toBe(0);
    expect(linearScore(0.5, 0.7, 0.9)).toBe(0);
    expect(linearScore(10_800, 86_400, 10_800)).toBe(1);
    expect(linearScore(3_600, 86_400, 10_800)).toBe(1);
    expect(linearScore(86_400, 86_400, 10_800)).toBe(0);
    expect(linearScore(100_000, 86_400, 10_800)).toBe(0);
  });

  it("posting: full weeks with >= the methodology's posts a week; the partial week never counts", () => {
    // weeks 3,3,2,5 -> 3 of 4 at target 3; all 4 at target 2; 0,0,0,0 -> 0 despite 10 in the partial week.
    const o = orgWithPages(1, { posting: { weeks: weeks([3, 3, 2, 5]) } }, { posting: { weeks: weeks([0, 0, 0, 0]) } });
    expect(crit(one(o), "posting").pages.map((p) => p.score)).toEqual([0.75, 0]);
    const lenient: Methodology = { ...M, measurement: { ...M.measurement, postsPerWeek: 2 } };
    expect(crit(one(o, lenient), "posting").pages[0]!.score).toBe(1);
  });

  it("comments open: 95% or more is full marks", () => {
    const s = one(orgWithPages(1, { commentsOpen: { open: 19, known: 20, share: 0.95 } }, { commentsOpen: { open: 9, known: 10, share: 0.9 } }));
    expect(crit(s, "profile").pages[0]!.parts[1]!.score).toBe(1);
    expect(crit(s, "profile").pages[1]!.parts[1]!.score).toBeCloseTo(0.9 / 0.95, 12);
  });

  it("live: a stream on any one page is enough ('best'); count / target below the target", () => {
    expect(crit(one(orgWithPages(1, { streams: { count: 0 } }, { streams: { count: 1 } })), "live").score).toBe(1);
    expect(crit(one(orgWithPages(1, { streams: { count: 0 } }, { streams: { count: 0 } })), "live").score).toBe(0);
    const twice: Methodology = {
      ...M,
      criteria: M.criteria.map((c) => (c.id === "live" && c.kind === "absolute"
        ? { ...c, parts: [{ ...c.parts[0]!, scoring: { kind: "count_target" as const, targetByKind: { ministry: 2 } } }] } : c)),
    };
    expect(crit(one(orgWithPages(1, { streams: { count: 1 } }, { streams: { count: 0 } }), twice), "live").score).toBe(0.5);
  });
});

describe("percentile criteria within the peer group", () => {
  const withEngagement = (id: number, rate: number | null, kind: "ministry" | "municipality_admin" = "ministry") => {
    const e = rate === null ? { status: "not_measurable" as const, rate: null } : { rate };
    return orgWithPages(id, { engagement: e }, { engagement: e }, { kind });
  };

  it("mid-rank percentile: worst 0, best 1, ties share; other groups and unmeasured organisations stay out", () => {
    // Sorted 0.01, 0.02, 0.02, 0.03, 0.05 (n = 5): 0/4, (1 + 0.5)/4 twice, 3/4, 4/4.
    const list = [0.03, 0.02, 0.05, 0.01, 0.02].map((r, i) => withEngagement(i + 1, r));
    const scores = scoreOrganisations([...list, withEngagement(6, null), withEngagement(7, 0.001, "municipality_admin")], M);
    expect(scores.slice(0, 5).map((s) => crit(s, "engagement").score)).toEqual([0.75, 0.375, 1, 0, 0.375]);
    expect(crit(scores[0]!, "engagement").peers).toBe(5);
    expect(crit(scores[5]!, "engagement")).toMatchObject({ status: "not_measurable", reason: "platform_cannot_tell" });
    expect(scores[6]!.peerGroup).toBe("municipal_administration");
    expect(crit(scores[6]!, "engagement")).toMatchObject({ status: "not_measurable", reason: "no_peers" });
    expect(crit(scores[1]!, "engagement").points).toBeCloseTo(3.75, 12);
  });

  it("page values roll up before comparing: engagement by mean, reach by the best page", () => {
    const s = measureOrganisation(orgWithPages(1, { engagement: { rate: 0.02 }, reach: { ratio: 0.2 } }, { engagement: { rate: 0.04 }, reach: { ratio: 0.5 } }), M);
    expect(s.criteria[2]!.parts[0]!.value).toBeCloseTo(0.03, 12);
    expect(s.criteria[5]!.parts[0]!.value).toBe(0.5);
  });

  it("M11 counts only with effective n >= 50", () => {
    const list = [
      org(1, { rating: goodRating(4, 50) }),
      org(2, { rating: goodRating(5, 49) }),
      org(3, { rating: null }),
      org(4, { rating: goodRating(3.5, 300) }),
    ];
    const s = scoreOrganisations(list, M).map((x) => crit(x, "rating"));
    expect(s.map((c) => c.score)).toEqual([1, null, null, 0]);
    expect(s[1]).toMatchObject({ status: "not_measurable", reason: "sample_too_small" });
    expect(s[2]).toMatchObject({ status: "not_measurable", reason: "no_survey" });
    expect(s[0]!.peers).toBe(2);
  });

  it("a lower-is-better measure ranks the smallest value best", () => {
    const m: Methodology = { ...M, criteria: [...M.criteria, { id: "speed", kind: "peer_percentile", label: { ru: "Скорость", en: "Speed" }, weight: 10, metric: "M7", measure: "first_reply_mean_seconds" }] };
    const [fast, slow] = scoreOrganisations([orgWithPages(1, replies(10, 10, 3_600), replies(10, 10, 3_600)), orgWithPages(2, replies(10, 10, 7_200), replies(10, 10, 7_200))], m);
    expect(crit(fast!, "speed").score).toBe(1);
    expect(crit(slow!, "speed").score).toBe(0);
  });

  it("peer group rules: kind and sphere, the registry's group, or a single group", () => {
    const o = org(1, { kind: "subordinate", sphere: "education", peerGroup: "schools-north" });
    expect(measureOrganisation(o, M).peerGroup).toBe("subordinate:education");
    expect(measureOrganisation(o, { ...M, peerGroups: { rule: "registry" } }).peerGroup).toBe("schools-north");
    expect(measureOrganisation({ ...o, peerGroup: null }, { ...M, peerGroups: { rule: "registry" } }).peerGroup).toBe("subordinate:education");
    expect(measureOrganisation(o, { ...M, peerGroups: { rule: "single" } }).peerGroup).toBe("all");
    expect(measureOrganisation(org(2, { kind: "agency" }), M).peerGroup).toBe("regional_executive");
  });
});

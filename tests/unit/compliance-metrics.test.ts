/**
 * computePageMetrics / presence / isoWeekOf against COMPLIANCE.md "Precise rules". Every expected
 * value below is worked out by hand in the comments (never by calling the code under test), and
 * a seeded random check compares the reply figures with a deliberately naive O(n²)
 * implementation written here.
 *
 * Region: Amur, Asia/Yakutsk = UTC+9 all year. L("2026-03-01T00:00:00") is that wall-clock time
 * in Yakutsk, converted by hand with the fixed +09:00 offset. Period = March 2026:
 * [Mar 1 00:00, Apr 1 00:00) local. March 2026: Mar 1 is a Sunday (`date -d 2026-03-01` → Sunday,
 * ISO week 09), so the ISO weeks touching it are W09 (Feb 23–Mar 1, partial), W10 (Mar 2–8),
 * W11 (9–15), W12 (16–22), W13 (23–29) — full — and W14 (Mar 30–Apr 5, partial).
 */
import {
  computePageMetrics,
  isoWeekOf,
  presence,
  type MetricsOptions,
  type PageMetrics,
} from "../../app/domain/compliance/metrics";
import type {
  AuthorKind,
  Capabilities,
  CommentObservation,
  PageObservations,
  Period,
  PostObservation,
  ProfileObservation,
  StreamObservation,
} from "../../app/domain/compliance/observations";

const TZ = "Asia/Yakutsk";
const L = (local: string) => new Date(`${local}+09:00`);
const PERIOD: Period = { start: L("2026-03-01T00:00:00"), end: L("2026-04-01T00:00:00"), timeZone: TZ };
const NOW = L("2026-04-03T00:00:00");

const caps = (over: Partial<Capabilities> = {}): Capabilities => ({ badge: true, replies: true, engagement: true, streams: true, ...over });

function profile(over: Partial<ProfileObservation> = {}): ProfileObservation {
  return {
    observedAt: L("2026-03-31T12:00:00"),
    badge: true,
    verified: false,
    members: 5000,
    description: "Администрация",
    hasContacts: true,
    address: "ул. Ленина, 1",
    site: "https://example.org",
    hasAvatar: true,
    hasCover: true,
    wallOpen: true,
    ...over,
  };
}

function post(id: string, at: Date, over: Partial<PostObservation> = {}): PostObservation {
  return { id, publishedAt: at, byOwner: true, isRepost: false, pinned: false, commentsOpen: null, likes: null, reposts: null, comments: null, views: null, ...over };
}

function comment(id: string, at: Date, parentId: string | null, authorKind: AuthorKind, over: Partial<CommentObservation> = {}): CommentObservation {
  return { id, postId: "p1", parentId, authorKind, createdAt: at, deleted: false, ...over };
}

function page(over: Partial<PageObservations> = {}): PageObservations {
  return { platform: "vk", capabilities: caps(), profile: profile(), posts: [], comments: [], streams: [], ...over };
}

const run = (obs: PageObservations, opts: Partial<MetricsOptions> = {}, period: Period = PERIOD): PageMetrics =>
  computePageMetrics(obs, period, { now: NOW, population: null, ...opts });

describe("M4 posting (rules 1, 2, 5)", () => {
  const posts: PostObservation[] = [
    post("pin", L("2025-12-10T12:00:00"), { pinned: true }), // old pinned post: listed first, counts nowhere
    post("pre", L("2026-02-28T23:59:59")), // one second before start: out
    post("w09a", new Date("2026-02-28T18:00:00+03:00")), // Moscow offset = Mar 1 00:00 Yakutsk = start: in (W09)
    post("w09b", L("2026-03-01T10:00:00")),
    post("w09c", L("2026-03-01T23:59:59")),
    post("w10a", L("2026-03-02T09:00:00")),
    post("w10a", L("2026-03-02T09:00:00")), // the same post listed twice: once
    post("w10b", L("2026-03-05T12:00:00"), { isRepost: true }), // the page's own repost counts
    post("w10c", L("2026-03-08T23:30:00")), // Sunday, last day of W10
    post("res1", L("2026-03-03T12:00:00"), { byOwner: false }), // residents' / other bodies' posts never count
    post("res2", L("2026-03-04T12:00:00"), { byOwner: false, isRepost: true }),
    post("w11a", L("2026-03-09T00:30:00")), // = 2026-03-08T15:30Z: a Sunday in UTC, but Monday W11 locally
    post("w11b", L("2026-03-12T12:00:00")),
    post("w12a", L("2026-03-16T00:00:00")),
    post("w12b", L("2026-03-17T12:00:00")),
    post("w12c", L("2026-03-18T12:00:00")),
    post("w12d", L("2026-03-22T23:59:59")),
    post("w14a", L("2026-03-31T23:59:59")), // last second of the period: in
    post("apr", L("2026-04-01T00:00:00")), // = end: out
  ];

  it("counts owner posts per local ISO week; partial weeks shown, not counted", () => {
    const m = run(page({ posts })).posting;
    // In period, owner: W09 3 (w09a-c), W10 3 (w10a once, w10b repost, w10c), W11 2, W12 4,
    // W13 0, W14 1 → 13. Not: pin (Dec), pre, apr, res1, res2, the duplicate of w10a.
    expect(m.ownerPosts).toBe(13);
    expect(m.weeks.map((w) => [w.label, w.monday, w.sunday, w.posts, w.full])).toEqual([
      ["2026-W09", "2026-02-23", "2026-03-01", 3, false],
      ["2026-W10", "2026-03-02", "2026-03-08", 3, true],
      ["2026-W11", "2026-03-09", "2026-03-15", 2, true],
      ["2026-W12", "2026-03-16", "2026-03-22", 4, true],
      ["2026-W13", "2026-03-23", "2026-03-29", 0, true],
      ["2026-W14", "2026-03-30", "2026-04-05", 1, false],
    ]);
    // Full weeks W10–W13 = 4; >= 3 posts: W10 (3), W12 (4) → 2/4. W09's 3 posts do not count.
    expect(m.fullWeeks).toBe(4);
    expect(m.activeWeeks).toBe(2);
    expect(m.activityShare).toBe(0.5);
    // (3 + 2 + 4 + 0) / 4 = 2.25
    expect(m.postsPerWeek).toBe(2.25);
    expect(m.dormant).toBe(false);
    expect(m.lastOwnerPostAt).toEqual(L("2026-03-31T23:59:59"));
    expect(m.status).toBe("measured");
  });

  it("a pinned post dated inside the period counts by its date, once", () => {
    // pinned on Mar 3 (W10) and listed first: W10 gets exactly 1
    const m = run(page({ posts: [post("x", L("2026-03-03T08:00:00"), { pinned: true })] })).posting;
    expect(m.ownerPosts).toBe(1);
    expect(m.weeks.find((w) => w.label === "2026-W10")!.posts).toBe(1);
  });

  it("dormant: no owner post in [end − 14 days, end) = [Mar 18 00:00, Apr 1 00:00) local", () => {
    const dormant = (ps: PostObservation[]) => run(page({ posts: ps })).posting.dormant;
    expect(dormant([post("a", L("2026-03-18T00:00:00"))])).toBe(false); // exactly end − 14 d: inside
    expect(dormant([post("a", L("2026-03-17T23:59:59"))])).toBe(true); // one second earlier
    expect(dormant([post("a", L("2026-04-01T00:00:00"))])).toBe(true); // at end: outside
    expect(dormant([post("a", L("2026-03-25T00:00:00"), { byOwner: false })])).toBe(true); // a resident's post
    expect(dormant([])).toBe(true);
    // dormantDays option: 7 days → window starts Mar 25 00:00
    expect(run(page({ posts: [post("a", L("2026-03-20T00:00:00"))] }), { dormantDays: 7 }).posting.dormant).toBe(true);
  });

  it("no full week: activity share and posts per week are null", () => {
    // Tue Mar 3 – Fri Mar 6: a single partial W10
    const m = run(page({ posts: [post("a", L("2026-03-04T10:00:00"))] }), {}, { start: L("2026-03-03T00:00:00"), end: L("2026-03-06T00:00:00"), timeZone: TZ }).posting;
    expect(m.weeks.map((w) => [w.label, w.posts, w.full])).toEqual([["2026-W10", 1, false]]);
    expect(m.activityShare).toBeNull();
    expect(m.postsPerWeek).toBeNull();
  });

  it("isoWeekOf uses local dates and ISO years", () => {
    // 2026-03-08T15:30Z = Mon Mar 9 00:30 Yakutsk → W11; in UTC still Sunday W10
    expect(isoWeekOf(new Date("2026-03-08T15:30:00Z"), TZ).label).toBe("2026-W11");
    expect(isoWeekOf(new Date("2026-03-08T15:30:00Z"), "UTC").label).toBe("2026-W10");
    // `date -d 2027-01-01 +%G-W%V` → 2026-W53 (2026 starts on a Thursday: 53 weeks)
    expect(isoWeekOf(L("2027-01-01T12:00:00"), TZ)).toEqual({ isoYear: 2026, isoWeek: 53, label: "2026-W53", monday: "2026-12-28", sunday: "2027-01-03" });
    // Monday 2024-12-30 → 2025-W01
    expect(isoWeekOf(L("2024-12-30T12:00:00"), TZ).label).toBe("2025-W01");
  });
});

describe("M6 reply rate, M7 first reply time, unanswered (rules 6–8)", () => {
  // cutoff = end − 24 h = Mar 31 00:00:00 local
  const comments: CommentObservation[] = [
    comment("r1late", L("2026-03-06T10:00:00"), "c1", "page"), // later reply listed first: not the first reply
    comment("c1", L("2026-03-05T10:00:00"), null, "resident"),
    comment("r1", L("2026-03-05T12:00:00"), "c1", "page"), // 2 h = 7,200 s
    comment("c2", L("2026-03-31T00:00:00"), null, "resident"), // exactly end − 24 h: eligible
    comment("r2", L("2026-04-02T00:00:00"), "c2", "page"), // after period end: counts; 2 d = 172,800 s
    comment("c3", L("2026-03-31T00:00:01"), null, "resident"), // one second after the cut-off: not eligible
    comment("c4c", L("2026-03-01T03:00:00"), "c4b", "page"), // deep reply listed before its ancestors; 3 h = 10,800 s
    comment("c4", L("2026-03-01T00:00:00"), null, "resident"), // exactly start: eligible
    comment("c4a", L("2026-03-01T01:00:00"), "c4", "resident"),
    comment("c4b", L("2026-03-01T02:00:00"), "c4a", "resident"),
    comment("c5", L("2026-02-28T23:59:59"), null, "resident"), // before start: not eligible
    comment("r5", L("2026-03-01T01:00:00"), "c5", "page"),
    comment("c6", L("2026-03-10T10:00:00"), null, "resident"),
    comment("r6a", L("2026-03-10T09:59:00"), "c6", "page"), // before the comment: not a reply
    comment("r6b", L("2026-03-10T10:00:00"), "c6", "page"), // same instant: not strictly after
    comment("c7", L("2026-03-11T10:00:00"), null, "resident"),
    comment("r7del", L("2026-03-11T11:00:00"), "c7", "page", { deleted: true }), // deleted: ignored
    comment("r7", L("2026-03-12T16:00:00"), "c7", "page"), // 30 h = 108,000 s
    comment("c8", L("2026-03-12T10:00:00"), null, "resident"),
    comment("org8", L("2026-03-12T10:30:00"), "c8", "organisation"), // another body: not the page
    comment("top8", L("2026-03-12T11:00:00"), null, "page"), // new top-level page comment: not a reply
    comment("c9", L("2026-03-13T10:00:00"), null, "resident", { postId: "p2" }),
    comment("r9", L("2026-03-14T10:00:00"), "c9", "page", { postId: "p2" }), // exactly 86,400 s: within RR24
    comment("c10", L("2026-03-14T10:00:00"), null, "resident"),
    comment("r10", L("2026-03-15T10:00:01"), "c10", "page"), // 86,401 s: not within
    comment("c11", L("2026-03-15T10:00:00"), null, "resident", { deleted: true }), // deleted: not eligible
    comment("c12", L("2026-03-16T10:00:00"), null, "organisation"), // not a resident
    comment("orph", L("2026-03-20T10:00:00"), "gone", "page"), // parent missing: ignored
    comment("c15", L("2026-04-02T00:00:00"), null, "resident"), // after the period; in the to-do list
    comment("c16", L("2026-04-02T23:00:00"), null, "resident"),
    comment("c17", L("2026-04-03T01:00:00"), null, "resident"), // after now: not in the list
  ];

  it("eligible, replied, reply rate and RR24", () => {
    const m = run(page({ comments })).replies;
    // eligible: c1 c2 c4 c6 c7 c8 c9 c10 = 8 (not c3 c5 c11 c12 c15 c16 c17, nor any child)
    // replied: c1 (7,200) c2 (172,800) c4 (10,800) c7 (108,000) c9 (86,400) c10 (86,401) = 6
    // within 86,400: c1 c4 c9 = 3
    expect(m).toEqual({ status: "measured", eligible: 8, replied: 6, repliedWithinWindow: 3, replyRate: 6 / 8, rr24: 3 / 8 });
  });

  it("first reply time over replied eligible comments", () => {
    const m = run(page({ comments })).firstReply;
    // sorted: 7,200 10,800 86,400 86,401 108,000 172,800; sum 471,601
    // median = (86,400 + 86,401) / 2 = 86,400.5; P90 rank ceil(5.4) = 6 → 172,800
    // over 86,400 s: c2 c7 c10 = 3
    expect(m).toEqual({ status: "measured", n: 6, meanSeconds: 471_601 / 6, medianSeconds: 86_400.5, p90Seconds: 172_800, overLimit: 3 });
  });

  it("unanswered list as of now, oldest first", () => {
    const u = run(page({ comments })).unanswered;
    // now = Apr 3 00:00. Waiting: c6 (Mar 10 10:00 → 23 d 14 h = 2,037,600 s), c8 (Mar 12 10:00 →
    // 21 d 14 h = 1,864,800), c3 (3 d − 1 s = 259,199), c15 (exactly 86,400: not > 24 h), c16 (3,600).
    // c2 was answered on Apr 2 (before now); c11 deleted; c12 organisation; c17 after now.
    expect(u.status).toBe("measured");
    expect(u.items.map((i) => [i.commentId, i.postId, i.ageSeconds, i.overdue])).toEqual([
      ["c6", "p1", 2_037_600, true],
      ["c8", "p1", 1_864_800, true],
      ["c3", "p1", 259_199, true],
      ["c15", "p1", 86_400, false],
      ["c16", "p1", 3_600, false],
    ]);
    expect(u.items[0]!.createdAt).toEqual(L("2026-03-10T10:00:00"));
    expect(u.overdue).toBe(3);
  });

  it("a reply dated after now is not an answer yet", () => {
    // now = Apr 1 12:00: r2 (Apr 2) has not happened yet, c15–c17 do not exist yet.
    // c6: Mar 10 10:00 → Apr 1 12:00 = 14 h + 21 d (Mar 11–31) + 12 h = 22 d 2 h = 1,908,000 s
    // c8: Mar 12 10:00 → 14 h + 19 d (Mar 13–31) + 12 h = 20 d 2 h = 1,735,200 s
    // c2: Mar 31 00:00 → 36 h = 129,600 s; c3 one second less = 129,599 s
    const u = run(page({ comments }), { now: L("2026-04-01T12:00:00") }).unanswered;
    expect(u.items.map((i) => [i.commentId, i.ageSeconds, i.overdue])).toEqual([
      ["c6", 1_908_000, true],
      ["c8", 1_735_200, true],
      ["c2", 129_600, true],
      ["c3", 129_599, true],
    ]);
  });

  it("delays are floored to whole seconds before comparison: 86,400.9 s is within RR24", () => {
    const c = L("2026-03-02T10:00:00");
    const m = run(page({ comments: [comment("a", c, null, "resident"), comment("b", new Date(c.getTime() + 86_400_900), "a", "page")] }));
    expect(m.replies.rr24).toBe(1);
    expect(m.firstReply.meanSeconds).toBe(86_400);
  });

  describe("median and P90 by nearest rank", () => {
    // k-th eligible comment at Mar 2 00:00 + k h, answered after delays[k] seconds; listed in reverse
    const fixture = (delays: number[]) =>
      page({
        comments: delays.flatMap((d, k) => {
          const t = L("2026-03-02T00:00:00").getTime() + k * 3_600_000;
          return [comment(`c${k}`, new Date(t), null, "resident"), comment(`r${k}`, new Date(t + d * 1000), `c${k}`, "page")];
        }).reverse(),
      });
    const seq = (n: number) => Array.from({ length: n }, (_, i) => (n - i) * 100); // n·100 … 100, unsorted
    it("n = 5: median 3rd = 300, P90 rank ceil(4.5) = 5 → 500", () => {
      expect(run(fixture(seq(5))).firstReply).toMatchObject({ n: 5, meanSeconds: 300, medianSeconds: 300, p90Seconds: 500 });
    });
    it("n = 10: median (500 + 600) / 2 = 550, P90 rank 9 → 900", () => {
      expect(run(fixture(seq(10))).firstReply).toMatchObject({ n: 10, meanSeconds: 550, medianSeconds: 550, p90Seconds: 900 });
    });
    it("n = 11: median 6th = 600, P90 rank ceil(9.9) = 10 → 1,000", () => {
      expect(run(fixture(seq(11))).firstReply).toMatchObject({ n: 11, meanSeconds: 600, medianSeconds: 600, p90Seconds: 1000 });
    });
    it("n = 4 skewed [1000, 10, 40, 20]: median (20 + 40) / 2 = 30, mean 1070 / 4 = 267.5, P90 rank 4 → 1000", () => {
      expect(run(fixture([1000, 10, 40, 20])).firstReply).toMatchObject({ n: 4, meanSeconds: 267.5, medianSeconds: 30, p90Seconds: 1000 });
    });
  });

  it("broken chains: a missing parent detaches the subtree; cycles do not hang", () => {
    const t = (h: number) => L(`2026-03-02T${String(h).padStart(2, "0")}:00:00`);
    const m = run(page({
      comments: [
        comment("a", t(1), null, "resident"),
        comment("z", t(2), "ghost", "page"), // parent missing: cannot be a reply to a
        comment("b", t(3), null, "resident"),
        comment("w", t(4), "ghost2", "resident"), // detached subtree …
        comment("v", t(5), "w", "page"), // … its page reply answers no known thread
        comment("x", t(6), "y", "page"), // x ↔ y cycle
        comment("y", t(7), "x", "page"),
        comment("c", t(8), null, "resident"),
        comment("cy", t(9), "c", "resident"),
        comment("cz", t(10), "cy", "page"), // known chain → c replied after 2 h
      ],
    }));
    // eligible a b c; replied c only (7,200 s)
    expect(m.replies).toMatchObject({ eligible: 3, replied: 1, replyRate: 1 / 3, rr24: 1 / 3 });
    expect(m.firstReply).toMatchObject({ n: 1, meanSeconds: 7_200 });
    expect(m.unanswered.items.map((i) => i.commentId)).toEqual(["a", "b"]);
  });

  it("nothing eligible: measured, rates and times null", () => {
    const m = run(page({ comments: [comment("c3", L("2026-03-31T00:00:01"), null, "resident")] }));
    expect(m.replies).toEqual({ status: "measured", eligible: 0, replied: 0, repliedWithinWindow: 0, replyRate: null, rr24: null });
    expect(m.firstReply).toEqual({ status: "measured", n: 0, meanSeconds: null, medianSeconds: null, p90Seconds: null, overLimit: 0 });
  });

  it("replies not measurable on the platform: everything null, to-do list empty", () => {
    const m = run(page({ capabilities: caps({ replies: false }), comments }));
    expect(m.replies).toEqual({ status: "not_measurable", eligible: null, replied: null, repliedWithinWindow: null, replyRate: null, rr24: null });
    expect(m.firstReply.status).toBe("not_measurable");
    expect(m.firstReply.meanSeconds).toBeNull();
    expect(m.unanswered).toEqual({ status: "not_measurable", items: [], overdue: 0 });
  });
});

describe("M1 badge (rule 3)", () => {
  const badge = (over: Partial<ProfileObservation>, c: Partial<Capabilities> = {}) =>
    run(page({ profile: profile(over), capabilities: caps(c) })).badge;
  it("badge true passes, false fails, null is not measurable; the verified tick is not the badge", () => {
    expect(badge({ badge: true, verified: false })).toEqual({ status: "pass", value: true });
    expect(badge({ badge: false, verified: true })).toEqual({ status: "fail", value: false });
    expect(badge({ badge: null, verified: true })).toEqual({ status: "not_measurable", value: null });
    expect(badge({ badge: true }, { badge: false })).toEqual({ status: "not_measurable", value: null });
    expect(run(page({ profile: null })).badge.status).toBe("not_measurable");
  });
});

describe("M3 profile completeness (rule 4)", () => {
  it("unknown items leave the denominator; whitespace text is absent", () => {
    const m = run(page({ profile: profile({ description: "   ", hasContacts: true, address: null, site: undefined, hasAvatar: true, hasCover: false, wallOpen: true }) })).profile;
    // known 5: description absent, contacts present, avatar present, cover absent, wall present → 3/5
    expect(m).toEqual({
      status: "measured",
      items: { description: "absent", contacts: "present", address: "unknown", site: "unknown", avatar: "present", cover: "absent", wallOpen: "present" },
      present: 3,
      known: 5,
      share: 0.6,
    });
  });
  it("complete profile = 1; empty site string is absent (6/7)", () => {
    expect(run(page()).profile.share).toBe(1);
    expect(run(page({ profile: profile({ site: "" }) })).profile).toMatchObject({ present: 6, known: 7, share: 6 / 7 });
  });
  it("no profile, or every item unknown: not measurable", () => {
    expect(run(page({ profile: null })).profile).toMatchObject({ status: "not_measurable", known: 0, share: null });
    const allNull = profile({ description: null, hasContacts: null, address: null, site: null, hasAvatar: null, hasCover: null, wallOpen: null });
    expect(run(page({ profile: allNull })).profile).toMatchObject({ status: "not_measurable", share: null });
  });
});

describe("M5 engagement", () => {
  const base = [
    post("e1", L("2026-03-05T10:00:00"), { likes: 10, reposts: 2, comments: 3, views: 100 }),
    post("e2", L("2026-03-06T10:00:00"), { likes: 5, reposts: 0, comments: 0, views: 100 }),
    post("e3", L("2026-03-07T10:00:00"), { likes: 50, reposts: 5, comments: 5, views: null }), // views unknown: left out
    post("res", L("2026-03-07T10:00:00"), { byOwner: false, likes: 1000, reposts: 0, comments: 0, views: 10 }),
    post("old", L("2026-02-27T10:00:00"), { likes: 999, reposts: 0, comments: 0, views: 1 }),
  ];
  it("(likes + reposts + comments) / views over owner posts in period", () => {
    // (10 + 2 + 3 + 5) / (100 + 100) = 20 / 200 = 0.1
    expect(run(page({ posts: base })).engagement).toEqual({
      status: "measured", rate: 0.1, postsCounted: 2, postsWithoutViews: 1, likes: 15, reposts: 2, comments: 3, views: 200, interactionsIncomplete: false,
    });
  });
  it("an unknown interaction count sums as 0 and is flagged", () => {
    const ps = [post("e1", L("2026-03-05T10:00:00"), { likes: 10, reposts: null, comments: 2, views: 40 })];
    expect(run(page({ posts: ps })).engagement).toMatchObject({ rate: 12 / 40, interactionsIncomplete: true });
  });
  it("not measurable: capability off, views unknown, views zero", () => {
    expect(run(page({ posts: base, capabilities: caps({ engagement: false }) })).engagement).toMatchObject({ status: "not_measurable", rate: null });
    expect(run(page({ posts: [base[2]!] })).engagement).toMatchObject({ status: "not_measurable", rate: null });
    expect(run(page({ posts: [post("z", L("2026-03-05T10:00:00"), { likes: 1, reposts: 0, comments: 0, views: 0 })] })).engagement.status).toBe("not_measurable");
    expect(run(page()).engagement.status).toBe("not_measurable");
  });
});

describe("M8 streams and M9 comments open (rule 9)", () => {
  it("streams in [start, end)", () => {
    const streams: StreamObservation[] = [
      { id: "s1", startedAt: PERIOD.start }, // in
      { id: "s2", startedAt: new Date(PERIOD.end.getTime() - 1) }, // in
      { id: "s3", startedAt: PERIOD.end }, // out
      { id: "s4", startedAt: new Date(PERIOD.start.getTime() - 1) }, // out
    ];
    expect(run(page({ streams })).streams).toEqual({ status: "measured", count: 2 });
    expect(run(page({ streams, capabilities: caps({ streams: false }) })).streams).toEqual({ status: "not_measurable", count: null });
  });

  it("comments open share over owner posts in period with a known setting", () => {
    const posts = [
      post("a", L("2026-03-02T10:00:00"), { commentsOpen: true }),
      post("b", L("2026-03-03T10:00:00"), { commentsOpen: true }),
      post("c", L("2026-03-04T10:00:00"), { commentsOpen: true, isRepost: true }),
      post("d", L("2026-03-05T10:00:00"), { commentsOpen: false }),
      post("e", L("2026-03-06T10:00:00"), { commentsOpen: null }), // unknown: left out
      post("r", L("2026-03-06T10:00:00"), { commentsOpen: false, byOwner: false }), // resident's
      post("o", L("2026-02-20T10:00:00"), { commentsOpen: false }), // outside
    ];
    // 3 open / 4 known = 0.75
    expect(run(page({ posts })).commentsOpen).toEqual({ status: "measured", open: 3, known: 4, unknown: 1, share: 0.75 });
  });

  it("M9 null when there is no owner post in the period", () => {
    const posts = [post("r", L("2026-03-06T10:00:00"), { commentsOpen: true, byOwner: false })];
    expect(run(page({ posts })).commentsOpen).toEqual({ status: "measured", open: 0, known: 0, unknown: 0, share: null });
    const unknownOnly = [post("u", L("2026-03-06T10:00:00"), { commentsOpen: null })];
    expect(run(page({ posts: unknownOnly })).commentsOpen).toMatchObject({ status: "not_measurable", share: null });
  });
});

describe("M10 reach and M2 presence", () => {
  it("members / population", () => {
    expect(run(page(), { population: 20_000 }).reach).toEqual({ status: "measured", members: 5000, population: 20_000, ratio: 0.25 });
    expect(run(page(), { population: null }).reach).toMatchObject({ status: "not_measurable", ratio: null });
    expect(run(page(), { population: 0 }).reach).toMatchObject({ status: "not_measurable", ratio: null });
    expect(run(page({ profile: profile({ members: null }) }), { population: 100 }).reach).toMatchObject({ status: "not_measurable", ratio: null });
    expect(run(page({ profile: null }), { population: 100 }).reach.status).toBe("not_measurable");
  });

  it("presence needs an active page on every required platform", () => {
    expect(presence([{ platform: "vk", active: true }, { platform: "ok", active: false }], ["vk", "ok"])).toEqual({ status: "fail", missing: ["ok"] });
    expect(presence([{ platform: "ok", active: false }, { platform: "vk", active: true }, { platform: "ok", active: true }], ["vk", "ok"])).toEqual({ status: "pass", missing: [] });
    expect(presence([], ["vk", "ok"])).toEqual({ status: "fail", missing: ["vk", "ok"] });
    expect(presence([{ platform: "telegram", active: true }], [])).toEqual({ status: "pass", missing: [] });
  });
});

describe("random pages against a naive reply implementation", () => {
  function mulberry32(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** Straight from the rule text: for each eligible comment scan every comment, walking its parents. */
  function naive(cs: CommentObservation[], period: Period, now: Date) {
    const find = (id: string) => cs.find((c) => c.id === id);
    const topOf = (c: CommentObservation): CommentObservation | undefined => {
      let cur: CommentObservation | undefined = c;
      for (let steps = 0; cur && steps <= cs.length; steps++) {
        if (cur.parentId === null) return cur;
        cur = find(cur.parentId);
      }
      return undefined;
    };
    const pageRepliesTo = (c: CommentObservation) =>
      cs.filter((r) => r !== c && r.authorKind === "page" && !r.deleted && r.parentId !== null && topOf(r) === c && r.createdAt > c.createdAt);
    const topResident = cs.filter((c) => c.parentId === null && c.authorKind === "resident" && !c.deleted);
    const cutoff = period.end.getTime() - 86_400_000;
    const eligible = topResident.filter((c) => c.createdAt >= period.start && c.createdAt.getTime() <= cutoff);
    const delays: number[] = [];
    for (const c of eligible) {
      const rs = pageRepliesTo(c);
      if (rs.length) delays.push(Math.floor((Math.min(...rs.map((r) => r.createdAt.getTime())) - c.createdAt.getTime()) / 1000));
    }
    const sorted = [...delays].sort((a, b) => a - b);
    const n = sorted.length;
    const within = delays.filter((d) => d <= 86_400).length;
    const unanswered = topResident
      .filter((c) => c.createdAt <= now && !pageRepliesTo(c).some((r) => r.createdAt <= now))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((c) => c.id);
    return {
      eligible: eligible.length,
      replied: n,
      replyRate: eligible.length ? n / eligible.length : null,
      rr24: eligible.length ? within / eligible.length : null,
      mean: n ? delays.reduce((s, d) => s + d, 0) / n : null,
      median: n === 0 ? null : n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2,
      // smallest value with at least 90 % of the values at or below its rank
      p90: n ? sorted.find((_, i) => (i + 1) * 10 >= 9 * n)! : null,
      overLimit: delays.filter((d) => d > 86_400).length,
      unanswered,
    };
  }

  it("200 seeded random pages agree", () => {
    const rnd = mulberry32(20260301);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const s = PERIOD.start.getTime();
    const e = PERIOD.end.getTime();
    const special = [s, s - 1000, s + 1, e - 86_400_000, e - 86_400_000 + 1, e - 86_399_000, e - 1, e, NOW.getTime()];
    let replied = 0;
    let eligible = 0;
    let waiting = 0;
    for (let p = 0; p < 200; p++) {
      const cs: CommentObservation[] = [];
      const n = Math.floor(rnd() * 40);
      for (let i = 0; i < n; i++) {
        const r = rnd();
        const parent = i === 0 || r < 0.35 ? null : r < 0.93 ? pick(cs) : null;
        const ghost = r >= 0.93;
        let at: number;
        if (!parent) at = rnd() < 0.3 ? pick(special) : s - 3 * 86_400_000 + Math.floor(rnd() * (37 * 86_400_000));
        else at = parent.createdAt.getTime() + pick([-3_600_000, 0, 1, 86_400_000, 86_400_999, 86_401_000, Math.floor(rnd() * 3 * 86_400_000)]);
        cs.push({
          id: `k${i}`,
          postId: `p${i % 3}`,
          parentId: ghost ? `ghost${i}` : parent ? parent.id : null,
          authorKind: rnd() < 0.5 ? "resident" : rnd() < 0.85 ? "page" : "organisation",
          createdAt: new Date(at),
          deleted: rnd() < 0.12,
        });
      }
      // shuffle so children may precede parents
      for (let i = cs.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [cs[i], cs[j]] = [cs[j]!, cs[i]!];
      }
      const want = naive(cs, PERIOD, NOW);
      const got = run(page({ comments: cs }));
      replied += want.replied;
      eligible += want.eligible;
      waiting += want.unanswered.length;
      expect({
        eligible: got.replies.eligible,
        replied: got.replies.replied,
        replyRate: got.replies.replyRate,
        rr24: got.replies.rr24,
        mean: got.firstReply.meanSeconds,
        median: got.firstReply.medianSeconds,
        p90: got.firstReply.p90Seconds,
        overLimit: got.firstReply.overLimit,
        unanswered: got.unanswered.items.map((i) => i.commentId),
      }).toEqual(want);
    }
    // the generator does exercise replied, unreplied and waiting comments
    expect(replied).toBeGreaterThan(50);
    expect(eligible - replied).toBeGreaterThan(50);
    expect(waiting).toBeGreaterThan(50);
  });
});

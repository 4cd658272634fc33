/** explainOrganisation and the Russian plural helper: texts pinned word for word. */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_METHODOLOGY,
  explainOrganisation,
  pluralRu,
  scoreOrganisations,
  type Methodology,
  type OrganisationInput,
} from "../../app/domain/scoring";
import { goodRating, metrics, org, orgWithPages, replies, weeks } from "./scoring-fixtures";

const M = DEFAULT_METHODOLOGY;
function explain(orgs: OrganisationInput[], m: Methodology = M, index = 0) {
  const scores = scoreOrganisations(orgs, m);
  return explainOrganisation(scores[index]!, orgs[index]!, m);
}
const crit = (e: ReturnType<typeof explain>, id: string) => e.criteria.find((c) => c.criterionId === id)!;
const comments = (n: number) => `${n} ${pluralRu(n, "комментарий", "комментария", "комментариев")}`;

describe("pluralRu", () => {
  it("picks one / few / many by the last two digits", () => {
    expect([0, 1, 2, 4, 5, 11, 12, 14, 19, 21, 22, 25, 101, 111, 112, 1001].map(comments)).toEqual([
      "0 комментариев", "1 комментарий", "2 комментария", "4 комментария", "5 комментариев", "11 комментариев",
      "12 комментариев", "14 комментариев", "19 комментариев", "21 комментарий", "22 комментария", "25 комментариев",
      "101 комментарий", "111 комментариев", "112 комментариев", "1001 комментарий",
    ]);
  });

  it("takes the genitive singular (the 'few' form) for fractions", () => {
    expect(pluralRu(1.5, "пост", "поста", "постов")).toBe("поста");
  });
});

describe("explanations", () => {
  // VK: 14 overdue comments, RR24 80%, mean 13.5 h, one short week, no address or site, 3 of 20
  // posts closed, no streams. OK: no badge, no streams, otherwise compliant.
  const vkOver = {
    ...replies(10, 8, 48_600),
    unanswered: { overdue: 14 },
    posting: { weeks: weeks([3, 3, 2, 3]) },
    profile: { items: { ...metrics().profile.items, address: "absent" as const, site: "absent" as const }, present: 5, share: 5 / 7 },
    commentsOpen: { open: 17, known: 20, share: 0.85 },
    streams: { count: 0 },
  };
  const troubled = orgWithPages(1, vkOver, { badge: { status: "fail", value: false }, streams: { count: 0 } });

  it("replies: overdue comments, RR24 and first reply time, each with its evidence", () => {
    const replies = crit(explain([troubled]), "replies");
    expect(replies.fixes).toEqual([
      { code: "overdue_comments", evidence: { kind: "unanswered_comments", pageId: 11 },
        text: { ru: "VK: 14 комментариев жителей ждут ответа больше 24 ч", en: "VK: 14 resident comments have waited more than 24 h" } },
      { code: "low_rr24", evidence: { kind: "comments", pageId: 11 },
        text: { ru: "VK: ответ в течение 24 ч получили 80% комментариев жителей (цель — не меньше 90%; 70% и меньше — 0 баллов)",
          en: "VK: 80% of resident comments were answered within 24 h (target: at least 90%; 70% or less scores 0)" } },
      { code: "slow_first_reply", evidence: { kind: "comments", pageId: 11 },
        text: { ru: "VK: среднее время первого ответа — 13 ч 30 мин (цель — не больше 3 ч; 24 ч и больше — 0 баллов)",
          en: "VK: mean first reply time is 13 h 30 min (target: at most 3 h; 24 h or more scores 0)" } },
    ]);
  });

  it("points out of the weight, measured values and targets", () => {
    // replies: VK 0.5, OK 1 -> 0.75 × 30 = 22.5. RR24 mean of 0.8 and 1 = 90%; mean first reply
    // (48,600 + 3,600) / 2 = 26,100 s = 7 h 15 min.
    const replies = crit(explain([troubled]), "replies");
    expect(replies).toMatchObject({ status: "measured", note: null, points: 22.5, maxPoints: 30 });
    expect(replies.measured.map((m) => [m.metric, m.valueText, m.target])).toEqual([
      ["M6", { ru: "90%", en: "90%" }, { ru: "не меньше 90%; 70% и меньше — 0 баллов", en: "at least 90%; 70% or less scores 0" }],
      ["M7", { ru: "7 ч 15 мин", en: "7 h 15 min" }, { ru: "не больше 3 ч; 24 ч и больше — 0 баллов", en: "at most 3 h; 24 h or more scores 0" }],
    ]);
  });

  it("overdue counts agree in number: 1 ждёт, 2 ждут, 21 ждёт", () => {
    const texts = [1, 2, 5, 21].map((n) => crit(explain([orgWithPages(1, { unanswered: { overdue: n } }, {})]), "replies").fixes[0]!.text);
    expect(texts.map((t) => t.ru)).toEqual([
      "VK: 1 комментарий жителей ждёт ответа больше 24 ч",
      "VK: 2 комментария жителей ждут ответа больше 24 ч",
      "VK: 5 комментариев жителей ждут ответа больше 24 ч",
      "VK: 21 комментарий жителей ждёт ответа больше 24 ч",
    ]);
    expect(texts[0]!.en).toBe("VK: 1 resident comment has waited more than 24 h");
  });

  it("posting, profile and open comments", () => {
    const e = explain([troubled]);
    expect(crit(e, "posting").fixes).toEqual([{ code: "weeks_below_target", evidence: { kind: "posts", pageId: 11 },
      text: { ru: "VK: 1 неделя из 4 — меньше 3 постов в неделю", en: "VK: 1 of 4 full weeks had fewer than 3 posts" } }]);
    expect(crit(e, "profile").fixes).toEqual([
      { code: "profile_gaps", evidence: { kind: "snapshot", pageId: 11 }, text: { ru: "На странице VK не заполнено: адрес, сайт", en: "The VK page lacks: address, website" } },
      { code: "comments_closed", evidence: { kind: "posts", pageId: 11 }, text: { ru: "VK: 3 поста из 20 — с закрытыми комментариями", en: "VK: comments were closed on 3 of 20 posts" } },
    ]);
  });

  it("a silent page and a week count in the genitive plural", () => {
    const e = explain([orgWithPages(1, { posting: { weeks: weeks([0, 0, 1, 0]), dormant: true } }, {})]);
    expect(crit(e, "posting").fixes.map((f) => f.text.ru)).toEqual([
      "VK: 4 недели из 4 — меньше 3 постов в неделю",
      "VK: за последние 14 дней периода ни одного поста",
    ]);
  });

  it("no live stream this month, said once for the organisation", () => {
    expect(crit(explain([troubled]), "live").fixes).toEqual([
      { code: "no_streams", evidence: { kind: "streams", pageId: 11 }, text: { ru: "В этом месяце не было прямых эфиров", en: "No live stream this month" } },
    ]);
    const twice: Methodology = { ...M, criteria: M.criteria.map((c) => (c.id === "live" && c.kind === "absolute"
      ? { ...c, parts: [{ ...c.parts[0]!, scoring: { kind: "count_target" as const, targetByKind: { ministry: 2 } } }] } : c)) };
    const few = crit(explain([orgWithPages(1, { streams: { count: 1 } }, { streams: { count: 0 } })], twice), "live");
    expect(few.fixes.map((f) => f.text)).toEqual([{ ru: "В этом месяце 1 прямой эфир, нужно не меньше 2", en: "1 live stream this month, at least 2 needed" }]);
  });

  it("gates: the missing badge and the missing platform", () => {
    expect(explain([troubled]).gates[0]).toEqual({ gateId: "badge", status: "fail", fixes: [
      { code: "no_badge", evidence: { kind: "snapshot", pageId: 12 }, text: { ru: "На странице OK нет отметки «Госорганизация»", en: "The OK page has no «Госорганизация» badge" } },
    ] });
    const vkOnly = org(1, { pages: [org(1).pages[0]!] });
    expect(explain([vkOnly]).gates[1]!.fixes).toEqual([
      { code: "missing_platform", evidence: { kind: "registry", organisationId: 1 }, text: { ru: "Нет активной официальной страницы в OK", en: "No active official page on OK" } },
    ]);
  });

  it("no reply at all is said plainly", () => {
    const fixes = crit(explain([orgWithPages(1, replies(4, 0, null), {})]), "replies").fixes;
    expect(fixes.map((f) => [f.code, f.text.ru])).toEqual([
      ["low_rr24", "VK: ответ в течение 24 ч получили 0% комментариев жителей (цель — не меньше 90%; 70% и меньше — 0 баллов)"],
      ["no_replies", "VK: ни один комментарий жителей за период не получил ответа"],
    ]);
  });

  it("below the peer group's middle on a percentile criterion", () => {
    const low = orgWithPages(1, { engagement: { rate: 0.012 } }, { engagement: { rate: 0.012 } }, { rating: { ...goodRating(3.75), surveyId: 9 } });
    const e = explain([low, org(2)]);
    expect(crit(e, "engagement").fixes).toEqual([{ code: "below_peers", evidence: { kind: "posts", pageId: 11 },
      text: { ru: "Вовлечённость: 1,2% — в нижней половине группы сравнения (процентиль 0)", en: "Engagement: 1.2% is in the lower half of the peer group (percentile 0)" } }]);
    expect(crit(e, "rating").fixes.map((f) => [f.evidence, f.text.ru])).toEqual([
      [{ kind: "survey", surveyId: 9 }, "Оценка жителей: 3,75 ± 0,12 — в нижней половине группы сравнения (процентиль 0)"]]);
    expect(crit(e, "rating").measured[0]).toMatchObject({ percentile: 0, target: { en: "percentile in the peer group: higher is better" } });
  });

  it("says why a criterion was not measured", () => {
    const e = explain([orgWithPages(1, replies(0, 0, null), replies(0, 0, null), { rating: goodRating(4, 32.4) })]);
    expect(crit(e, "replies")).toMatchObject({ status: "not_measurable", points: null, maxPoints: 30, fixes: [],
      note: { ru: "За период не было комментариев жителей, ждущих ответа", en: "No resident comment needed an answer in the period" } });
    expect(crit(e, "rating").note).toEqual({ ru: "Слишком мало ответов: эффективный n = 32, нужно не меньше 50", en: "Too few answers: effective n = 32, at least 50 needed" });
  });

  it("a criterion not required of the organisation's kind says so", () => {
    const live = crit(explain([org(1, { kind: "subordinate", sphere: "education" })]), "live");
    expect(live).toMatchObject({ status: "not_measurable", points: null, fixes: [], note: { ru: "Для организаций этого типа не требуется", en: "Not required for this kind of organisation" } });
    expect(live.measured[0]!.target).toEqual({ ru: "не требуется", en: "not required" });
  });

  it("a fully compliant organisation has nothing to fix", () => {
    const weak = { engagement: { rate: 0.01 }, reach: { ratio: 0.1 } };
    const e = explain([org(1), orgWithPages(2, weak, weak, { rating: goodRating(3) })]);
    expect(e.score).toBe(100);
    expect(e.criteria.flatMap((c) => c.fixes)).toEqual([]);
    expect(e.gates.flatMap((g) => g.fixes)).toEqual([]);
  });
});

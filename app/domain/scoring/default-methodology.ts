/**
 * The default methodology: COMPLIANCE.md's weights and targets as one versioned record.
 * Where the document is silent the choice is marked [ours] and explained here, because an
 * analyst reading a score must be able to trace every point back to this record.
 */
import type { Methodology } from "./methodology";

const HOUR = 3_600;

export const DEFAULT_METHODOLOGY: Methodology = {
  code: "cur-default",
  version: 1,
  title: { ru: "Методика ЦУР по умолчанию", en: "Default ЦУР methodology" },
  criteria: [
    {
      // Replies (M6 + M7) 30. [ours] Half for answering within 24 h (RR24 >= 90% full, < 70%
      // nothing), half for speed (mean first reply <= 3 h full, >= the 24 h hard limit nothing).
      // The mean is what ЦУР reports nationally (3 h 17 min in Dec 2022), so it is the one scored.
      id: "replies",
      kind: "absolute",
      label: { ru: "Ответы жителям", en: "Replies to residents" },
      weight: 30,
      parts: [
        { metric: "M6", measure: "rr24", weight: 1, scoring: { kind: "linear", red: 0.7, green: 0.9 } },
        { metric: "M7", measure: "first_reply_mean_seconds", weight: 1, scoring: { kind: "linear", red: 24 * HOUR, green: 3 * HOUR } },
      ],
    },
    {
      // Posting 20: the M4 activity share (full ISO weeks with >= 3 owner posts) is the score.
      id: "posting",
      kind: "absolute",
      label: { ru: "Регулярность публикаций", en: "Posting regularity" },
      weight: 20,
      parts: [{ metric: "M4", measure: "active_week_share", weight: 1, scoring: { kind: "linear", red: 0, green: 1 } }],
    },
    {
      // Engagement 10: percentile in peer group (COMPLIANCE.md); pages averaged first.
      id: "engagement",
      kind: "peer_percentile",
      label: { ru: "Вовлечённость", en: "Engagement" },
      weight: 10,
      metric: "M5",
      measure: "engagement_rate",
    },
    {
      // Profile 10. [ours] M9 (comments open, target >= 95%) has no weight of its own in
      // COMPLIANCE.md; the St Petersburg 2024 rules list open comments with the profile's
      // contacts and address, so it shares this criterion half and half with M3 (target 100%).
      id: "profile",
      kind: "absolute",
      label: { ru: "Оформление и открытость", en: "Profile and open comments" },
      weight: 10,
      parts: [
        { metric: "M3", measure: "profile_share", weight: 1, scoring: { kind: "linear", red: 0, green: 1 } },
        { metric: "M9", measure: "comments_open_share", weight: 1, scoring: { kind: "linear", red: 0, green: 0.95 } },
      ],
    },
    {
      // Live 10: >= 1 stream a month for heads of bodies [ours]. Subordinate organisations
      // (schools, hospitals) are not required, so for them the criterion leaves the weights.
      // "best": a stream held on any one of the organisation's pages is enough.
      id: "live",
      kind: "absolute",
      label: { ru: "Прямые эфиры", en: "Live streams" },
      weight: 10,
      rollup: "best",
      parts: [
        {
          metric: "M8",
          measure: "live_streams",
          weight: 1,
          scoring: { kind: "count_target", targetByKind: { ministry: 1, department: 1, agency: 1, municipality_admin: 1, subordinate: 0 } },
        },
      ],
    },
    {
      // Reach 5: "rank only", so a percentile; the organisation's best page is its reach
      // (subscribers of VK and OK overlap, adding them would count people twice).
      id: "reach",
      kind: "peer_percentile",
      label: { ru: "Охват", en: "Reach" },
      weight: 5,
      rollup: "best",
      metric: "M10",
      measure: "reach_ratio",
    },
    {
      // Residents' rating 15: percentile in peer group, only with effective n >= 50.
      id: "rating",
      kind: "peer_percentile",
      label: { ru: "Оценка жителей", en: "Residents' rating" },
      weight: 15,
      metric: "M11",
      measure: "rating_mean",
    },
  ],
  gates: [
    { id: "badge", kind: "badge", metric: "M1", scope: "every_page" },
    { id: "presence", kind: "presence", metric: "M2" },
  ],
  requiredPlatforms: { default: ["vk", "ok"] },
  peerGroups: { rule: "kind_and_sphere" },
  bands: [
    { grade: "red", from: 0, to: 50 },
    { grade: "yellow", from: 50, to: 75 },
    { grade: "green", from: 75, to: 100 },
  ],
  // [ours] Mean over the organisation's pages: every official page is owed the same care, and
  // unlike "worst" one forgotten page does not erase the rest (the gates already punish that).
  rollup: "mean",
  measurement: { postsPerWeek: 3, dormantDays: 14, replyWindowSeconds: 86_400, ratingMinEffectiveN: 50 },
};

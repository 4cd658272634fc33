/**
 * bench:scores' data: a national-scale registry (20,000 organisations, 175,000 official pages)
 * and one month of stored page metrics, generated inside PostgreSQL from one PageMetrics
 * template whose measured values vary with hashtext() of the page id (so a rebuild is identical).
 */
import { defaultPeerGroup, type OrganisationKind } from "../../app/domain/registry/vocabulary";
import { metrics } from "../unit/scoring-fixtures";

export const ORGANISATIONS = 20_000;
export const PAGES = 175_000;
const SPHERES = ["health", "education", "culture", "sport", "social", "transport", "housing", "agriculture"];
const PLATFORMS = ["vk", "ok", "telegram", "max"] as const;

export function organisationRows(territoryIds: number[]) {
  return Array.from({ length: ORGANISATIONS }, (_, i) => {
    const kind: OrganisationKind = i < 40 ? "ministry" : i < 60 ? "agency" : i < 560 ? "municipality_admin" : "subordinate";
    const sphere = kind === "subordinate" ? SPHERES[i % SPHERES.length]! : null;
    return {
      code: `bench-org-${i + 1}`,
      name_ru: `${kind === "subordinate" ? "Учреждение" : kind === "municipality_admin" ? "Администрация" : "Ведомство"} № ${i + 1}`,
      kind,
      territory_id: territoryIds[i % territoryIds.length]!,
      peer_group: defaultPeerGroup(kind, sphere),
    };
  });
}

/** Page i belongs to organisation i mod 20,000, on platform (i div 20,000) mod 4. */
export function pagesSql(orgFirstId: number): string {
  return `insert into official_pages (organisation_id, platform, platform_id, url)
    select ${orgFirstId} + (g % ${ORGANISATIONS}), (array['vk','ok','telegram','max'])[(g / ${ORGANISATIONS}) % 4 + 1],
           'bench' || g, 'https://example.org/bench/' || g
    from generate_series(0, ${PAGES - 1}) g`;
}

/** One month's metrics for every page: the template with its measured values varied per page. */
export function metricsSql(label: string, start: Date, end: Date): { text: string; params: unknown[] } {
  const template = JSON.stringify(metrics());
  const u = (salt: string) => `((hashtext(p.id::text || '${salt}') & 1023)::float8 / 1023)`;
  const text = `
    insert into page_metrics (page_id, period_start, period_end, period_label, partial, badge, profile_share, activity_share, owner_posts, dormant,
                              engagement, eligible_comments, reply_rate, rr24, first_reply_mean_s, first_reply_median_s, first_reply_p90_s, streams,
                              comments_open_share, reach, metrics)
    select p.id, $2, $3, $4, false, case when v.badge then 'pass' else 'fail' end, v.profile, v.activity, 12, false,
           v.engagement, 20, 1, v.rr24, v.reply_s, v.reply_s, v.reply_s, v.streams, v.open, v.reach,
           jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set($1::jsonb,
             '{platform}', to_jsonb(p.platform)),
             '{badge}', jsonb_build_object('status', case when v.badge then 'pass' else 'fail' end, 'value', v.badge)),
             '{profile,share}', to_jsonb(v.profile)),
             '{posting,activityShare}', to_jsonb(v.activity)),
             '{posting,weeks,1,posts}', to_jsonb(v.w1)),
             '{posting,weeks,2,posts}', to_jsonb(v.w2)),
             '{engagement,rate}', to_jsonb(v.engagement)),
             '{replies,rr24}', to_jsonb(v.rr24)),
             '{firstReply,meanSeconds}', to_jsonb(v.reply_s)),
             '{streams,count}', to_jsonb(v.streams)),
             '{commentsOpen,share}', to_jsonb(v.open)),
             '{reach,ratio}', to_jsonb(v.reach))
    from official_pages p
    cross join lateral (select ${u("b")} > 0.06 as badge, round((0.4 + 0.6 * ${u("p")})::numeric, 3)::float8 as profile,
                               round(${u("a")}::numeric, 3)::float8 as activity, (${u("w1")} * 6)::int as w1, (${u("w2")} * 6)::int as w2,
                               round((0.1 * ${u("e")})::numeric, 4)::float8 as engagement, round((0.5 + 0.5 * ${u("r")})::numeric, 3)::float8 as rr24,
                               (600 + 90000 * ${u("s")})::int as reply_s, (${u("l")} * 3)::int as streams,
                               round((0.7 + 0.3 * ${u("o")})::numeric, 3)::float8 as open, round(${u("x")}::numeric, 4)::float8 as reach) v`;
  return { text, params: [template, start, end, label] };
}

export const BENCH_PLATFORMS = PLATFORMS;

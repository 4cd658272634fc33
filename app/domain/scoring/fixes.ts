/**
 * "What to fix" items for one page's shortfall on one measure, in Russian and English, each
 * with the evidence behind it. explain.ts decides which pages and measures to ask about.
 */
import type { PageMetrics } from "../compliance/metrics";
import type { Platform } from "../compliance/observations";
import type { OrganisationInput } from "./criteria";
import { PLATFORM_NAMES, PROFILE_ITEM_NAMES, duration, num, pluralEn, pluralRu, targetText, type Bilingual } from "./explain-texts";
import type { CriterionPart, Measure, Methodology } from "./methodology";

export type Evidence =
  | { kind: "unanswered_comments"; pageId: number }
  | { kind: "comments"; pageId: number }
  | { kind: "posts"; pageId: number }
  | { kind: "streams"; pageId: number }
  | { kind: "snapshot"; pageId: number }
  | { kind: "registry"; organisationId: number }
  | { kind: "survey"; surveyId: number };

/** Stable codes, so the UI can group or icon items without parsing their text. */
export type FixCode =
  | "overdue_comments" | "low_rr24" | "low_reply_rate" | "slow_first_reply" | "no_replies"
  | "weeks_below_target" | "dormant" | "profile_gaps" | "comments_closed" | "no_streams" | "few_streams"
  | "below_peers" | "no_badge" | "missing_platform";

export interface FixItem {
  code: FixCode;
  text: Bilingual;
  evidence: Evidence;
}

export interface FixContext {
  methodology: Methodology;
  org: OrganisationInput;
  /** set when the item speaks for one page, not the whole organisation */
  platform: Platform | null;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Page items start "VK: …"; organisation items are sentences on their own. */
function say(ctx: FixContext, ru: string, en: string): Bilingual {
  const p = ctx.platform ? `${PLATFORM_NAMES[ctx.platform]}: ` : "";
  return { ru: p ? p + ru : capitalise(ru), en: p ? p + en : capitalise(en) };
}

function replyFixes(part: CriterionPart, m: PageMetrics, pageId: number, ctx: FixContext): FixItem[] {
  const measure = part.measure;
  const hours = num("ru", ctx.methodology.measurement.replyWindowSeconds / 3600, 1);
  const hoursEn = num("en", ctx.methodology.measurement.replyWindowSeconds / 3600, 1);
  const target = targetText(measure, part.scoring, ctx.org.kind);
  const t = (l: "ru" | "en") => (l === "ru" ? ` (цель — ${target.ru})` : ` (target: ${target.en})`);
  if (measure === "rr24" || measure === "reply_rate") {
    const share = measure === "rr24" ? m.replies.rr24 : m.replies.replyRate;
    if (share === null) return [];
    const pct = (l: "ru" | "en") => `${num(l, share * 100)}%`;
    const text = measure === "rr24"
      ? say(ctx, `ответ в течение ${hours} ч получили ${pct("ru")} комментариев жителей${t("ru")}`, `${pct("en")} of resident comments were answered within ${hoursEn} h${t("en")}`)
      : say(ctx, `ответ получили ${pct("ru")} комментариев жителей${t("ru")}`, `${pct("en")} of resident comments got an answer${t("en")}`);
    return [{ code: measure === "rr24" ? "low_rr24" : "low_reply_rate", text, evidence: { kind: "comments", pageId } }];
  }
  const key = measure === "first_reply_mean_seconds" ? "meanSeconds" : measure === "first_reply_median_seconds" ? "medianSeconds" : "p90Seconds";
  const seconds = m.firstReply[key];
  if (seconds === null) {
    return [{ code: "no_replies", text: say(ctx, "ни один комментарий жителей за период не получил ответа", "no resident comment got an answer in the period"), evidence: { kind: "unanswered_comments", pageId } }];
  }
  const what = { meanSeconds: ["среднее время", "mean"], medianSeconds: ["медианное время", "median"], p90Seconds: ["90-й процентиль времени", "90th percentile"] }[key];
  const d = duration(seconds);
  return [{ code: "slow_first_reply", text: say(ctx, `${what[0]} первого ответа — ${d.ru}${t("ru")}`, `${what[1]} first reply time is ${d.en}${t("en")}`), evidence: { kind: "comments", pageId } }];
}

/** The items for one page's shortfall on one measure (the part scored below 1). */
export function pageFixes(part: CriterionPart, m: PageMetrics, pageId: number, ctx: FixContext): FixItem[] {
  const ms = ctx.methodology.measurement;
  switch (part.measure) {
    case "rr24": case "reply_rate": case "first_reply_mean_seconds": case "first_reply_median_seconds": case "first_reply_p90_seconds":
      return replyFixes(part, m, pageId, ctx);
    case "active_week_share": case "posts_per_week": {
      const target = ms.postsPerWeek;
      const full = m.posting.weeks.filter((w) => w.full);
      const short = full.filter((w) => w.posts < target).length;
      const items: FixItem[] = [];
      if (short > 0) {
        items.push({ code: "weeks_below_target", evidence: { kind: "posts", pageId }, text: say(ctx,
          `${short} ${pluralRu(short, "неделя", "недели", "недель")} из ${full.length} — меньше ${target} ${pluralRu(target, "поста", "постов", "постов")} в неделю`,
          `${short} of ${full.length} full weeks had fewer than ${target} ${pluralEn(target, "post", "posts")}`) });
      }
      if (m.posting.dormant) {
        const days = ms.dormantDays;
        items.push({ code: "dormant", evidence: { kind: "posts", pageId }, text: say(ctx,
          `за последние ${days} ${pluralRu(days, "день", "дня", "дней")} периода ни одного поста`,
          `no posts in the last ${days} ${pluralEn(days, "day", "days")} of the period`) });
      }
      return items;
    }
    case "profile_share": {
      const missing = (Object.keys(m.profile.items) as (keyof typeof m.profile.items)[]).filter((k) => m.profile.items[k] === "absent");
      if (!missing.length) return [];
      const list = (l: "ru" | "en") => missing.map((k) => PROFILE_ITEM_NAMES[k][l]).join(", ");
      // The sentence names its page even when it speaks for the organisation ("best" roll-up).
      const name = PLATFORM_NAMES[m.platform];
      return [{ code: "profile_gaps", evidence: { kind: "snapshot", pageId }, text: { ru: `На странице ${name} не заполнено: ${list("ru")}`, en: `The ${name} page lacks: ${list("en")}` } }];
    }
    case "comments_open_share": {
      const closed = m.commentsOpen.known - m.commentsOpen.open;
      if (closed <= 0) return [];
      const of = m.commentsOpen.known;
      return [{ code: "comments_closed", evidence: { kind: "posts", pageId }, text: say(ctx,
        `${closed} ${pluralRu(closed, "пост", "поста", "постов")} из ${of} — с закрытыми комментариями`,
        `comments were closed on ${closed} of ${of} ${pluralEn(of, "post", "posts")}`) }];
    }
    case "live_streams": {
      const count = m.streams.count ?? 0;
      const target = part.scoring.kind === "count_target" ? (part.scoring.targetByKind[ctx.org.kind] ?? 0) : 0;
      if (count === 0) return [{ code: "no_streams", evidence: { kind: "streams", pageId }, text: say(ctx, "в этом месяце не было прямых эфиров", "no live stream this month") }];
      if (count >= target) return [];
      return [{ code: "few_streams", evidence: { kind: "streams", pageId }, text: say(ctx,
        `в этом месяце ${count} ${pluralRu(count, "прямой эфир", "прямых эфира", "прямых эфиров")}, нужно не меньше ${target}`,
        `${count} live ${pluralEn(count, "stream", "streams")} this month, at least ${target} needed`) }];
    }
    default:
      return [];
  }
}

export const REPLY_MEASURES: readonly Measure[] = ["rr24", "reply_rate", "first_reply_mean_seconds", "first_reply_median_seconds", "first_reply_p90_seconds"];

/** Overdue comments are always worth fixing, whatever the period's score: they wait now. */
export function overdueFix(m: PageMetrics, pageId: number, ctx: FixContext): FixItem | null {
  const n = m.unanswered.overdue;
  if (!n) return null;
  const h = num("ru", ctx.methodology.measurement.replyWindowSeconds / 3600, 1);
  return { code: "overdue_comments", evidence: { kind: "unanswered_comments", pageId }, text: say(ctx,
    `${n} ${pluralRu(n, "комментарий", "комментария", "комментариев")} жителей ${pluralRu(n, "ждёт", "ждут", "ждут")} ответа больше ${h} ч`,
    `${n} resident ${pluralEn(n, "comment has", "comments have")} waited more than ${num("en", ctx.methodology.measurement.replyWindowSeconds / 3600, 1)} h`) };
}


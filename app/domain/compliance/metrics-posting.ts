/**
 * M4 posting (COMPLIANCE.md rules 2 and 5) and the ISO-week calendar it needs. Pure.
 *
 * Local dates come from Intl, which is slow to construct, so the formatter is cached per zone
 * and the weeks of a period (the same for every page of an audit run) are computed once and
 * memoised; per page the work is then plain instant comparisons.
 */
import type { PostObservation, Period } from "./observations";
import { zonedLocalToDate } from "../time";

const DAY_MS = 86_400_000;

export type MeasureStatus = "measured" | "not_measurable";

export interface IsoWeek {
  isoYear: number;
  isoWeek: number;
  /** "2026-W10" */
  label: string;
  /** local date of the week's Monday, "YYYY-MM-DD" */
  monday: string;
  /** local date of the week's Sunday, "YYYY-MM-DD" */
  sunday: string;
}

export interface PostingWeek extends IsoWeek {
  /** owner posts in this week AND inside the period */
  posts: number;
  /** the week lies wholly inside the period; only full weeks enter the activity share */
  full: boolean;
}

export interface PostingMetrics {
  /** always "measured": posts are readable on every platform */
  status: MeasureStatus;
  /** owner posts (reposts included) dated inside the period */
  ownerPosts: number;
  /** every ISO week touching the period, in order; partial ones are shown but not counted */
  weeks: PostingWeek[];
  fullWeeks: number;
  /** full weeks with at least `target` owner posts */
  activeWeeks: number;
  target: number;
  /** activeWeeks / fullWeeks; null when the period holds no full week */
  activityShare: number | null;
  /** mean owner posts per full week; null when the period holds no full week */
  postsPerWeek: number | null;
  /** no owner post in [end − dormantDays, end) */
  dormant: boolean;
  /** the latest owner post before the period's end (any date), null if none */
  lastOwnerPostAt: Date | null;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The instant's calendar date in `timeZone` as [year, month 1–12, day]. */
export function localYmd(instant: Date, timeZone: string): [number, number, number] {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormatters.set(timeZone, f);
  }
  let y = 0;
  let m = 0;
  let d = 0;
  for (const p of f.formatToParts(instant)) {
    if (p.type === "year") y = Number(p.value);
    else if (p.type === "month") m = Number(p.value);
    else if (p.type === "day") d = Number(p.value);
  }
  return [y, m, d];
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
/** days since 1970-01-01 -> "YYYY-MM-DD" (proleptic Gregorian, UTC arithmetic) */
const ymdOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** ISO week of the calendar day `day` (days since the epoch). */
function isoWeekOfDay(day: number): IsoWeek {
  const dow = (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = day - dow;
  const thursday = monday + 3; // the ISO year is the year of the week's Thursday
  const isoYear = new Date(thursday * DAY_MS).getUTCFullYear();
  const isoWeek = Math.floor((thursday - Date.UTC(isoYear, 0, 1) / DAY_MS) / 7) + 1;
  return { isoYear, isoWeek, label: `${isoYear}-W${pad(isoWeek)}`, monday: ymdOfDay(monday), sunday: ymdOfDay(monday + 6) };
}

/** The ISO week (Monday–Sunday) holding the instant's local date in `timeZone`. */
export function isoWeekOf(instant: Date, timeZone: string): IsoWeek {
  const [y, m, d] = localYmd(instant, timeZone);
  return isoWeekOfDay(Date.UTC(y, m - 1, d) / DAY_MS);
}

interface WeekSlot extends IsoWeek {
  /** instant of the Monday's local midnight, and of the next Monday's */
  startMs: number;
  endMs: number;
  full: boolean;
}

const calendarCache = new Map<string, readonly WeekSlot[]>();

/** The ISO weeks touching [start, end), each with its instants; memoised per period. */
function periodWeeks(period: Period): readonly WeekSlot[] {
  const startMs = period.start.getTime();
  const endMs = period.end.getTime();
  const key = `${startMs}|${endMs}|${period.timeZone}`;
  const hit = calendarCache.get(key);
  if (hit) return hit;
  const slots: WeekSlot[] = [];
  if (endMs > startMs) {
    const first = isoWeekOf(period.start, period.timeZone);
    const last = isoWeekOf(new Date(endMs - 1), period.timeZone);
    const midnight = (ymd: string) => zonedLocalToDate(`${ymd}T00:00`, period.timeZone)!.getTime();
    const lastMonday = Date.parse(last.monday) / DAY_MS;
    for (let monday = Date.parse(first.monday) / DAY_MS; monday <= lastMonday; monday += 7) {
      const week = isoWeekOfDay(monday);
      const s = midnight(week.monday);
      const e = midnight(ymdOfDay(monday + 7));
      slots.push({ ...week, startMs: s, endMs: e, full: s >= startMs && e <= endMs });
    }
  }
  if (calendarCache.size >= 64) calendarCache.clear();
  calendarCache.set(key, slots);
  return slots;
}

/** Index of the slot holding instant t (slots are contiguous and sorted), -1 if none. */
function slotIndex(slots: readonly WeekSlot[], t: number): number {
  let lo = 0;
  let hi = slots.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = slots[mid]!;
    if (t < s.startMs) hi = mid - 1;
    else if (t >= s.endMs) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Rule 2: only `byOwner` posts count (reposts by the page included); a pinned post counts by its
 * own `publishedAt` like any other (the flag is ignored). `posts` must be de-duplicated by id.
 */
export function computePosting(
  posts: readonly PostObservation[],
  period: Period,
  opts: { dormantDays: number; target: number },
): PostingMetrics {
  const startMs = period.start.getTime();
  const endMs = period.end.getTime();
  const slots = periodWeeks(period);
  const counts = new Array<number>(slots.length).fill(0);
  const dormantFrom = endMs - opts.dormantDays * DAY_MS;
  let ownerPosts = 0;
  let last = -Infinity;
  let recent = false;
  for (const p of posts) {
    if (!p.byOwner) continue;
    const t = p.publishedAt.getTime();
    if (t >= endMs) continue;
    if (t > last) last = t;
    if (t >= dormantFrom) recent = true;
    if (t < startMs) continue;
    ownerPosts++;
    const i = slotIndex(slots, t);
    if (i >= 0) counts[i]!++;
  }
  const weeks: PostingWeek[] = slots.map((s, i) => ({
    isoYear: s.isoYear,
    isoWeek: s.isoWeek,
    label: s.label,
    monday: s.monday,
    sunday: s.sunday,
    posts: counts[i]!,
    full: s.full,
  }));
  let fullWeeks = 0;
  let activeWeeks = 0;
  let fullPosts = 0;
  for (const w of weeks) {
    if (!w.full) continue;
    fullWeeks++;
    fullPosts += w.posts;
    if (w.posts >= opts.target) activeWeeks++;
  }
  return {
    status: "measured",
    ownerPosts,
    weeks,
    fullWeeks,
    activeWeeks,
    target: opts.target,
    activityShare: fullWeeks ? activeWeeks / fullWeeks : null,
    postsPerWeek: fullWeeks ? fullPosts / fullWeeks : null,
    dormant: !recent,
    lastOwnerPostAt: last === -Infinity ? null : new Date(last),
  };
}

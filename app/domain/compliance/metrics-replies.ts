/**
 * M6 reply rate, M7 first reply time and the administrators' "unanswered" list
 * (COMPLIANCE.md rules 6–8). Pure; O(n) in the page's comments apart from sorting the
 * replied delays (one small sort per page).
 */
import type { CommentObservation, Period } from "./observations";
import type { MeasureStatus } from "./metrics-posting";

export interface ReplyMetrics {
  status: MeasureStatus;
  /** top-level, resident, not deleted, start <= created <= end − window; null when not measurable */
  eligible: number | null;
  /** eligible comments with a page reply in their thread (any time after them) */
  replied: number | null;
  /** eligible comments whose first reply came within the window (<= 86,400 s by default) */
  repliedWithinWindow: number | null;
  /** replied / eligible; null when nothing is eligible */
  replyRate: number | null;
  /** repliedWithinWindow / eligible; null when nothing is eligible */
  rr24: number | null;
}

export interface FirstReplyMetrics {
  status: MeasureStatus;
  /** replied eligible comments the figures are taken over; null when not measurable */
  n: number | null;
  /** whole-second delays aggregated; all three null when n is 0 */
  meanSeconds: number | null;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** replied eligible comments whose first reply took longer than the window (hard limit 24 h) */
  overLimit: number | null;
}

export interface UnansweredComment {
  commentId: string;
  postId: string;
  createdAt: Date;
  /** whole seconds from createdAt to options.now */
  ageSeconds: number;
  /** ageSeconds > window (24 h) */
  overdue: boolean;
}

export interface UnansweredList {
  status: MeasureStatus;
  /** oldest first (ties by comment id) */
  items: UnansweredComment[];
  overdue: number;
}

export interface ReplyResult {
  replies: ReplyMetrics;
  firstReply: FirstReplyMetrics;
  unanswered: UnansweredList;
}

const UNSET = -2;
const DETACHED = -1;
const VISITING = -3;

/**
 * root[i] = index of the top-level comment whose thread holds comment i, or DETACHED.
 *
 * Each comment only names its parent. Walking up the parentId chain reaches either a top-level
 * comment (the thread) or a parent id missing from the data (deleted, hidden, or beyond the
 * fetched page). Past a missing link nothing more is known — there is no "nearest known ancestor"
 * left that is a top-level comment — so the whole detached subtree is ignored for replies: we
 * cannot tell which resident comment it answers, and crediting it to a guessed thread could
 * mark a resident as answered when they were not; ignoring it can only under-count replies,
 * the same direction as the public token's known blindness to deleted comments. A parentId
 * cycle (corrupt data) is detached too. Each comment is resolved once (memoised): O(n).
 */
function threadRoots(comments: readonly CommentObservation[]): Int32Array {
  const n = comments.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = comments[i]!.id;
    if (!index.has(id)) index.set(id, i);
  }
  const root = new Int32Array(n).fill(UNSET);
  const path: number[] = [];
  for (let i = 0; i < n; i++) {
    if (root[i] !== UNSET) continue;
    path.length = 0;
    let j = i;
    let r: number;
    for (;;) {
      const known = root[j]!;
      if (known === VISITING) { r = DETACHED; break; } // cycle
      if (known !== UNSET) { r = known; break; }
      root[j] = VISITING;
      path.push(j);
      const parentId = comments[j]!.parentId;
      if (parentId === null) { r = j; break; }
      const k = index.get(parentId);
      if (k === undefined) { r = DETACHED; break; }
      j = k;
    }
    for (const k of path) root[k] = r;
  }
  return root;
}

/**
 * `windowSeconds` (86,400 by default) is used for all three places the rules say "24 h": the
 * eligibility cut-off (created <= end − 24 h), RR24 and the M7 hard limit / overdue flag.
 * Delays are floored to whole seconds per comment BEFORE any comparison or aggregation, so a
 * reply 86,400.9 s after the comment counts as 86,400 s, i.e. within RR24 (platform timestamps are
 * whole seconds anyway). Mean and median may be fractional (mean of whole seconds).
 */
export function computeReplies(
  comments: readonly CommentObservation[],
  period: Period,
  opts: { now: Date; measurable: boolean; windowSeconds: number },
): ReplyResult {
  if (!opts.measurable) {
    return {
      replies: { status: "not_measurable", eligible: null, replied: null, repliedWithinWindow: null, replyRate: null, rr24: null },
      firstReply: { status: "not_measurable", n: null, meanSeconds: null, medianSeconds: null, p90Seconds: null, overLimit: null },
      unanswered: { status: "not_measurable", items: [], overdue: 0 },
    };
  }
  const n = comments.length;
  const root = threadRoots(comments);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = comments[i]!.createdAt.getTime();

  // First page reply per thread root: the earliest non-deleted page comment in the thread
  // (not the root itself: a new top-level page comment is nobody's reply) dated strictly
  // after the root. Replies after the period's end count.
  const firstReply = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const c = comments[i]!;
    if (c.authorKind !== "page" || c.deleted || c.parentId === null) continue;
    const r = root[i]!;
    if (r < 0 || r === i) continue;
    const t = times[i]!;
    if (t > times[r]! && t < firstReply[r]!) firstReply[r] = t;
  }

  const startMs = period.start.getTime();
  const cutoffMs = period.end.getTime() - opts.windowSeconds * 1000;
  const nowMs = opts.now.getTime();
  let eligible = 0;
  let within = 0;
  let overLimit = 0;
  const delays: number[] = [];
  const items: UnansweredComment[] = [];
  let overdue = 0;
  for (let i = 0; i < n; i++) {
    const c = comments[i]!;
    if (c.parentId !== null || c.authorKind !== "resident" || c.deleted || root[i] !== i) continue;
    const t = times[i]!;
    const f = firstReply[i]!;
    if (t >= startMs && t <= cutoffMs) {
      eligible++;
      if (f !== Infinity) {
        const delay = Math.floor((f - t) / 1000);
        delays.push(delay);
        if (delay <= opts.windowSeconds) within++;
        else overLimit++;
      }
    }
    // The to-do list is "still waiting at `now`", whatever the period.
    if (t <= nowMs && !(f <= nowMs)) {
      const ageSeconds = Math.floor((nowMs - t) / 1000);
      const late = ageSeconds > opts.windowSeconds;
      if (late) overdue++;
      items.push({ commentId: c.id, postId: c.postId, createdAt: c.createdAt, ageSeconds, overdue: late });
    }
  }
  items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.commentId < b.commentId ? -1 : a.commentId > b.commentId ? 1 : 0));

  const replied = delays.length;
  delays.sort((a, b) => a - b);
  let sum = 0;
  for (const d of delays) sum += d;
  const mid = replied >> 1;
  return {
    replies: {
      status: "measured",
      eligible,
      replied,
      repliedWithinWindow: within,
      replyRate: eligible ? replied / eligible : null,
      rr24: eligible ? within / eligible : null,
    },
    firstReply: {
      status: "measured",
      n: replied,
      meanSeconds: replied ? sum / replied : null,
      medianSeconds: replied === 0 ? null : replied % 2 ? delays[mid]! : (delays[mid - 1]! + delays[mid]!) / 2,
      // nearest rank: the value at rank ceil(0.9·n), computed in integers to avoid 0.9·n rounding
      p90Seconds: replied ? delays[Math.ceil((9 * replied) / 10) - 1]! : null,
      overLimit,
    },
    unanswered: { status: "measured", items, overdue },
  };
}

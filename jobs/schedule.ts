/**
 * Periodic jobs. Every process that processes jobs ticks once a minute and enqueues the period's
 * job under a deterministic id, so however many processes tick, each job runs once per period.
 */
import { dateToZonedLocal } from "../app/domain/time";
import type { Env } from "../app/utils/env.server";
import type { JobRunner } from "./types";

export function startSchedules(
  jobs: JobRunner,
  env: Pick<Env, "REGION_TIMEZONE" | "AUDIT_SWEEP" | "AUDIT_SWEEP_HOUR"> & Partial<Pick<Env, "REPORT_WEEKLY" | "REPORT_WEEKLY_HOUR">>,
  everyMs = 60_000,
): () => void {
  const tick = () => {
    const now = new Date();
    const minute = now.toISOString().slice(0, 16);
    jobs.enqueue("surveys.close-due", { minute }, { jobId: `surveys-close-due-${minute.replace(/[^0-9]/g, "")}` }).catch(() => undefined);
    // every five minutes: data-quality flags and weights where answers arrived since the last pass
    const slot = `${minute.slice(0, 15)}${Number(minute.slice(15, 16)) < 5 ? "0" : "5"}`;
    jobs.enqueue("results.refresh", { slot }, { jobId: `results-refresh-${slot.replace(/[^0-9]/g, "")}` }).catch(() => undefined);
    const hour = minute.slice(0, 13);
    jobs.enqueue("auth.prune", { hour }, { jobId: `auth-prune-${hour.replace(/[^0-9]/g, "")}` }).catch(() => undefined);
    // daily: response metadata past its retention period is anonymised (README "Operations")
    const day = minute.slice(0, 10);
    jobs.enqueue("responses.retention", { date: day }, { jobId: `responses-retention-${day.replace(/[^0-9]/g, "")}` }).catch(() => undefined);
    // The daily sweep of every page, at the configured local hour in the region's zone. Any tick
    // at or after that hour enqueues the day's sweep; its run is keyed by the date, so it is one.
    const local = dateToZonedLocal(now, env.REGION_TIMEZONE);
    if (env.AUDIT_SWEEP && Number(local.slice(11, 13)) >= env.AUDIT_SWEEP_HOUR) {
      const date = local.slice(0, 10);
      jobs.enqueue("audit.sweep", { date }, { jobId: `audit-sweep-${date.replace(/-/g, "")}` }).catch(() => undefined);
    }
    // The weekly briefing: Mondays from the configured local hour, once per ISO week.
    if (env.REPORT_WEEKLY && isoWeekday(local) === 1 && Number(local.slice(11, 13)) >= (env.REPORT_WEEKLY_HOUR ?? 9)) {
      const week = isoWeekLabel(local.slice(0, 10));
      jobs.enqueue("reports.weekly", { week }, { jobId: `reports-weekly-${week.replace(/[^0-9W]/g, "")}` }).catch(() => undefined);
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** 1 = Monday … 7 = Sunday, of a local "YYYY-MM-DD…" date. */
function isoWeekday(local: string): number {
  const d = new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** "2026-W47" of a local date (ISO 8601: the week with the year's first Thursday is week 1). */
export function isoWeekLabel(ymd: string): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (4 - isoWeekday(ymd)) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

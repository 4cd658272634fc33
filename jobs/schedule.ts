/**
 * Periodic jobs. Every process that processes jobs ticks once a minute and enqueues the period's
 * job under a deterministic id, so however many processes tick, each job runs once per period.
 */
import { dateToZonedLocal } from "../app/domain/time";
import type { Env } from "../app/utils/env.server";
import type { JobRunner } from "./types";

export function startSchedules(jobs: JobRunner, env: Pick<Env, "REGION_TIMEZONE" | "AUDIT_SWEEP" | "AUDIT_SWEEP_HOUR">, everyMs = 60_000): () => void {
  const tick = () => {
    const now = new Date();
    const minute = now.toISOString().slice(0, 16);
    jobs.enqueue("surveys.close-due", { minute }, { jobId: `surveys-close-due-${minute.replace(/[^0-9]/g, "")}` }).catch(() => undefined);
    // every five minutes: data-quality flags and weights where answers arrived since the last pass
    const slot = `${minute.slice(0, 15)}${Number(minute.slice(15, 16)) < 5 ? "0" : "5"}`;
    jobs.enqueue("results.refresh", { slot }, { jobId: `results-refresh-${slot.replace(/[^0-9]/g, "")}` }).catch(() => undefined);
    const hour = minute.slice(0, 13);
    jobs.enqueue("auth.prune", { hour }, { jobId: `auth-prune-${hour.replace(/[^0-9]/g, "")}` }).catch(() => undefined);
    // The daily sweep of every page, at the configured local hour in the region's zone. Any tick
    // at or after that hour enqueues the day's sweep; its run is keyed by the date, so it is one.
    const local = dateToZonedLocal(now, env.REGION_TIMEZONE);
    if (env.AUDIT_SWEEP && Number(local.slice(11, 13)) >= env.AUDIT_SWEEP_HOUR) {
      const date = local.slice(0, 10);
      jobs.enqueue("audit.sweep", { date }, { jobId: `audit-sweep-${date.replace(/-/g, "")}` }).catch(() => undefined);
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Periodic jobs. Every process that processes jobs ticks once a minute and enqueues the minute's
 * job under a deterministic id, so however many processes tick, the job runs once a minute.
 */
import type { JobRunner } from "./types";

export function startSchedules(jobs: JobRunner, everyMs = 60_000): () => void {
  const tick = () => {
    const minute = new Date().toISOString().slice(0, 16);
    jobs.enqueue("surveys.close-due", { minute }, { jobId: `surveys-close-due-${minute.replace(/[^0-9]/g, "")}` }).catch(() => undefined);
    const hour = minute.slice(0, 13);
    jobs.enqueue("auth.prune", { hour }, { jobId: `auth-prune-${hour.replace(/[^0-9]/g, "")}` }).catch(() => undefined);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

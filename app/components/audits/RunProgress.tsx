import { useT } from "../../utils/i18n";

/** Done and failed pages of a run on one bar, with the counts in words for screen readers. */
export function RunProgress({ done, failed, total }: { done: number; failed: number; total: number }) {
  const t = useT();
  const pct = (n: number) => (total === 0 ? 0 : (100 * n) / total);
  const label = t("audits.progress", { done, failed, left: Math.max(0, total - done - failed), total });
  return (
    <div>
      <div className="progress split" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done + failed} aria-label={label}>
        <span style={{ width: `${pct(done)}%` }} />
        <span className="failed" style={{ width: `${pct(failed)}%` }} />
      </div>
      <small>{label}</small>
    </div>
  );
}

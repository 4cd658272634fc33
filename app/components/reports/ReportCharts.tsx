/** The ranked report's charts: grades as bars, the mean score (or one organisation's) over periods. */
import { useChart } from "../results/use-chart";

const COLOURS = { green: "#2e7d32", yellow: "#f9a825", red: "#c62828", none: "#9e9e9e" };

export function GradeChart({ counts, labels }: { counts: { green: number; yellow: number; red: number; none: number }; labels: Record<keyof typeof COLOURS, string> }) {
  const keys = ["green", "yellow", "red", "none"] as const;
  const canvas = useChart(JSON.stringify(counts), () => ({
    type: "bar",
    data: { labels: keys.map((k) => labels[k]), datasets: [{ data: keys.map((k) => counts[k]), backgroundColor: keys.map((k) => COLOURS[k]) }] },
    options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  }));
  return (
    <div className="result-chart" style={{ height: "200px" }}>
      <canvas ref={canvas} role="img" aria-label={keys.map((k) => `${labels[k]}: ${counts[k]}`).join("; ")} />
    </div>
  );
}

export function ScoreHistoryChart({ periods, scores, label }: { periods: string[]; scores: Array<number | null>; label: string }) {
  const canvas = useChart(JSON.stringify([periods, scores]), () => ({
    type: "line",
    data: { labels: periods, datasets: [{ label, data: scores, borderColor: "#2f6db5", tension: 0.2, spanGaps: true }] },
    options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { min: 0, max: 100 } } },
  }));
  return (
    <div className="result-chart" style={{ height: "200px" }}>
      <canvas ref={canvas} role="img" aria-label={periods.map((p, i) => `${p}: ${scores[i] === null ? "—" : scores[i]!.toFixed(1)}`).join("; ")} />
    </div>
  );
}

/** Points per criterion out of its weight, as horizontal bars. */
export function CriteriaChart({ labels, points, max }: { labels: string[]; points: Array<number | null>; max: number[] }) {
  const canvas = useChart(JSON.stringify([labels, points, max]), () => ({
    type: "bar",
    data: {
      labels,
      datasets: [
        { label: "points", data: points.map((p) => p ?? 0), backgroundColor: "#2f6db5" },
        { label: "max", data: max.map((m, i) => m - (points[i] ?? 0)), backgroundColor: "#e0e6ee" },
      ],
    },
    options: { indexAxis: "y", animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } } },
  }));
  return (
    <div className="result-chart" style={{ height: `${Math.max(160, labels.length * 34)}px` }}>
      <canvas ref={canvas} role="img" aria-label={labels.map((l, i) => `${l}: ${points[i] ?? "—"} / ${max[i]}`).join("; ")} />
    </div>
  );
}

/** A matrix question as stacked horizontal bars: one bar per row, one segment per column (shares). */
import { useChart } from "./use-chart";

const COLOURS = ["#2f6db5", "#5b8fd0", "#8fb3e2", "#c3d6f0", "#e6a23c", "#d9534f", "#7a7a7a"];

export function MatrixChart({ rows, columns, shares }: { rows: string[]; columns: string[]; shares: number[][] }) {
  const canvas = useChart(JSON.stringify([rows, columns, shares]), () => ({
    type: "bar",
    data: {
      labels: rows,
      datasets: columns.map((label, j) => ({ label, data: shares.map((r) => Math.round((r[j] ?? 0) * 1000) / 10), backgroundColor: COLOURS[j % COLOURS.length] })),
    },
    options: { indexAxis: "y", animation: false, responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true, min: 0, max: 100 }, y: { stacked: true } } },
  }));
  return (
    <div className="result-chart" style={{ height: `${Math.max(100, 34 * rows.length + 60)}px` }}>
      <canvas ref={canvas} role="img" aria-label={rows.map((r, i) => `${r}: ${columns.map((c, j) => `${c} ${((shares[i]![j] ?? 0) * 100).toFixed(1)}%`).join(", ")}`).join("; ")} />
    </div>
  );
}

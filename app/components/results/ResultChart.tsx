/**
 * A horizontal bar chart of shares with their 95% margins. The table beside it carries the same
 * figures, so the page reads without scripts and for screen readers; the canvas is marked as a
 * picture of that table.
 */
import { useChart } from "./use-chart";

export function ResultChart({ id, labels, values, moe }: { id: string; labels: string[]; values: number[]; moe: number[] }) {
  const canvas = useChart(JSON.stringify([labels, values, moe]), () => ({
    type: "bar",
    data: {
      labels,
      datasets: [{ label: "%", data: values.map((v) => (Number.isFinite(v) ? Math.round(v * 1000) / 10 : 0)), backgroundColor: "#2f6db5" }],
    },
    options: {
      indexAxis: "y",
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${item.formattedValue}% ± ${(moe[item.dataIndex]! * 100).toFixed(1)}` } },
      },
      scales: { x: { min: 0, max: 100 } },
    },
  }));
  return (
    <div className="result-chart" style={{ height: `${Math.max(80, 28 * labels.length + 30)}px` }}>
      <canvas id={id} ref={canvas} role="img" aria-label={labels.map((l, i) => `${l}: ${(values[i]! * 100).toFixed(1)}%`).join("; ")} />
    </div>
  );
}

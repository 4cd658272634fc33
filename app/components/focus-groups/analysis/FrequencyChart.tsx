/**
 * Code frequencies as a horizontal bar chart: one bar per code and group (session or attribute
 * value). The table under it carries the same figures, so the canvas is only a picture of it.
 */
import { useChart } from "../../results/use-chart";

// distinguishable in print and for the common colour-vision deficiencies (Okabe–Ito)
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

export interface ChartSeries {
  label: string;
  values: number[];
}

export function FrequencyChart({ id, codes, series, valueLabel }: { id: string; codes: string[]; series: ChartSeries[]; valueLabel: string }) {
  const canvas = useChart(JSON.stringify([codes, series]), () => ({
    type: "bar",
    data: {
      labels: codes,
      datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length] })),
    },
    options: {
      indexAxis: "y",
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: series.length > 1, position: "bottom" } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: valueLabel } } },
    },
  }));
  const height = Math.max(120, codes.length * (14 * Math.max(1, series.length) + 12) + 70);
  const description = codes.map((c, i) => `${c}: ${series.map((s) => `${s.label} ${s.values[i] ?? 0}`).join(", ")}`).join("; ");
  return (
    <div className="fg-chart" style={{ height: `${height}px` }}>
      <canvas id={id} ref={canvas} role="img" aria-label={description} />
    </div>
  );
}

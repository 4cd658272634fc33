/** Responses per day as a line; the counts are also in the aria label. */
import { useChart } from "./use-chart";

export function TimelineChart({ days, counts }: { days: string[]; counts: number[] }) {
  const canvas = useChart(JSON.stringify([days, counts]), () => ({
    type: "line",
    data: { labels: days, datasets: [{ label: "n", data: counts, borderColor: "#2f6db5", tension: 0.2 }] },
    options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  }));
  return (
    <div className="result-chart" style={{ height: "180px" }}>
      <canvas ref={canvas} role="img" aria-label={days.map((d, i) => `${d}: ${counts[i]}`).join("; ")} />
    </div>
  );
}

/** Responses per day as a line (chart.js in the browser); the counts are also in the aria label. */
import { useEffect, useRef } from "react";

export function TimelineChart({ days, counts }: { days: string[]; counts: number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const figures = JSON.stringify([days, counts]);
  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    void import("chart.js/auto").then(({ default: Chart }) => {
      if (cancelled || !canvas.current) return;
      chart = new Chart(canvas.current, {
        type: "line",
        data: { labels: days, datasets: [{ label: "n", data: counts, borderColor: "#2f6db5", tension: 0.2 }] },
        options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `figures` stands for the two arrays
  }, [figures]);
  return (
    <div className="result-chart" style={{ height: "180px" }}>
      <canvas ref={canvas} role="img" aria-label={days.map((d, i) => `${d}: ${counts[i]}`).join("; ")} />
    </div>
  );
}

/**
 * A horizontal bar chart of shares with their 95% margins (chart.js, drawn in the browser only).
 * The table beside it carries the same figures, so the page reads without scripts and for
 * screen readers; the canvas is marked as a picture of that table.
 */
import { useEffect, useRef } from "react";

export function ResultChart({ id, labels, values, moe }: { id: string; labels: string[]; values: number[]; moe: number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // arrays are new on every render: redraw only when the figures change
  const figures = JSON.stringify([labels, values, moe]);
  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    // loaded on demand: chart.js touches the DOM and is not needed to render the page on the server
    void import("chart.js/auto").then(({ default: Chart }) => {
      if (cancelled || !canvas.current) return;
      chart = new Chart(canvas.current, {
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
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `figures` stands for the three arrays
  }, [figures]);
  return (
    <div className="result-chart" style={{ height: `${Math.max(80, 28 * labels.length + 30)}px` }}>
      <canvas id={id} ref={canvas} role="img" aria-label={labels.map((l, i) => `${l}: ${(values[i]! * 100).toFixed(1)}%`).join("; ")} />
    </div>
  );
}

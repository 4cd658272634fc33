/**
 * Draws a chart.js chart on a canvas in the browser only: chart.js touches the DOM and is not
 * needed to render the page on the server, so it is loaded on demand. `figures` is a string
 * standing for the data (arrays are new on every render; redraw only when the figures change).
 */
import { useEffect, useRef } from "react";
import type { ChartConfiguration } from "chart.js";

export function useChart(figures: string, config: () => ChartConfiguration) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    void import("chart.js/auto").then(({ default: Chart }) => {
      if (!cancelled && canvas.current) chart = new Chart(canvas.current, config());
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `figures` stands for what `config` draws
  }, [figures]);
  return canvas;
}

/** Figures of page metrics as people read them: shares in %, durations in h/min, empty as a dash. */
export const pct = (v: number | null | undefined, digits = 0) => (v == null ? "—" : `${(100 * v).toFixed(digits)}%`);

export function duration(seconds: number | null | undefined, locale: "ru" | "en"): string {
  if (seconds == null) return "—";
  const s = Math.round(seconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const u = locale === "ru" ? { d: "д", h: "ч", m: "мин" } : { d: "d", h: "h", m: "min" };
  if (days > 0) return `${days} ${u.d} ${hours} ${u.h}`;
  if (hours > 0) return `${hours} ${u.h} ${minutes} ${u.m}`;
  return `${minutes} ${u.m}`;
}

/** Reporting periods: calendar months in the region's zone, as half-open [start, end) instants. */
import { dateToZonedLocal, zonedLocalToDate } from "../time";
import type { Period } from "./observations";

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthLabel(value: string): boolean {
  return MONTH.test(value);
}

/** "2026-11" -> [1 Nov 00:00, 1 Dec 00:00) local time. */
export function monthPeriod(label: string, timeZone: string): Period {
  const m = MONTH.exec(label);
  if (!m) throw new Error(`not a month: ${label}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
  return {
    start: zonedLocalToDate(`${label}-01T00:00`, timeZone)!,
    end: zonedLocalToDate(`${next}-01T00:00`, timeZone)!,
    timeZone,
  };
}

/** The local month an instant falls in: "2026-11". */
export function monthLabelOf(instant: Date, timeZone: string): string {
  return dateToZonedLocal(instant, timeZone).slice(0, 7);
}

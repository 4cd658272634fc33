/**
 * The bookkeeping columns every response export starts with. Exports write them and imports
 * recognise them (an export read back in), so both take them from here.
 */
import type { LeadingColumn } from "./types";

export const RESPONSE_LEADING_COLUMNS: readonly LeadingColumn[] = [
  { name: "response_id", label: "Response id", type: "numeric", spssFormat: "F12.0" },
  { name: "submitted_at", label: "Submitted at (UTC)", type: "string", width: 24 },
  { name: "version", label: "Survey version", type: "numeric", spssFormat: "F4.0" },
  { name: "duration_s", label: "Time to answer, seconds", type: "numeric", spssFormat: "F8.0" },
  { name: "weight", label: "Weight (raking)", type: "numeric", spssFormat: "F12.6" },
  { name: "quality_flags", label: "Data-quality flags", type: "string", width: 200 },
];

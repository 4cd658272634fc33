/**
 * bench:audit's metrics half, in its own process so its peak memory is its own: a month's page
 * metrics for every page of the synthetic national set. Prints {"pages", "seconds"}.
 */
import { createDatabase } from "../../db/client";
import { computeMetricsForPeriod } from "../../app/services/page-metrics.server";

const handle = await createDatabase({ databaseUrl: process.env.DATABASE_URL!, poolSize: 4 });
const ids = (await handle.db.selectFrom("official_pages").select("id").orderBy("id").execute()).map((r) => r.id);
const started = performance.now();
const result = await computeMetricsForPeriod(handle.db, {
  label: process.env.MONTH!,
  timeZone: "Asia/Yakutsk",
  now: new Date(process.env.NOW!),
  pageIds: ids,
  chunkSize: Number(process.env.CHUNK ?? 1000),
});
const seconds = (performance.now() - started) / 1000;
await handle.close();
// maxRSS is the process's peak resident set, in KiB
process.stdout.write(`${JSON.stringify({ pages: result.pages, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);

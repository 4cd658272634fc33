/**
 * bench:results' export half, in its own process so its peak memory is its own: runs the
 * results.export job (runExport) for EXPORT_ID into DATA_DIR, as the worker would. Prints
 * {"seconds", "rows", "bytes", "cpuSeconds", "rssBeforeMb", "peakRssMb"} (VmRSS before, VmHWM after, from /proc).
 */
import { readFileSync } from "node:fs";
import { runExport } from "../../app/services/exports.server";
import { createDatabase } from "../../db/client";
import { getExport } from "../../db/queries/exports";

const procMb = (field: "VmRSS" | "VmHWM") => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync("/proc/self/status", "utf8"))![1]) / 1024;

const handle = await createDatabase({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2 });
const exportId = Number(process.env.EXPORT_ID);
await getExport(handle.db, exportId); // connect before the clock starts
const rssBeforeMb = procMb("VmRSS");
const cpu0 = process.cpuUsage();
const started = performance.now();
const result = await runExport(handle.db, process.env.DATA_DIR!, exportId);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
if (result.status !== "done") throw new Error(`export ${exportId}: ${result.status}`);
const row = (await getExport(handle.db, exportId))!;
await handle.close();
process.stdout.write(`${JSON.stringify({ seconds, rows: row.rows_done, bytes: result.bytes, cpuSeconds: (cpu.user + cpu.system) / 1e6, rssBeforeMb, peakRssMb: procMb("VmHWM") })}\n`);

import { runExport } from "../../app/services/exports.server";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

/** Streams one requested export to its files; progress is the export row's rows_done. */
export const resultsExport: Processor<"results.export", JobAppContext> = async ({ exportId }, ctx) => runExport(ctx.db, ctx.env.DATA_DIR, exportId);

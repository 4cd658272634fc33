import { runQueuedRegistryImport } from "../../app/services/registry-import.server";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

/** parse -> load the stored upload -> plan (domain) -> write all or nothing; a rerun is a no-op */
export const registryImport: Processor<"registry.import", JobAppContext> = async ({ importId }, ctx) => {
  const report = await runQueuedRegistryImport(ctx.db, importId);
  await ctx.progress(100);
  return report ? { status: report.status, counts: report.counts, rejections: report.rejections.length } : { skipped: true };
};

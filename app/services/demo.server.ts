/** Seeds the Amur demo region and its demo accounts (embedded mode only). */
import { countRegistry } from "../../db/queries/pages";
import { DEMO_USERS, demoRegionFiles, type DemoUser } from "../../db/seed/demo-region";
import type { AppContext } from "./context.server";
import { importRegistry } from "./registry-import.server";
import { syncSurveysFromCode } from "./surveys-as-code.server";
import { createUser } from "./users.server";

export interface DemoSeedResult {
  seeded: boolean;
  users: DemoUser[];
}

/** Idempotent: loads the region only into an empty registry, creates only missing accounts. */
export async function seedDemoRegion(ctx: AppContext, opts: { force?: boolean } = {}): Promise<DemoSeedResult> {
  if (ctx.env.strictProduction) throw new Error("the demo region is never seeded into a production database");
  const counts = await countRegistry(ctx.db);
  let seeded = false;
  if (counts.organisations === 0 || opts.force) {
    const report = await importRegistry(ctx.db, demoRegionFiles(), null);
    if (report.status !== "succeeded") {
      throw new Error(`demo registry did not import: ${JSON.stringify(report.rejections.slice(0, 5))}`);
    }
    seeded = true;
  }
  // The demo publishes the surveys kept as code, so residents have polls to answer at once.
  if (seeded) {
    const failed = (await syncSurveysFromCode(ctx)).filter((l) => l.action === "error");
    if (failed.length > 0) throw new Error(`demo surveys did not sync: ${JSON.stringify(failed)}`);
  }
  for (const user of DEMO_USERS) {
    const result = await createUser(ctx, { ...user }, null);
    if (!result.ok && result.errors.email !== "email.taken") {
      throw new Error(`demo user ${user.email}: ${JSON.stringify(result.errors)}`);
    }
  }
  return { seeded, users: DEMO_USERS };
}

export function formatDemoLogins(users: DemoUser[], baseUrl: string): string {
  const width = Math.max(...users.map((u) => u.email.length));
  const lines = users.map((u) => `  ${u.role.padEnd(12)} ${u.email.padEnd(width)}  ${u.password}`);
  return [`Demo logins for ${baseUrl}/login (embedded demo only):`, ...lines].join("\n");
}

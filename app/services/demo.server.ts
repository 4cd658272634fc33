/** Seeds the Amur demo region and its demo accounts (embedded mode only). */
import { countRegistry, listPages } from "../../db/queries/pages";
import { demoActivityFile } from "../../db/seed/demo-activity";
import { DEMO_MARGINS, DEMO_RESPONSES_SURVEY, demoAnswers } from "../../db/seed/demo-responses";
import { insertMargins } from "../../db/queries/results";
import { getSurveyBySlug, getVersion } from "../../db/queries/surveys";
import { listQuestions } from "../domain/survey";
import { applyRegistryTargets } from "./results.server";
import { uploadActivityFile } from "./activity-files.server";
import { startAuditRun } from "./audits.server";
import { DEMO_USERS, demoRegionFiles, type DemoUser } from "../../db/seed/demo-region";
import type { AppContext } from "./context.server";
import { importRegistry } from "./registry-import.server";
import { syncSurveysFromCode } from "./surveys-as-code.server";
import { createUser, usersForAdmin } from "./users.server";
import { seedDemoFocusGroups } from "./demo-focus-groups.server";
import { DEMO_FG_CODERS } from "../../db/seed/demo-focus-groups";

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
    await seedDemoActivity(ctx);
    await seedDemoResponses(ctx);
  }
  for (const user of DEMO_USERS) {
    const result = await createUser(ctx, { ...user }, null);
    if (!result.ok && result.errors.email !== "email.taken") {
      throw new Error(`demo user ${user.email}: ${JSON.stringify(result.errors)}`);
    }
  }
  // The focus-group study is coded by two demo sociologists, so it needs their accounts first.
  if (seeded) {
    const ids = new Map((await usersForAdmin(ctx)).map((u) => [u.email, u.id]));
    await seedDemoFocusGroups(ctx, { lead: ids.get(DEMO_FG_CODERS.lead)!, second: ids.get(DEMO_FG_CODERS.second)! });
  }
  return { seeded, users: DEMO_USERS };
}

/**
 * The demo's pages have no live API access, so their activity comes as an activity file (the
 * file connector); a first audit of every page starts at once, and metrics fill as it runs.
 */
async function seedDemoActivity(ctx: AppContext) {
  const { rows } = await listPages(ctx.db, { limit: 100_000, offset: 0 });
  const file = demoActivityFile(
    rows.filter((p) => p.active).map((p) => ({ platform: p.platform, platform_id: p.platform_id, organisation_name: p.organisation_name, url: p.url })),
    new Date(),
  );
  const upload = await uploadActivityFile(ctx, { name: "demo-activity.jsonl", content: file.content, origin: "demo" }, null);
  if (!upload.ok) throw new Error(`demo activity did not load: ${JSON.stringify(upload.errors.slice(0, 3))} ${upload.unknownPages.join(", ")}`);
  const run = await startAuditRun(ctx, { scope: "all" }, { trigger: "demo", requestedBy: null });
  if (!run.ok) throw new Error(`demo audit did not start: ${JSON.stringify(run.errors)}`);
}

/**
 * Answers to the demo survey (a skewed online sample), illustrative population margins for the
 * region, and weights from the registry, so the results page shows weighting at work at once.
 */
async function seedDemoResponses(ctx: AppContext) {
  const survey = await getSurveyBySlug(ctx.db, DEMO_RESPONSES_SURVEY);
  const version = survey?.published_version_id ? await getVersion(ctx.db, survey.published_version_id) : undefined;
  if (!survey || !version) return;
  const definition = version.definition as Record<string, unknown>;
  const territories = listQuestions(definition).find((q) => q.valueName === "territory")?.choices?.map((c) => String(c.value)) ?? [];
  const now = Date.now();
  const answers = demoAnswers(definition, territories, 800);
  const rows = answers.map((a, i) => ({
    survey_id: survey.id,
    version_id: version.id,
    submission_id: `demo-${i + 1}`,
    answers: JSON.stringify(a.answers),
    raw: JSON.stringify(a.answers),
    locale: "ru",
    submitted_at: new Date(now - a.dayOffset * 86_400_000 - (i % 600) * 60_000),
    duration_ms: a.durationMs,
    client_hash: `demo-client-${i + 1}`,
  }));
  for (let i = 0; i < rows.length; i += 200) await ctx.db.insertInto("responses").values(rows.slice(i, i + 200)).execute();
  const adults = 590_000;
  await insertMargins(ctx.db, [
    ...Object.entries(DEMO_MARGINS.sex).map(([category, share]) => ({ territory_code: "amur", dimension: "sex" as const, category, population: Math.round(share * adults), source: "illustrative demo figures", illustrative: true })),
    ...Object.entries(DEMO_MARGINS.age_band).map(([category, share]) => ({ territory_code: "amur", dimension: "age_band" as const, category, population: Math.round(share * adults), source: "illustrative demo figures", illustrative: true })),
  ]);
  const targets = await applyRegistryTargets(ctx, survey.id);
  if (!targets.ok) throw new Error(`demo weighting targets refused: ${targets.errors.join("; ")}`);
  await ctx.jobs.enqueue("results.quality", { surveyId: survey.id }, { jobId: `results-quality-${survey.id}-demo` });
}

export function formatDemoLogins(users: DemoUser[], baseUrl: string): string {
  const width = Math.max(...users.map((u) => u.email.length));
  const lines = users.map((u) => `  ${u.role.padEnd(12)} ${u.email.padEnd(width)}  ${u.password}`);
  return [`Demo logins for ${baseUrl}/login (embedded demo only):`, ...lines].join("\n");
}

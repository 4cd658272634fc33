/**
 * Scoring runs on a real database: the registry's organisations and pages, a month's stored page
 * metrics and a survey's organisation-rating answers become stored scores, grades and ranks that
 * equal the pure scoring module's on the same inputs, with last month's ranks and the movement.
 */
import { monthPeriod } from "../../app/domain/compliance/period";
import type { PageMetrics } from "../../app/domain/compliance/metrics";
import { DEFAULT_METHODOLOGY, rankWithinPeerGroups, scoreOrganisations, type OrganisationInput } from "../../app/domain/scoring";
import { createAppJobs } from "../../app/services/app-context.server";
import type { AppContext } from "../../app/services/context.server";
import { metricsRow } from "../../app/services/page-metrics.server";
import { organisationReport } from "../../app/services/reports.server";
import { scorePeriod } from "../../app/services/scores.server";
import { loadEnv } from "../../app/utils/env.server";
import { createLogger } from "../../app/utils/log.server";
import { savePageMetrics } from "../../db/queries/page-metrics";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { newSubmissionId, publishedSurvey } from "../helpers/surveys";
import { metrics, replies } from "../unit/scoring-fixtures";

const TZ = "Asia/Yakutsk";

describe("scoring runs", () => {
  let t: TestDatabase;
  let ctx: AppContext;
  let close: () => Promise<void>;
  const orgs: Array<{ id: number; code: string; kind: "ministry" | "municipality_admin"; name: string }> = [];
  const pages = new Map<number, Array<{ id: number; platform: "vk" | "ok" }>>();

  beforeAll(async () => {
    t = await createTestDatabase("scores");
    const env = loadEnv({ SESSION_SECRET: "s".repeat(40), DEMO: "off", LOG_LEVEL: "error", AUDIT_SWEEP: "false" });
    const jobs = createAppJobs(t.db, env, { log: createLogger("error") });
    ctx = { db: t.db, jobs: jobs.jobs, env, sessionSecret: "s".repeat(40) };
    close = async () => {
      await jobs.jobs.close();
      await jobs.audit.close();
    };
    const specs = [
      { code: "minzdrav", kind: "ministry" as const, name: "Министерство здравоохранения" },
      { code: "minobr", kind: "ministry" as const, name: "Министерство образования" },
      { code: "mintrans", kind: "ministry" as const, name: "Министерство транспорта" },
      { code: "adm-a", kind: "municipality_admin" as const, name: "Администрация района А" },
      { code: "adm-b", kind: "municipality_admin" as const, name: "Администрация района Б" },
    ];
    for (const s of specs) {
      const o = await t.db
        .insertInto("organisations")
        .values({ code: s.code, name_ru: s.name, kind: s.kind, peer_group: s.kind === "ministry" ? "regional_executive" : "municipal_administration" })
        .returning("id")
        .executeTakeFirstOrThrow();
      orgs.push({ id: o.id, ...s });
      const list: Array<{ id: number; platform: "vk" | "ok" }> = [];
      for (const platform of ["vk", "ok"] as const) {
        const p = await t.db.insertInto("official_pages").values({ organisation_id: o.id, platform, platform_id: `${s.code}-${platform}`, url: `https://${platform}.com/${s.code}` }).returning("id").executeTakeFirstOrThrow();
        list.push({ id: p.id, platform });
      }
      pages.set(o.id, list);
    }
  });
  afterAll(async () => {
    await close?.();
    await t?.close();
  });

  /** Each organisation's page metrics for a month: `quality[i]` from 0 (poor) to 1 (compliant). */
  async function storeMonth(label: string, quality: number[]) {
    const period = monthPeriod(label, TZ);
    const rows = [];
    const inputs: OrganisationInput[] = [];
    for (const [i, o] of orgs.entries()) {
      const q = quality[i]!;
      const pageInputs = [];
      for (const p of pages.get(o.id)!) {
        const m: PageMetrics = metrics({ ...replies(20, Math.round(20 * (0.6 + 0.4 * q)), 3_600 + (1 - q) * 60_000), posting: { activityShare: q }, streams: { count: q > 0.5 ? 1 : 0 }, badge: q < 0.2 && p.platform === "ok" ? { status: "fail", value: false } : {} }, p.platform);
        rows.push(metricsRow(p.id, label, period, false, m));
        pageInputs.push({ pageId: p.id, platform: p.platform, active: true, metrics: JSON.parse(JSON.stringify({ ...m, unanswered: { status: m.unanswered.status, count: 0, overdue: 0, items: [] } })) as PageMetrics });
      }
      inputs.push({ organisationId: o.id, name: o.name, kind: o.kind, peerGroup: o.kind === "ministry" ? "regional_executive" : "municipal_administration", pages: pageInputs, rating: null });
    }
    await savePageMetrics(t.db, rows);
    return inputs;
  }

  it("stores the pure module's scores, grades and ranks, and last month's movement", async () => {
    await storeMonth("2026-02", [0.3, 0.9, 0.6, 0.2, 0.8]);
    const feb = await scorePeriod(t.db, { periodLabel: "2026-02", timeZone: TZ });
    expect(feb).toMatchObject({ status: "done", organisations: 5, pages: 10 });
    const inputs = await storeMonth("2026-03", [0.95, 0.5, 0.1, 0.9, 0.4]);
    const mar = await scorePeriod(t.db, { periodLabel: "2026-03", timeZone: TZ });
    if (mar.status !== "done") throw new Error(mar.status);

    const expected = scoreOrganisations(inputs, DEFAULT_METHODOLOGY);
    const stored = await t.db.selectFrom("organisation_scores").selectAll().where("run_id", "=", mar.runId).execute();
    expect(stored).toHaveLength(5);
    for (const e of expected) {
      const s = stored.find((r) => r.organisation_id === e.organisationId)!;
      expect(s.score).toBe(e.score);
      expect(s.grade).toBe(e.grade);
      expect(s.capped_by).toEqual(e.cappedBy);
    }
    // ranks within peer groups: independently from the scores just checked
    const ranked = rankWithinPeerGroups(expected.map((e) => ({ organisationId: e.organisationId, peerGroup: e.peerGroup, score: e.score, name: orgs.find((o) => o.id === e.organisationId)!.name })));
    for (const r of ranked) expect(stored.find((s) => s.organisation_id === r.organisationId)!.rank).toBe(r.rank);
    // Минздрав went from worst to best ministry, Минтранс the other way
    const minzdrav = stored.find((s) => s.organisation_id === orgs[0]!.id)!;
    const mintrans = stored.find((s) => s.organisation_id === orgs[2]!.id)!;
    expect(minzdrav).toMatchObject({ rank: 1, previous_rank: 3, movement: "up" });
    expect(mintrans).toMatchObject({ rank: 3, movement: "down" });
    // the weakest ministry lost the OK badge: red whatever its score
    expect(mintrans.grade).toBe("red");
    expect(mintrans.capped_by).toContain("badge");
  });

  it("feeds residents' ratings from an organisation-rating matrix and uses them above the minimum effective n", async () => {
    const survey = await publishedSurvey(ctx, {
      pages: [{ name: "p", elements: [{ type: "matrix", name: "ratings", rpKind: "organisation-rating", rows: ["minzdrav", "minobr", "unknown-org"], columns: ["1", "2", "3", "4", "5"] }] }],
    });
    // 60 residents rate Минздрав (mean 4.0: 20×3, 20×4, 20×5), 10 rate Минобр (too few)
    const answers: Array<Record<string, string>> = [];
    for (let i = 0; i < 60; i++) answers.push({ minzdrav: String(3 + (i % 3)), ...(i < 10 ? { minobr: "2" } : {}), "unknown-org": "5" });
    for (const a of answers) {
      await t.db
        .insertInto("responses")
        .values({ survey_id: survey.id, version_id: survey.versionId, submission_id: newSubmissionId(), answers: JSON.stringify({ ratings: a }), raw: "{}" })
        .execute();
    }
    const run = await scorePeriod(t.db, { periodLabel: "2026-03", timeZone: TZ });
    expect(run.status).toBe("done");
    const ratings = await t.db.selectFrom("organisation_ratings").selectAll().where("period_label", "=", "2026-03").orderBy("organisation_id").execute();
    expect(ratings.map((r) => [r.organisation_id, r.n, r.mean])).toEqual([
      [orgs[0]!.id, 60, 4],
      [orgs[1]!.id, 10, 2],
    ]);
    // sd of 3,4,5 equally often = √(2/3); moe = 1.959964·sd/√60
    expect(ratings[0]!.moe95).toBeCloseTo((1.959963984540054 * Math.sqrt(2 / 3)) / Math.sqrt(60), 9);
    const detail = async (orgId: number) =>
      (await t.db.selectFrom("organisation_scores").select("detail").where("run_id", "=", (run as { runId: number }).runId).where("organisation_id", "=", orgId).executeTakeFirstOrThrow()).detail as {
        criteria: Array<{ criterionId: string; status: string; reason: string | null }>;
      };
    const residents = (d: Awaited<ReturnType<typeof detail>>) => d.criteria.find((c) => c.criterionId === "rating")!;
    expect(residents(await detail(orgs[1]!.id))).toMatchObject({ status: "not_measurable", reason: "sample_too_small" });
    // one rated ministry only: a percentile needs two to compare
    expect(residents(await detail(orgs[0]!.id))).toMatchObject({ status: "not_measurable", reason: "no_peers" });
    // the breakdown shows the rating with its n and the survey it came from
    const report = await organisationReport(t.db, orgs[0]!.id, "2026-03");
    expect(report?.score?.rating).toMatchObject({ n: 60, mean: 4, survey_id: survey.id, survey_title: survey.slug });
    expect(report?.explanation?.criteria.find((c) => c.criterionId === "rating")?.status).toBe("not_measurable");
  });
});

/**
 * Column blocks (db/queries/result-blocks.ts) give exactly the figures the answers themselves give:
 * the R fixture's 400 respondents plus a checkbox, a matrix and a ranking, results computed with
 * no block first, then with blocks of 64 (six blocks and a tail of 16), after a response is
 * deleted, after flags change and after a new version changes the columns. Weights move between
 * blocks and response_weights without loss, and a response still being inserted is never skipped.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { runExport } from "../../app/services/exports.server";
import { computeQualityFlags } from "../../app/services/quality.server";
import { refreshResultBlocks } from "../../app/services/result-blocks.server";
import { computeSurveyWeights, setWeightingTargets, surveyCrosstab, surveyResults } from "../../app/services/results.server";
import { publishSurvey, saveDefinition } from "../../app/services/surveys.server";
import { committedResponseBound } from "../../db/queries/result-blocks";
import { insertExport, responsesAfter } from "../../db/queries/exports";
import { surveysToRefresh } from "../../db/queries/quality";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { newSubmissionId, publishedSurvey } from "../helpers/surveys";
import { fixtureMargins, fixtureRespondents } from "../helpers/statistics-fixture";

const people = fixtureRespondents;
const margins = fixtureMargins;

const radio = (name: string, choices: string[]) => ({ type: "radiogroup", name, choices });
const DEFINITION = {
  pages: [
    {
      name: "p1",
      elements: [
        radio("territory", ["north", "centre", "south"]),
        radio("sex", ["m", "f"]),
        radio("age", ["18-34", "35-54", "55+"]),
        radio("q1", ["a", "b", "c", "d"]),
        radio("q2", ["yes", "no"]),
        { type: "checkbox", name: "m", choices: ["a", "b", "c", "d"] },
        { type: "matrix", name: "g", rows: ["r1", "r2"], columns: ["1", "2", "3"] },
        { type: "ranking", name: "rk", choices: ["x", "y", "z"] },
        { type: "rating", name: "score", rateMin: 1, rateMax: 5 },
        { type: "comment", name: "note" },
      ],
    },
  ],
};

/** Deterministic extra answers for respondent i, some left out. */
function extras(i: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (i % 7 !== 0) out.m = ["a", "b", "c", "d"].filter((_, k) => (i >> k) % 3 === 0);
  if (i % 5 !== 0) out.g = { r1: String((i % 3) + 1), ...(i % 4 ? { r2: String(((i >> 1) % 3) + 1) } : {}) };
  if (i % 6 !== 0) out.rk = i % 2 ? ["x", "y", "z"] : ["z", "x", "y"];
  if (i % 9 !== 0) out.score = (i % 5) + 1;
  if (i % 3 === 0) out.note = `мнение ${i}`;
  return out;
}

/** Figures compared to 1e-9 relative (sums of weights come in another order from blocks). */
function same(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected))) throw new Error(`${path}: ${actual} vs ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((e, i) => same((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected && typeof expected === "object") {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) same((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe("results from column blocks", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "rp-blocks-"));
  let server: TestServer;
  let surveyId: number;
  let versionId: number;

  beforeAll(async () => {
    // the jobs the server runs by itself (after the targets upload) build no block: the tests say when
    server = await startTestServer("blocks", { RESULT_BLOCK_SIZE: "1000000", DATA_DIR: dataDir });
    const survey = await publishedSurvey(server.app.ctx, DEFINITION);
    surveyId = survey.id;
    versionId = survey.versionId;
    for (const [i, p] of people.entries()) {
      await server.app.ctx.db
        .insertInto("responses")
        .values({
          survey_id: surveyId,
          version_id: survey.versionId,
          submission_id: newSubmissionId(),
          answers: JSON.stringify({ territory: p.territory, sex: p.sex, age: p.age, q1: p.q1, q2: p.q2, ...extras(i) }),
          raw: JSON.stringify({}),
          duration_ms: Number(p.speed_s) * 1000,
        })
        .execute();
    }
    await computeQualityFlags(server.app.ctx.db, surveyId);
  });
  afterAll(async () => server?.stop());

  const db = () => server.app.ctx.db;
  const scopes = [
    { weighted: false, excludeFlagged: false, filters: [] },
    { weighted: false, excludeFlagged: true, filters: [] },
    { weighted: false, excludeFlagged: false, filters: [{ key: "territory", values: ["north", "south"] }] },
    { weighted: true, excludeFlagged: false, filters: [] },
    { weighted: true, excludeFlagged: true, filters: [{ key: "sex", values: ["f"] }] },
    { weighted: true, excludeFlagged: false, filters: [], versionId: 0 },
  ];
  /** Every figure the results API gives for this survey. */
  async function figures() {
    const out: unknown[] = [];
    for (const s of scopes) {
      const scope = { ...s, versionId: s.versionId === 0 ? versionId : undefined };
      const results = await surveyResults({ db: db() }, surveyId, scope);
      if (!results.ok) throw new Error(results.errors.join("; "));
      const crosstab = await surveyCrosstab({ db: db() }, surveyId, { ...scope, row: "q1", col: "territory" });
      if (!crosstab.ok) throw new Error(crosstab.errors.join("; "));
      out.push({ results: results.value.questions, crosstab: crosstab.value });
    }
    return out;
  }
  const blockCount = async () => (await db().selectFrom("result_blocks").select("block").where("survey_id", "=", surveyId).execute()).length;
  const tailWeights = async () => (await sql<{ n: number }>`select count(*)::int as n from response_weights where survey_id = ${surveyId}`.execute(db())).rows[0]!.n;

  /** The weight column of a CSV export (the results.export job's work), by response id. */
  async function exportedWeights(pageSize: number) {
    // the export row without its job: the server's own job runner would run the same export into
    // the same folder at the same time (this test once read the file while the job had emptied it)
    const requested = { exportId: await insertExport(db(), { survey_id: surveyId, format: "csv", mode: "codes", version_id: null, exclude_flagged: false, requested_by: null }) };
    const done = await runExport(db(), dataDir, requested.exportId, { pageSize });
    if (done.status !== "done") throw new Error(done.status);
    const text = readFileSync(join(dataDir, "exports", String(requested.exportId), done.files[0]!), "utf8").replace(/^\uFEFF/, "");
    const [head, ...rows] = text.trim().split("\r\n").map((l) => l.split(","));
    const id = head!.indexOf("response_id");
    const weight = head!.indexOf("weight");
    return rows.map((r) => ({ id: Number(r[id]), weight: r[weight] === "" ? null : Number(r[weight]) }));
  }

  let expected: unknown[];
  let expectedWeights: Array<{ id: number; weight: number | null }>;

  it("gives the same figures from six blocks and a tail as from the answers alone", async () => {
    expect(await setWeightingTargets(server.app.ctx, surveyId, { csv: margins, trimMax: null })).toEqual({ ok: true, value: { dimensions: 3 } });
    // the weights job the upload enqueued, without blocks (blocks larger than the survey)
    for (let i = 0; i < 200; i++) {
      const row = await db().selectFrom("survey_weightings").select(["status", "computed_at"]).where("survey_id", "=", surveyId).executeTakeFirst();
      if (row?.status === "ok" && row.computed_at) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await blockCount()).toBe(0);
    expect(await tailWeights()).toBe(400);
    expected = await figures();
    expectedWeights = (await responsesAfter(db(), { surveyId, versionId: null, excludeFlagged: false }, 0, 1000)).map((r) => ({ id: Number(r.id), weight: r.weight }));

    expect(await refreshResultBlocks(db(), surveyId, { blockSize: 64 })).toEqual({ status: "ok", built: 6 });
    expect(await blockCount()).toBe(6);
    // the blocks took their responses' weights: only the tail's 16 are left in response_weights
    expect(await tailWeights()).toBe(16);
    same(await figures(), expected);
    // an export's weight column: from the blocks and the tail, pages of 30 crossing block ends
    same(await exportedWeights(30), expectedWeights);
    same(await exportedWeights(1000), expectedWeights);
  });

  it("recomputes the same weights into the blocks, and builds nothing twice", async () => {
    expect((await computeSurveyWeights(db(), surveyId, { blockSize: 64 })).status).toBe("ok");
    expect(await blockCount()).toBe(6);
    expect(await tailWeights()).toBe(16);
    same(await figures(), expected);
    expect(await refreshResultBlocks(db(), surveyId, { blockSize: 64 })).toEqual({ status: "ok", built: 0 });
  });

  it("drops a deleted response's block and the later ones, keeping every other weight", async () => {
    const victim = Number(expectedWeights[150]!.id); // in the third block
    await db().deleteFrom("responses").where("id", "=", victim).execute();
    expect(await blockCount()).toBe(2);
    expect(await tailWeights()).toBe(400 - 128 - 1);
    const withBlocks = await figures();
    await db().deleteFrom("result_blocks").execute();
    expect(await tailWeights()).toBe(399);
    same(withBlocks, await figures());
    // and back to blocks: the rebuilt ones take the weights again
    expect((await refreshResultBlocks(db(), surveyId, { blockSize: 64 })).built).toBe(6);
    expect(await tailWeights()).toBe(399 - 384);
    same(await figures(), withBlocks);
  });

  it("follows new data-quality flags into the blocks", async () => {
    const before = await figures();
    const target = Number((await db().selectFrom("responses").select("id").where("survey_id", "=", surveyId).orderBy("id").offset(10).limit(1).executeTakeFirstOrThrow()).id);
    await db().updateTable("responses").set({ duration_ms: 1 }).where("id", "=", target).execute(); // a speeder now
    await computeQualityFlags(db(), surveyId);
    const flagged = await db().selectFrom("response_flags").select("reason").where("response_id", "=", target).execute();
    expect(flagged.map((f) => f.reason)).toContain("speeder");
    const after = await figures();
    await db().deleteFrom("result_blocks").execute();
    same(after, await figures());
    expect(JSON.stringify(after)).not.toEqual(JSON.stringify(before));
  });

  it("rebuilds the blocks when a new version changes the questions", async () => {
    expect((await refreshResultBlocks(db(), surveyId, { blockSize: 64 })).built).toBe(6);
    const next = structuredClone(DEFINITION) as typeof DEFINITION;
    (next.pages[0]!.elements as unknown[]).push(radio("q3", ["u", "v"]));
    const draft = await saveDefinition(server.app.ctx, surveyId, next, null);
    expect(draft.ok).toBe(true);
    expect((await publishSurvey(server.app.ctx, surveyId, null)).ok).toBe(true);
    const set = await db().selectFrom("result_block_sets").select("columns").where("survey_id", "=", surveyId).executeTakeFirstOrThrow();
    expect(set.columns).not.toContain(JSON.stringify(["scalar", "q3"]));
    const built = await refreshResultBlocks(db(), surveyId, { blockSize: 64 });
    expect(built.built).toBe(6);
    const columns = (await db().selectFrom("result_block_sets").select("columns").where("survey_id", "=", surveyId).executeTakeFirstOrThrow()).columns;
    expect(columns).toContain(JSON.stringify(["scalar", "q3"]));
    expect(columns).toContain(JSON.stringify(["row", "g", "r2"]));
    expect(columns).toContain(JSON.stringify(["list", "rk"]));
  });

  it("asks the results.blocks job for a survey with a block's worth of new answers or new questions", async () => {
    const due = async (size: number) => (await surveysToRefresh(db(), size)).find((r) => r.survey_id === surveyId)?.blocks ?? false;
    expect(await refreshResultBlocks(db(), surveyId, { blockSize: 64 })).toMatchObject({ built: 0 });
    const tail = 399 - 384;
    expect(await due(64)).toBe(false);
    expect(await due(tail)).toBe(true);
    expect(await due(tail + 1)).toBe(false);
    // a version published after the blocks' columns were chosen
    await db().updateTable("result_block_sets").set({ updated_at: new Date("2020-01-01T00:00:00Z") }).where("survey_id", "=", surveyId).execute();
    expect(await due(64)).toBe(true);
  });

  it("waits for a response still being inserted instead of building past it", async () => {
    if (!server.db.url) return expect(process.env.CI).not.toBe("true"); // PGlite: one connection, nothing can be in flight
    const client = new pg.Client({ connectionString: server.db.url });
    await client.connect();
    try {
      await client.query("begin");
      await client.query("insert into responses (survey_id, version_id, submission_id, answers, raw) values ($1, $2, $3, '{}', '{}')", [surveyId, versionId, newSubmissionId()]);
      const started = Date.now();
      expect(await committedResponseBound(db())).toBeNull(); // gave up after its lock timeout
      expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
      await client.query("commit");
      const max = Number((await db().selectFrom("responses").select((eb) => eb.fn.max("id").as("m")).executeTakeFirstOrThrow()).m);
      expect(await committedResponseBound(db())).toBe(max);
    } finally {
      await client.end();
    }
  });
});

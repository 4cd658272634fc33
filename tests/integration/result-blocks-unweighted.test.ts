/**
 * Responses the raking could not weight (a weighting question left unanswered) sit in the column
 * blocks with a null weight. Weighted results must leave them out exactly as the answers-only path
 * does (it joins the stored weights): the per-question query counts count(w) and sums w instead of
 * dropping those rows one by one, so this pins that the figures agree, block or no block.
 */
import { sql } from "kysely";
import { refreshResultBlocks } from "../../app/services/result-blocks.server";
import { computeSurveyWeights, setWeightingTargets, surveyResults } from "../../app/services/results.server";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { newSubmissionId, publishedSurvey } from "../helpers/surveys";
import { fixtureMargins, fixtureRespondents } from "../helpers/statistics-fixture";

const radio = (name: string, choices: string[]) => ({ type: "radiogroup", name, choices });
const DEFINITION = {
  pages: [{ name: "p1", elements: [radio("territory", ["north", "centre", "south"]), radio("sex", ["m", "f"]), radio("age", ["18-34", "35-54", "55+"]), radio("q1", ["a", "b", "c", "d"]), radio("q2", ["yes", "no"])] }],
};

/** Equal up to 1e-9 relative in numbers (sums of weights come in another order from blocks). */
function close(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected !== null && typeof expected === "object") {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) close((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else expect(actual, path).toEqual(expected);
}

describe("weighted results with unweighted responses inside the blocks", () => {
  let server: TestServer;
  let surveyId: number;
  beforeAll(async () => {
    server = await startTestServer("blocks_unweighted", { RESULT_BLOCK_SIZE: "1000000" });
    surveyId = (await publishedSurvey(server.app.ctx, DEFINITION)).id;
    for (const [i, p] of fixtureRespondents.slice(0, 200).entries()) {
      // every 9th respondent skips the age question: the raking cannot weight them; every 13th
      // skips q1 (an unanswered question, not a category)
      const answers: Record<string, string> = { territory: p.territory!, sex: p.sex!, q2: p.q2! };
      if (i % 9 !== 4) answers.age = p.age!;
      if (i % 13 !== 0) answers.q1 = p.q1!;
      await server.app.ctx.db
        .insertInto("responses")
        .values({ survey_id: surveyId, version_id: (await server.app.ctx.db.selectFrom("survey_versions").select("id").where("survey_id", "=", surveyId).executeTakeFirstOrThrow()).id, submission_id: newSubmissionId(), answers: JSON.stringify(answers), raw: JSON.stringify({}), duration_ms: 60_000 })
        .execute();
    }
  });
  afterAll(async () => server?.stop());

  it("gives the same weighted shares from blocks holding null weights as from the answers alone", async () => {
    const db = server.app.ctx.db;
    expect((await setWeightingTargets(server.app.ctx, surveyId, { csv: fixtureMargins, trimMax: null })).ok).toBe(true);
    const weights = await computeSurveyWeights(db, surveyId, { blockSize: 1_000_000 });
    expect(weights.status).toBe("ok");
    const weighted = (await sql<{ n: number }>`select count(*)::int as n from response_weights where survey_id = ${surveyId}`.execute(db)).rows[0]!.n;
    expect(weighted).toBe(200 - 22); // 22 of the 200 skipped age (i = 4, 13, …, 193)

    const read = async () => {
      const r = await surveyResults({ db }, surveyId, { weighted: true, excludeFlagged: false, filters: [], question: "q1" });
      if (!r.ok) throw new Error(r.errors.join("; "));
      return r.value.questions[0]!;
    };
    const answersOnly = await read();
    expect(await refreshResultBlocks(db, surveyId, { blockSize: 32 })).toEqual({ status: "ok", built: 6 });
    expect(await computeSurveyWeights(db, surveyId, { blockSize: 32 })).toMatchObject({ status: "ok" });
    const nullsInBlocks = (await sql<{ n: number }>`select count(*)::int as n from result_blocks b, unnest(b.weights) w where b.survey_id = ${surveyId} and w is null`.execute(db)).rows[0]!.n;
    expect(nullsInBlocks).toBeGreaterThan(15);
    const fromBlocks = await read();
    close(fromBlocks, answersOnly);
    // and by hand: the count is the weighted respondents who answered q1
    const estimates = (answersOnly as { estimates: { n: number } }).estimates;
    const expectedN = fixtureRespondents.slice(0, 200).filter((_, i) => i % 9 !== 4 && i % 13 !== 0).length;
    expect(estimates.n).toBe(expectedN);
  });
});

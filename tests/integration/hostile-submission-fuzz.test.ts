/**
 * Property-based fuzzing of the public answer endpoint over real HTTP (production build, real
 * PostgreSQL): whatever JSON a stranger sends — wrong types, huge or odd unicode strings,
 * prototype-pollution keys, deep nesting — the answer is never a 5xx; a refusal is a 4xx that
 * says what is wrong and adds no row anywhere; an acceptance adds exactly one response.
 */
import fc from "fast-check";
import { sql } from "kysely";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { newSubmissionId, publishedSurvey, SMALL_SURVEY, validAnswers } from "../helpers/surveys";

const RUNS = 150;

// keys a hostile client likes, the survey's own questions, and anything at all
const hostileKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "sex", "age_band", "satisfaction", "note", "", " ", "sex\u0000", "$where"),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);

const oddString = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: "binary", maxLength: 50 }), // any code point, lone surrogates included
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom("<img src=x onerror=alert(1)>", "' OR 1=1 --", "\u0000", "a\u0000b", "\uD800", "\u202Etxt.exe", "😀".repeat(500), "x".repeat(100_000), "NaN", "1e400", "-0"),
);

const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    oddString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(hostileKey, tie("value"), { maxKeys: 5 }),
  ),
})).value;

/** A nesting `depth` levels deep, of arrays or objects. */
const deep = (depth: number, kind: "array" | "object") => (kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth));

// a body that is sometimes almost right, so the fuzzing reaches past the first check
const nearlyValidBody = fc.record(
  {
    submissionId: fc.oneof(fc.constant("GEN"), oddString, fc.integer(), fc.constant(null)),
    answers: fc.oneof(
      fc.dictionary(hostileKey, anyValue, { maxKeys: 8 }),
      fc.record({ sex: fc.oneof(fc.constantFrom("male", "female"), anyValue), age_band: fc.oneof(fc.constant("30-44"), anyValue), satisfaction: fc.oneof(fc.integer({ min: 1, max: 5 }), anyValue), note: fc.oneof(oddString, anyValue) }, { requiredKeys: [] }),
      anyValue,
    ),
    timing: fc.oneof(fc.record({ durationMs: fc.oneof(fc.integer(), fc.double(), oddString), startedAt: oddString }, { requiredKeys: [] }), anyValue),
    locale: fc.oneof(fc.constantFrom("ru", "en"), oddString),
    invitation: oddString,
    ["__proto__"]: anyValue,
    ["constructor"]: anyValue,
  },
  { requiredKeys: [] },
);

describe("fuzzing POST /api/polls/:slug/responses", () => {
  let server: TestServer;
  let slug: string;
  let surveyId: number;

  beforeAll(async () => {
    server = await startTestServer("fuzz-submissions", { SUBMISSION_RATE_LIMIT: "0" });
    ({ slug, id: surveyId } = await publishedSurvey(server.app.ctx, SMALL_SURVEY));
  });
  afterAll(async () => server?.stop());

  /** Rows in every table an answer can touch. */
  async function rows(): Promise<Record<string, number> & { responses: number }> {
    const out: Record<string, number> & { responses: number } = { responses: 0 };
    for (const table of ["responses", "response_drafts", "invitations", "quota_cells", "audit_log", "surveys"]) {
      out[table] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(server.app.ctx.db)).rows[0]!.n);
    }
    return out;
  }

  async function send(body: string) {
    const response = await fetch(`${server.url}/api/polls/${slug}/responses`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // judged below: every answer of this endpoint is JSON
    }
    return { status: response.status, text, json };
  }

  /** The property itself: no 5xx; refusals explain themselves and write nothing; acceptances write one row. */
  async function check(body: string) {
    const before = await rows();
    const { status, text, json } = await send(body);
    expect(status, `${status} ${text.slice(0, 300)} for ${body.slice(0, 300)}`).toBeLessThan(500);
    const after = await rows();
    if (status === 201) {
      expect(after).toEqual({ ...before, responses: before.responses + 1 });
      return;
    }
    expect(status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(typeof json.error, text.slice(0, 300)).toBe("string");
    if (status === 422) expect(Array.isArray(json.errors) || (typeof json.fields === "object" && json.fields !== null), text.slice(0, 300)).toBe(true);
    expect(after).toEqual(before);
  }

  it("answers any JSON value with a 4xx and stores nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => check(JSON.stringify(value) ?? "null")),
      { numRuns: RUNS },
    );
  });

  it("answers nearly-valid bodies with hostile keys, types and strings without a 5xx or a partial write", async () => {
    await fc.assert(
      fc.asyncProperty(nearlyValidBody, async (body) => {
        const record = body as Record<string, unknown>;
        if (record.submissionId === "GEN") record.submissionId = newSubmissionId();
        await check(JSON.stringify(body));
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses prototype-pollution keys written into the JSON text itself", async () => {
    for (const raw of [
      `{"submissionId":"${newSubmissionId()}","answers":{"sex":"female","age_band":"30-44","satisfaction":4,"__proto__":{"polluted":true}}}`,
      `{"submissionId":"${newSubmissionId()}","answers":{"sex":"female","age_band":"30-44","satisfaction":4,"constructor":{"prototype":{"polluted":true}}}}`,
      `{"submissionId":"${newSubmissionId()}","__proto__":{"isAdmin":true},"answers":{"sex":"female","age_band":"30-44","satisfaction":4}}`,
    ]) {
      await check(raw);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it("answers deep nesting, malformed JSON, odd text and huge strings without a 5xx", async () => {
    const bodies = [
      deep(5_000, "array"),
      deep(5_000, "object"),
      JSON.stringify({ submissionId: newSubmissionId(), answers: { ...validAnswers(), note: JSON.parse(deep(500, "array")) as unknown } }),
      JSON.stringify({ submissionId: newSubmissionId(), answers: validAnswers({ note: "x".repeat(400_000) }) }),
      JSON.stringify({ submissionId: newSubmissionId(), answers: validAnswers({ note: "a\u0000b" }) }),
      JSON.stringify({ submissionId: newSubmissionId(), answers: validAnswers({ note: "\uD800 lone surrogate" }) }),
      JSON.stringify({ submissionId: newSubmissionId(), answers: validAnswers({ "x\u0000": 1 }) }),
      JSON.stringify({ submissionId: newSubmissionId(), answers: validAnswers(), timing: { startedAt: "2026-13-45T99:99:99Z" } }),
      '{"submissionId":',
      "",
      "\u0000",
      "\uFEFF{}",
      '{"answers":{}}'.padEnd(1000, " "),
    ];
    for (const body of bodies) await check(body);
  });

  it("still stores a good answer after all that, once", async () => {
    const before = await rows();
    const { status } = await send(JSON.stringify({ submissionId: newSubmissionId(), answers: validAnswers({ note: "😀 спасибо" }) }));
    expect(status).toBe(201);
    expect((await rows()).responses).toBe(before.responses + 1);
    const stored = await server.db.db.selectFrom("responses").select("answers").where("survey_id", "=", surveyId).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(stored.answers).toEqual(validAnswers({ note: "😀 спасибо" }));
  });
});

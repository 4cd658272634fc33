/**
 * Load without loss: 20,000 submissions from 200 concurrent keep-alive clients against the
 * production build over real PostgreSQL, on a poll with quotas (so every answer takes the full,
 * locking path). About 15% of submissions are sent twice with the same submission id (half at
 * the same time, half after the first answer), about 10% are invalid in three different ways.
 * The database must then hold every acknowledged submission exactly once, nothing refused, and
 * a quota cell that filled during the run exactly full, never over. Throughput and latency are
 * printed, never asserted (the machine is shared).
 */
import { inject } from "vitest";
import { saveQuotas } from "../../app/services/survey-fieldwork.server";
import { loadEnv } from "../../app/utils/env.server";
import { createDatabase } from "../../db/client";
import { startServer, type StartedServer } from "../../server";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { publishedSurvey, SMALL_SURVEY } from "../helpers/surveys";

const SUBMISSIONS = 20_000;
const CLIENTS = 200;
const SEED = 20261123;
const MEN_60_TARGET = 400;

// mulberry32: the same mix of answers, retries and faults on every run
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = "valid" | "bad_answers" | "bad_body" | "malformed";
interface Planned {
  id: string;
  kind: Kind;
  body: string;
  sex: string;
  ageBand: string;
  resend: "no" | "together" | "after";
}

function plan(count: number): Planned[] {
  const rnd = random(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const id = `load-${SEED}-${i.toString(36).padStart(4, "0")}`;
    const sex = pick(["male", "female"] as const);
    const ageBand = pick(["18-29", "30-44", "45-59", "60+"] as const);
    const roll = rnd();
    const kind: Kind = roll < 0.05 ? "bad_answers" : roll < 0.08 ? "bad_body" : roll < 0.1 ? "malformed" : "valid";
    const answers = { sex, age_band: ageBand, satisfaction: kind === "bad_answers" ? 9 : 1 + Math.floor(rnd() * 5) };
    const payload = { submissionId: id, answers, locale: "ru", timing: { durationMs: 30_000 + Math.floor(rnd() * 300_000) } };
    let body = JSON.stringify(kind === "bad_body" ? { ...payload, extra: true } : payload);
    if (kind === "malformed") body = body.slice(0, -7);
    const resendRoll = rnd();
    return { id, kind, body, sex, ageBand, resend: resendRoll < 0.075 ? "together" : resendRoll < 0.15 ? "after" : "no" };
  });
}

interface Outcome {
  statuses: number[];
  ids: Set<number>;
  errors: string[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

describe("20,000 submissions from 200 concurrent clients", () => {
  let database: TestDatabase;
  let server: StartedServer;
  let poll: { id: number; slug: string };

  beforeAll(async () => {
    database = await createTestDatabase("load");
    // As startTestServer, but with the production pool (DATABASE_POOL_SIZE default 10, not the
    // helper's 5): with a commit per answer, the pool is what bounds throughput.
    server = await startServer({
      env: loadEnv({
        NODE_ENV: "test",
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: database.url || undefined,
        SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
        DEMO: "off",
        LOG_LEVEL: "error",
        SUBMISSION_RATE_LIMIT: "0",
      }),
      database: database.url ? await createDatabase({ databaseUrl: database.url, poolSize: 10 }) : database,
      queuePrefix: `rp-test-${inject("runId")}-load`,
      quiet: true,
    });
    poll = await publishedSurvey(server.app.ctx, SMALL_SURVEY);
    // The small cell fills early in the run; the large one never does, so the poll stays open (it
    // closes when every cell is full). Both narrow: each cell is one row every matching answer locks.
    const saved = await saveQuotas(
      server.app.ctx,
      poll.id,
      `Мужчины 60+ | sex=male, age_band=60+ | ${MEN_60_TARGET}\nЖенщины 18-29 | sex=female, age_band=18-29 | 1000000`,
      null,
    );
    expect(saved.ok).toBe(true);
  });
  afterAll(async () => {
    await server?.close();
    if (database?.url) await database.close();
  });

  it("stores every acknowledged submission exactly once, nothing refused, and never overfills a quota", async () => {
    const planned = plan(SUBMISSIONS);
    const outcomes = new Map<string, Outcome>(planned.map((p) => [p.id, { statuses: [], ids: new Set(), errors: [] }]));
    const latencies: number[] = [];
    const url = `${server.url}/api/polls/${poll.slug}/responses`;

    // One request; a network failure or a 503 is retried with the same body, as a phone would.
    async function send(p: Planned) {
      const outcome = outcomes.get(p.id)!;
      for (let attempt = 1; attempt <= 4; attempt++) {
        const started = performance.now();
        try {
          const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: p.body });
          const json = (await response.json()) as { id?: number };
          latencies.push(performance.now() - started);
          outcome.statuses.push(response.status);
          if (response.status < 300 && typeof json.id === "number") outcome.ids.add(json.id);
          if (response.status !== 503) return;
        } catch (error) {
          outcome.errors.push(String((error as Error).cause ?? error));
        }
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }

    let next = 0;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < planned.length) {
          const p = planned[next++]!;
          if (p.resend === "together") await Promise.all([send(p), send(p)]);
          else if (p.resend === "after") {
            await send(p);
            await send(p);
          } else await send(p);
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    latencies.sort((a, b) => a - b);
    const requests = latencies.length;
    console.log(
      `load: ${SUBMISSIONS} submissions (${requests} requests) from ${CLIENTS} clients in ${seconds.toFixed(1)} s: ` +
        `${(SUBMISSIONS / seconds).toFixed(0)} submissions/s, ${(requests / seconds).toFixed(0)} requests/s, ` +
        `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
    );

    const acknowledged = new Set<string>();
    const refused = new Set<string>();
    const unanswered: string[] = [];
    const statusCounts = new Map<number, number>();
    for (const p of planned) {
      const o = outcomes.get(p.id)!;
      for (const s of o.statuses) statusCounts.set(s, (statusCounts.get(s) ?? 0) + 1);
      if (o.statuses.some((s) => s >= 200 && s < 300)) acknowledged.add(p.id);
      else if (o.statuses.some((s) => s >= 400 && s < 500)) refused.add(p.id);
      else unanswered.push(`${p.id}: ${o.statuses.join(",")} ${o.errors[0] ?? ""}`);
    }
    console.log(`load: statuses ${JSON.stringify(Object.fromEntries([...statusCounts].sort()))}`);
    expect(unanswered).toEqual([]);
    expect([...statusCounts.keys()].filter((s) => s >= 500)).toEqual([]);
    // invalid submissions are always refused, and the same submission never gets two different ids
    for (const p of planned) {
      if (p.kind !== "valid") expect(acknowledged.has(p.id), p.id).toBe(false);
      expect(outcomes.get(p.id)!.ids.size, p.id).toBeLessThanOrEqual(1);
    }
    expect(planned.filter((p) => p.kind === "valid" && refused.has(p.id)).every((p) => p.sex === "male" && p.ageBand === "60+")).toBe(true);

    const rows = await database.db
      .selectFrom("responses")
      .select(["id", "submission_id", "answers"])
      .where("survey_id", "=", poll.id)
      .execute();
    const stored = new Map<string, number[]>();
    for (const r of rows) stored.set(r.submission_id, [...(stored.get(r.submission_id) ?? []), Number(r.id)]);
    for (const id of acknowledged) {
      expect(stored.get(id), id).toHaveLength(1);
      expect([...outcomes.get(id)!.ids], id).toEqual(stored.get(id));
    }
    expect([...refused].filter((id) => stored.has(id))).toEqual([]);
    expect(rows).toHaveLength(acknowledged.size);

    const cells = await database.db.selectFrom("quota_cells").select(["label", "filled", "target"]).where("survey_id", "=", poll.id).orderBy("id").execute();
    const answersOf = (r: (typeof rows)[number]) => r.answers as { sex: string; age_band: string };
    const men60 = rows.filter((r) => answersOf(r).sex === "male" && answersOf(r).age_band === "60+").length;
    const youngWomen = rows.filter((r) => answersOf(r).sex === "female" && answersOf(r).age_band === "18-29").length;
    // the small cell filled during the run (so refusals happened) and holds exactly its target
    expect(cells).toEqual([
      { label: "Мужчины 60+", filled: MEN_60_TARGET, target: MEN_60_TARGET },
      { label: "Женщины 18-29", filled: youngWomen, target: 1_000_000 },
    ]);
    expect(men60).toBe(MEN_60_TARGET);
    expect(refused.size).toBeGreaterThan(0);
    const survey = await database.db.selectFrom("surveys").select("status").where("id", "=", poll.id).executeTakeFirstOrThrow();
    expect(survey.status).toBe("published");
  }, 400_000);
});

/**
 * `npm run bench:validation`: median time of validateResponse (30-question survey, accepted and
 * rejected answers) and of planning 100,000 registry page rows, each beside a same-run baseline
 * (JSON.parse + JSON.stringify of the same answer; csv-parse alone on the same CSV).
 */
import { parse } from "csv-parse/sync";
import { validateResponse } from "../../app/domain/survey";
import { planRegistryImport } from "../../app/domain/registry/plan";
import { thirtyQuestionAnswer, thirtyQuestionSurvey } from "./survey-30";

function median(fn: () => void, n: number): number {
  for (let i = 0; i < Math.min(200, n); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(n / 2)]!;
}

const def = thirtyQuestionSurvey();
const answer = thirtyQuestionAnswer(1);
const bad = { ...answer, r1: 9, c1: "nope" };
const accepted = median(() => validateResponse(def, answer, { locale: "ru" }), 5000);
const rejected = median(() => validateResponse(def, bad, { locale: "ru" }), 5000);
const baseline = median(() => JSON.parse(JSON.stringify(answer)), 5000);
console.log(`validateResponse accepted: median ${accepted.toFixed(3)} ms (${(accepted / baseline).toFixed(1)}x JSON round trip of the answer, ${baseline.toFixed(4)} ms)`);
console.log(`validateResponse rejected: median ${rejected.toFixed(3)} ms; budget for 1,000/s on 2 cores: 2 ms ${accepted < 2 && rejected < 2 ? "ok" : "MISSED"}`);

const rows = Array.from({ length: 100_000 }, (_, i) => `org-${i % 500},vk,,https://vk.com/club${i}`);
const text = ["organisation_code,platform,platform_id,url", ...rows].join("\n");
const existing = { territoryCodes: new Set<string>(), organisationCodes: new Set(Array.from({ length: 500 }, (_, i) => `org-${i}`)), pages: new Map<string, string>() };
const planMs = median(() => planRegistryImport({ pages: text }, existing), 5);
const parseMs = median(() => parse(text, { columns: true }), 5);
console.log(`registry plan, 100,000 page rows: median ${planMs.toFixed(0)} ms (${(planMs / parseMs).toFixed(1)}x csv-parse alone, ${parseMs.toFixed(0)} ms)`);

/**
 * Demo answers to the demo survey "internet-2026", generated deterministically so the results
 * page has something to weigh: the sample over-represents women, the young and small districts
 * (every district about equally often whatever its population), as a real online poll does, so
 * switching weights on visibly moves the shares. Every answer set is checked by the same
 * validation as a resident's submission before it is stored; a set it refuses is dropped.
 */
import { validateResponse } from "../../app/domain/survey";
import { prng } from "./demo-region";

export const DEMO_RESPONSES_SURVEY = "internet-2026";

/** Illustrative adult population shares for the demo region (not official statistics). */
export const DEMO_MARGINS = {
  sex: { male: 0.46, female: 0.54 },
  age_band: { "18-29": 0.17, "30-44": 0.29, "45-59": 0.25, "60+": 0.29 },
} as const;

const pick = <T>(random: () => number, items: readonly T[], weights?: readonly number[]): T => {
  const w = weights ?? items.map(() => 1);
  let r = random() * w.reduce((s, x) => s + x, 0);
  for (let i = 0; i < items.length; i++) if ((r -= w[i]!) < 0) return items[i]!;
  return items[items.length - 1]!;
};

export function demoAnswers(definition: Record<string, unknown>, territoryCodes: string[], count: number, seed = 2026) {
  const random = prng(seed);
  const out: Array<{ answers: Record<string, unknown>; durationMs: number; dayOffset: number }> = [];
  for (let i = 0; i < count * 2 && out.length < count; i++) {
    const territory = pick(random, territoryCodes);
    const city = territory === "amur-blagoveshchensk" || territory === "amur-belogorsk";
    const sex = pick(random, ["male", "female"], [0.35, 0.65]);
    const age = pick(random, ["18-29", "30-44", "45-59", "60+"], [0.3, 0.35, 0.22, 0.13]);
    const frequency = pick(random, ["daily", "weekly", "rarely", "never"], age === "60+" ? [0.35, 0.25, 0.25, 0.15] : [0.8, 0.12, 0.06, 0.02]);
    const answers: Record<string, unknown> = { territory, sex, age_band: age, frequency };
    if (frequency !== "never") {
      answers.devices = ["phone", ...(random() < 0.55 ? ["computer"] : []), ...(random() < 0.25 ? ["tablet"] : [])];
      answers.services = ["gosuslugi", "banking", "shopping", "doctor"].filter(() => random() < 0.5);
      if ((answers.services as string[]).length === 0) delete answers.services;
    }
    // towns have better mobile internet than villages
    answers.mobile_quality = Math.min(5, Math.max(1, Math.round((city ? 3.8 : 2.6) + (random() - 0.5) * 2.4)));
    answers.outage_last_month = random() < (city ? 0.2 : 0.45);
    if (frequency === "daily") answers.hours_per_day = Math.round(1 + random() * 7);
    if (random() < 0.7) answers.priorities = [...["coverage", "speed", "price", "wifi"]].sort(() => random() - 0.5);
    const checked = validateResponse(definition, answers);
    if (!checked.ok) continue;
    // a few answer far too fast, which the data-quality pass flags
    const durationMs = random() < 0.04 ? 15_000 + random() * 10_000 : 90_000 + random() * 240_000;
    out.push({ answers: checked.cleaned, durationMs: Math.round(durationMs), dayOffset: Math.floor(random() * 21) });
  }
  return out;
}

/**
 * bench:results' data: the 30-question survey (the demographic block, 18 choice questions with
 * 3–7 choices, 5 ratings, 2 checkboxes, a 4-row matrix, a comment), the SQL that generates a
 * range of its responses inside PostgreSQL, and the population totals the survey is weighted to.
 *
 * Every answer comes from hashtext() of the response number and the question name, so a rebuild
 * gives the same million answers. The sample is skewed against the totals (more respondents from
 * the first territories, more women, more 30–59s) so raking has real work, and choice answers
 * lean on territory, sex or age band so weighted and unweighted shares differ.
 */
import { demographicBlock } from "../../app/domain/survey/designer/blocks";

export const SURVEY_SLUG = "bench-results-30";

export const TERRITORIES = Array.from({ length: 10 }, (_, i) => ({ code: `bench-t${String(i + 1).padStart(2, "0")}`, name: `Район ${i + 1}` }));
const TERRITORY_POPULATION = [400_000, 120_000, 80_000, 60_000, 50_000, 45_000, 40_000, 35_000, 30_000, 25_000]; // Σ 885,000
const SEX_POPULATION = { male: 410_000, female: 475_000 };
const AGE_POPULATION = { "18-29": 177_000, "30-44": 238_950, "45-59": 230_100, "60+": 238_950 };

const letters = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + i));

type Spec =
  | { name: string; type: "radiogroup"; n: number; skip: number; shift: "t" | "s" | "a" }
  | { name: string; type: "rating"; skip: number }
  | { name: string; type: "checkbox"; n: number }
  | { name: string; type: "matrix"; rows: number }
  | { name: string; type: "comment" };

/** The 27 questions after the demographic block. */
export const QUESTIONS: Spec[] = [
  ...Array.from({ length: 18 }, (_, k): Spec => ({ name: `q${k + 1}`, type: "radiogroup", n: 3 + (k % 5), skip: k < 9 ? 0 : 8, shift: (["a", "s", "t"] as const)[k % 3]! })),
  ...Array.from({ length: 5 }, (_, k): Spec => ({ name: `r${k + 1}`, type: "rating", skip: 5 })),
  { name: "m1", type: "checkbox", n: 5 },
  { name: "m2", type: "checkbox", n: 5 },
  { name: "grid", type: "matrix", rows: 4 },
  { name: "comment", type: "comment" },
];

export function surveyDefinition(): Record<string, unknown> {
  const element = (q: Spec): Record<string, unknown> => {
    const title = `Вопрос ${q.name}`;
    switch (q.type) {
      case "radiogroup":
        return { type: "radiogroup", name: q.name, title, isRequired: q.skip === 0, choices: letters(q.n).map((v) => ({ value: v, text: `Вариант ${v.toUpperCase()}` })) };
      case "rating":
        return { type: "rating", name: q.name, title, rateMin: 1, rateMax: 5 };
      case "checkbox":
        return { type: "checkbox", name: q.name, title, choices: letters(q.n).map((v) => ({ value: v, text: `Вариант ${v.toUpperCase()}` })) };
      case "matrix":
        return {
          type: "matrix",
          name: q.name,
          title,
          rows: Array.from({ length: q.rows }, (_, i) => ({ value: `row${i + 1}`, text: `Строка ${i + 1}` })),
          columns: ["1", "2", "3", "4", "5"],
        };
      case "comment":
        return { type: "comment", name: q.name, title, maxLength: 2000 };
    }
  };
  const els = QUESTIONS.map(element);
  return {
    locale: "ru",
    pages: [
      { name: "p1", elements: [demographicBlock(TERRITORIES), ...els.slice(0, 9)] },
      { name: "p2", elements: els.slice(9, 23) },
      { name: "p3", elements: els.slice(23) },
    ],
  };
}

export function targetsCsv(): string {
  const lines = ["dimension,category,population"];
  TERRITORIES.forEach((t, i) => lines.push(`territory,${t.code},${TERRITORY_POPULATION[i]}`));
  for (const [k, v] of Object.entries(SEX_POPULATION)) lines.push(`sex,${k},${v}`);
  for (const [k, v] of Object.entries(AGE_POPULATION)) lines.push(`age_band,${k},${v}`);
  return lines.join("\n");
}

/** A non-negative 31-bit hash of the response number and a name. */
const hash = (name: string) => `(hashtext(i::text || '${name}')::bigint & 2147483647)`;
/** A uniform number in [0, 1) from a hash column. */
const unit = (h: string) => `((${h} % 1000003)::float8 / 1000003)`;
/** An independent percentage (0–99) from the same hash's upper bits. */
const pct = (h: string) => `((${h} / 1000003) % 100)`;

function answerExpression(q: Spec): string {
  const h = `h_${q.name}`;
  switch (q.type) {
    case "radiogroup": {
      // a skewed base choice, rotated by the respondent's territory, sex or age band
      const value = `chr(97 + ((floor(${q.n} * power(${unit(h)}, 1.6::float8))::int + ${q.shift}) % ${q.n}))`;
      return q.skip > 0 ? `case when ${pct(h)} < ${q.skip} then null else ${value} end` : value;
    }
    case "rating":
      return `case when ${pct(h)} < ${q.skip} then null else 1 + (floor(5 * power(${unit(h)}, 0.7::float8))::int + a) % 5 end`;
    case "checkbox": {
      const picks = letters(q.n).map((v, j) => `case when ${h} & ${1 << j} <> 0 then '${v}' end`);
      return `to_jsonb(nullif(array_remove(array[${picks.join(", ")}], null), '{}'::text[]))`;
    }
    case "matrix": {
      const cells = Array.from({ length: q.rows }, (_, j) => `'row${j + 1}', (1 + ((${h} >> ${4 * j}) % 5 + a) % 5)::text`);
      return `case when ${pct(h)} < 10 then null else jsonb_build_object(${cells.join(", ")}) end`;
    }
    case "comment": {
      const phrases = ["Спасибо за опрос.", "Хотелось бы, чтобы отвечали быстрее.", "Дороги во дворах не чинят третий год.", "Автобусы ходят редко.", "Всё устраивает.", "Нужна поликлиника ближе к дому."];
      return `case when ${pct(h)} < 20 then (array[${phrases.map((p) => `'${p}'`).join(", ")}])[1 + ${h} % ${phrases.length}] end`;
    }
  }
}

/**
 * Inserts responses lo..hi (inclusive). The inner query computes each row's hashes once
 * (`offset 0` keeps PostgreSQL from inlining it and hashing again per reference).
 */
export function insertResponsesSql(surveyId: number, versionId: number, lo: number, hi: number): string {
  const territories = `array[${TERRITORIES.map((t) => `'${t.code}'`).join(", ")}]`;
  const answers = [
    `'territory', (${territories})[t + 1]`,
    `'sex', (array['male', 'female'])[s + 1]`,
    `'age_band', (array['18-29', '30-44', '45-59', '60+'])[a + 1]`,
    ...QUESTIONS.map((q) => `'${q.name}', ${answerExpression(q)}`),
  ];
  return `
    insert into responses (survey_id, version_id, submission_id, answers, raw, locale, started_at, submitted_at, duration_ms)
    select ${surveyId}, ${versionId}, 'bench-' || i, jsonb_strip_nulls(jsonb_build_object(${answers.join(",\n      ")})), '{}'::jsonb, 'ru',
           submitted - duration * interval '1 millisecond', submitted, duration
    from (
      select i,
             least(9, floor(10 * power(${unit(hash("territory"))}, 1.4::float8)))::int as t,
             case when ${hash("sex")} % 100 < 40 then 0 else 1 end as s,
             case when ${unit(hash("age_band"))} < 0.12 then 0 when ${unit(hash("age_band"))} < 0.45 then 1 when ${unit(hash("age_band"))} < 0.80 then 2 else 3 end as a,
             timestamptz '2026-09-01T00:00:00Z' + i * interval '2.5 seconds' as submitted,
             (60000 + ${hash("duration")} % 900000)::int as duration,
             ${QUESTIONS.map((q) => `${hash(q.name)} as h_${q.name}`).join(",\n             ")}
      from generate_series(${lo}, ${hi}) i
      offset 0
    ) x`;
}

/**
 * Population totals uploaded for weighting a survey: a CSV `dimension,category,population`
 * where dimension is a question of the survey and category one of its answer values. Every
 * problem is reported with its line; nothing is accepted from a file with any problem.
 */
import { parse } from "csv-parse/sync";

export interface TargetDimension {
  question: string;
  targets: Record<string, number>;
}

export type TargetsResult = { ok: true; dimensions: TargetDimension[] } | { ok: false; errors: string[] };

/** `questions`: the survey's single-answer questions (valueName -> allowed answer values). */
export function parseTargetsCsv(text: string, questions: ReadonlyMap<string, readonly string[]>): TargetsResult {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (error) {
    return { ok: false, errors: [`the file is not readable CSV: ${(error as Error).message}`] };
  }
  const [header, ...rows] = records;
  if (!header || header.map((h) => h.toLowerCase()).join(",") !== "dimension,category,population") {
    return { ok: false, errors: ["the first line must be the header dimension,category,population"] };
  }
  if (rows.length === 0) return { ok: false, errors: ["the file has no totals"] };
  const errors: string[] = [];
  const by = new Map<string, Record<string, number>>();
  rows.forEach((row, i) => {
    const line = i + 2;
    if (row.length !== 3) return void errors.push(`line ${line}: expected 3 columns, found ${row.length}`);
    const [dimension, category, raw] = row as [string, string, string];
    const allowed = questions.get(dimension);
    if (!allowed) return void errors.push(`line ${line}: "${dimension}" is not a single-answer question of this survey`);
    if (!allowed.includes(category)) return void errors.push(`line ${line}: "${category}" is not an answer of "${dimension}" (answers: ${allowed.join(", ")})`);
    const population = Number(raw.replace(/[\s\u00a0]/g, ""));
    if (raw === "" || !Number.isFinite(population) || population <= 0) return void errors.push(`line ${line}: the population must be a positive number, got "${raw}"`);
    const targets = by.get(dimension) ?? {};
    if (category in targets) return void errors.push(`line ${line}: "${dimension}" / "${category}" is given twice`);
    targets[category] = population;
    by.set(dimension, targets);
  });
  if (errors.length > 0) return { ok: false, errors };
  const dimensions = [...by].map(([question, targets]) => ({ question, targets }));
  const totals = dimensions.map((d) => Object.values(d.targets).reduce((s, v) => s + v, 0));
  dimensions.forEach((d, i) => {
    if (Math.abs(totals[i]! - totals[0]!) > 1e-9 * totals[0]!) errors.push(`"${d.question}" sums to ${totals[i]}, but "${dimensions[0]!.question}" sums to ${totals[0]}: every dimension must describe the same population`);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, dimensions };
}

/**
 * Export variables from the survey's questions: the one place that decides how each SurveyJS
 * answer shape becomes flat columns, so CSV, SPSS and XLSX exports agree.
 *
 *   radiogroup, dropdown, buttongroup, boolean, rating, single imagepicker → one numeric variable,
 *       codes 1..k in choice order (or the values themselves, codeScheme "values"), value labels;
 *       with an "other" item, a companion `<name>_other` string holds the typed text.
 *   checkbox, tagbox, multi imagepicker → one 0/1 variable per choice `<name>_<k>` (+ `_other`).
 *   ranking → one variable per choice `<name>_<k>` holding its rank (1 = first).
 *   matrix → one variable per row `<name>_<r>` holding the column's code.
 *   matrixdropdown → one string per row × column `<name>_<r>_<column>`.
 *   multipletext → one string per item `<name>_<item>`.
 *   text, comment, expression → one string (numeric for number/range inputs when known).
 *   anything else (paneldynamic, matrixdynamic, file, signaturepad, slider…) → compact JSON.
 * Choices and rows (which are values) are numbered; columns and items (which are names) are named.
 *
 * With a plain QuestionInfo (not from exportQuestions) what it does not say is guessed: an
 * imagepicker is single-choice, a question has an "other" item when one of its choices has the
 * value "other" (survey-core's fixed value), and comment areas are not exported.
 */
import { NameRegistry, spssName } from "./names";
import type { ExportColumn, ExportOptions, ExportQuestion, Extract, LeadingColumn, ValueLabel } from "./types";

const SINGLE = new Set(["radiogroup", "dropdown", "buttongroup", "boolean", "rating"]);
const MULTI = new Set(["checkbox", "tagbox"]);
const TEXT = new Set(["text", "comment", "expression"]);

/** Default SPSS string widths in bytes (UTF-8: a Cyrillic letter takes 2). */
export const WIDTH = { text: 2000, json: 2000, other: 1000, cell: 255, leading: 255 } as const;

export function exportColumns(questions: readonly ExportQuestion[], extra: ExportOptions = {}): ExportColumn[] {
  const names = new NameRegistry();
  const out: ExportColumn[] = [];
  (extra.leading ?? []).forEach((l, index) => out.push(leadingColumn(l, index, names)));
  questions.forEach((q, i) => out.push(...questionColumns(q, i, names, extra.codeScheme ?? "index")));
  return out;
}

function leadingColumn(l: LeadingColumn, index: number, names: NameRegistry): ExportColumn {
  const col: ExportColumn = {
    name: names.claim(spssName(l.name, `v${index + 1}`)),
    label: l.label ?? l.name,
    type: l.type,
    source: { kind: "leading", name: l.name, index },
  };
  if (l.type === "numeric") col.spssFormat = l.spssFormat ?? "F12.0";
  else col.width = l.width ?? WIDTH.leading;
  if (l.measure) col.measure = l.measure;
  return col;
}

function questionColumns(q: ExportQuestion, index: number, names: NameRegistry, scheme: "index" | "values"): ExportColumn[] {
  const base = spssName(q.name, `q${index + 1}`);
  const title = oneLine(q.title || q.name);
  const key = q.valueName;
  const answer = (extract: Extract) => ({ kind: "answer" as const, question: key, extract });
  const str = (name: string, label: string, extract: Extract, width: number): ExportColumn => ({ name, label, type: "string", width, source: answer(extract) });
  const choices = q.choices ?? [];
  const values = choices.map((c) => c.value);
  const texts = choices.map((c) => oneLine(c.text));
  const otherValue = q.otherValue !== undefined ? q.otherValue : values.includes("other") ? "other" : null;
  const otherColumn = (): ExportColumn[] => {
    if (otherValue === null) return [];
    const text = texts[values.indexOf(otherValue)] ?? "other";
    return [str(names.claim(base, "other"), sub(title, text), { kind: "other", values, otherValue }, WIDTH.other)];
  };
  const commentColumn = (): ExportColumn[] => (q.commentArea ? [str(names.claim(base, "comment"), sub(title, "comment"), { kind: "comment" }, WIDTH.other)] : []);
  const multiple = MULTI.has(q.type) || (q.type === "imagepicker" && q.multiple === true);
  const single = SINGLE.has(q.type) || (q.type === "imagepicker" && !multiple);

  if (single && choices.length > 0) {
    const codes = codesFor(values, scheme);
    const col: ExportColumn = {
      name: names.claim(base),
      label: title,
      type: "numeric",
      valueLabels: labels(codes, texts),
      spssFormat: "F8.0",
      measure: q.type === "rating" ? "ordinal" : "nominal",
      source: answer({ kind: "single", values, codes, texts, otherValue }),
    };
    return [col, ...otherColumn(), ...commentColumn()];
  }
  if (multiple && choices.length > 0) {
    const dummies = choices.map((c, k): ExportColumn => ({
      name: names.claim(base, String(k + 1)),
      label: sub(title, texts[k]!),
      type: "numeric",
      spssFormat: "F1.0",
      measure: "nominal",
      source: answer({ kind: "dummy", value: c.value, values, isOther: otherValue !== null && c.value === otherValue }),
    }));
    return [...dummies, ...otherColumn(), ...commentColumn()];
  }
  if (q.type === "ranking" && choices.length > 0) {
    const ranks = choices.map((c, k): ExportColumn => ({
      name: names.claim(base, String(k + 1)),
      label: sub(title, texts[k]!),
      type: "numeric",
      spssFormat: "F4.0",
      measure: "ordinal",
      source: answer({ kind: "rank", value: c.value }),
    }));
    return [...ranks, ...commentColumn()];
  }
  if (q.type === "matrix" && (q.rows?.length ?? 0) > 0 && (q.columns?.length ?? 0) > 0) {
    const colValues = q.columns!.map((c) => c.value);
    const colTexts = q.columns!.map((c) => oneLine(c.text));
    const codes = codesFor(colValues, scheme);
    const isMulti = q.multiple === true;
    const rows = q.rows!.map((r, k): ExportColumn => {
      const extract: Extract = { kind: "matrixRow", row: String(r.value), values: colValues, codes, texts: colTexts, multiple: isMulti };
      const name = names.claim(base, String(k + 1));
      const label = sub(title, oneLine(r.text));
      if (isMulti) return str(name, label, extract, WIDTH.cell);
      return { name, label, type: "numeric", valueLabels: labels(codes, colTexts), spssFormat: "F8.0", measure: "nominal", source: answer(extract) };
    });
    return [...rows, ...commentColumn()];
  }
  if (q.type === "matrixdropdown" && (q.rows?.length ?? 0) > 0 && (q.columns?.length ?? 0) > 0) {
    const cells: ExportColumn[] = [];
    q.rows!.forEach((r, k) => {
      for (const c of q.columns!) {
        const column = String(c.value);
        cells.push(str(names.claim(base, `${k + 1}_${column}`), sub(title, `${oneLine(r.text)}: ${oneLine(c.text)}`), { kind: "cell", row: String(r.value), column }, WIDTH.cell));
      }
    });
    return [...cells, ...commentColumn()];
  }
  if (q.type === "multipletext" && (q.columns?.length ?? 0) > 0) {
    return q.columns!.map((it) => str(names.claim(base, String(it.value)), sub(title, oneLine(it.text)), { kind: "item", item: String(it.value) }, WIDTH.cell));
  }
  if (TEXT.has(q.type) || single) {
    // A single choice whose list is only known at run time (choicesFromQuestion, choicesByUrl) is kept as text.
    const name = names.claim(base);
    if (q.numeric) return [{ name, label: title, type: "numeric", spssFormat: "F12.2", measure: "scale", source: answer({ kind: "text", numeric: true }) }, ...commentColumn()];
    return [str(name, title, { kind: "text", numeric: false }, single ? WIDTH.cell : WIDTH.text), ...commentColumn()];
  }
  return [str(names.claim(base), title, { kind: "json" }, WIDTH.json), ...commentColumn()];
}

/** 1..k, or the values themselves when asked and every value is a distinct integer. */
function codesFor(values: unknown[], scheme: "index" | "values"): number[] {
  if (scheme === "values" && values.length > 0 && values.every((v) => typeof v === "number" && Number.isInteger(v)) && new Set(values).size === values.length) {
    return values as number[];
  }
  return values.map((_, k) => k + 1);
}

function labels(codes: number[], texts: string[]): ValueLabel[] {
  return codes.map((code, k) => ({ code, label: texts[k] ?? String(code) }));
}

/** "Title: part", without doubling a colon the title already ends with. */
function sub(title: string, part: string): string {
  return title.endsWith(":") ? `${title} ${part}` : `${title}: ${part}`;
}

/** Labels are single-line: newlines and runs of spaces become one space. */
function oneLine(text: string): string {
  return String(text).replace(/\s+/g, " ").trim();
}

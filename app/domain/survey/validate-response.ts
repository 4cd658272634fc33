/**
 * Server-side validation of one submission against the STORED definition (never the client's).
 *
 * 1. Body: a plain object with at most 2,000 keys ("not_object", "too_many_keys"; question null).
 * 2. Strict static checks (strict.ts) of what survey-core does not check. If any fail, only those
 *    errors are returned and nothing untrusted reaches survey-core. Codes: unknown_key,
 *    invalid_type, too_long, out_of_range, out_of_scale, invalid_choice, other_not_allowed,
 *    none_not_allowed, exclusive_choice, duplicate_choice, too_many_choices, too_few_choices,
 *    incomplete_ranking, unknown_row, unknown_column, too_many_items, too_few_items, too_large.
 * 3. Visibility and survey-core's validation. Answers to questions, rows or columns that are
 *    hidden given the submitted answers: hidden_question, hidden_row, hidden_column (run-time
 *    choice lists, e.g. choicesFromQuestion, give invalid_choice / incomplete_ranking). Then
 *    survey-core's `validate(true, false)`, texts in the requested locale, codes: required,
 *    required_one, required_all_rows, rows_not_unique, too_few_rows, duplicate_key, other_empty,
 *    not_numeric, file_too_large, validator (validators, min/max, minSelectedChoices). Questions
 *    within the fast path (rules.ts) get exactly these results without a survey-core model
 *    (judge.ts); the others go through one cached survey-core model per definition and locale
 *    (live.ts), reset before every call.
 * Keys besides question values: `<valueName>-Comment` (comment area, or "other" text when stored
 * as a comment; also inside panel items and matrix rows for their cells), `<valueName>-total`
 * (totals of matrices with totalType columns: must be an object of the total columns) and
 * calculated values with includeIntoResult. Anything else is unknown_key.
 * `cleaned` is a copy of the answers without `-total` keys (survey-core recomputes them), the
 * `-Comment` of a question whose only comment is its "other" text when "other" is not selected,
 * and empty values of hidden questions.
 */
import { firstUnstorableText } from "../storable-text";
import { fastJudge } from "./judge";
import { coreValidate, liveCheck, loadAnswers, visible, type CoreError } from "./live";
import { coreCode, plainText, strictText, withQuestion } from "./messages";
import { createSlimModel, getPrepared, prepareAllCore, slimModel, textQuestions, type Engine, type Prepared, type RootQuestion } from "./prepared";
import { keyOf } from "./spec";
import { MAX_KEYS, isEmptyValue, isPlainObject, strictCheck, type Issue } from "./strict";
import type { AnswerError, Locale, SurveyDefinition, ValidateOptions, ValidateResult } from "./types";

function localeText(loc: any, locale: Locale | undefined): string {
  if (!loc || typeof loc.getLocaleText !== "function") return "";
  return (locale && loc.getLocaleText(locale)) || loc.getLocaleText("default") || loc.getLocaleText("") || "";
}

function titleOf(q: any, locale: Locale | undefined): string {
  if (!q) return "";
  return plainText(localeText(q.locTitle, locale) || q.name || "");
}

function rootTitle(prep: Prepared, name: string | null, locale: Locale | undefined): string | null {
  if (name === null) return null;
  const r = prep.byName.get(name);
  return r ? titleOf(r.q, locale) || name : name;
}

function fromIssue(prep: Prepared, i: Issue, locale: Locale | undefined): AnswerError {
  const text = strictText(i.code, i.params, locale);
  return { question: i.question, code: i.code, message: withQuestion(rootTitle(prep, i.question, locale), i.path, i.question, text, locale), path: i.path };
}

function fromCore(prep: Prepared, e: CoreError, locale: Locale | undefined): AnswerError {
  const root = rootTitle(prep, e.question, locale) ?? e.question;
  const inner = e.q && e.q.name !== e.question ? titleOf(e.q, locale) : "";
  const title = inner && inner !== root ? `${root} → ${inner}` : root;
  const r = prep.byName.get(e.question);
  return { question: e.question, code: coreCode(e.type), message: withQuestion(title, e.path, r?.key ?? e.question, plainText(e.text), locale), path: e.path };
}

function otherSelected(value: unknown, otherKey: string): boolean {
  const vals = Array.isArray(value) ? value : [value];
  return vals.some((v) => keyOf(v) === otherKey);
}

function buildCleaned(prep: Prepared, answers: Record<string, unknown>, hidden: Set<string>): Record<string, unknown> {
  const cleaned = structuredClone(answers);
  for (const key of Object.keys(cleaned)) {
    const base = prep.commentKeys.get(key);
    const spec = base === undefined ? undefined : prep.keySpec.get(base);
    const dropTotal = prep.totalKeys.has(key) && !prep.keySpec.has(key);
    const dropComment =
      !prep.keySpec.has(key) &&
      spec?.kind === "select" &&
      !!spec.otherKey &&
      !prep.byKey.get(base!)?.[0]?.q?.showCommentArea &&
      !otherSelected(answers[base!], spec.otherKey);
    if (dropTotal || dropComment || hidden.has(key)) delete cleaned[key];
  }
  return cleaned;
}

/** Keys whose (empty) values belong to questions that are not shown: dropped from `cleaned`. */
function emptyHiddenKeys(prep: Prepared, isShown: (r: RootQuestion) => boolean, answers: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(answers)) {
    if (!isEmptyValue(value)) continue;
    const roots = prep.byKey.get(prep.commentKeys.get(key) ?? key);
    if (roots && !roots.some(isShown)) out.add(key);
  }
  return out;
}

interface InternalOptions extends ValidateOptions {
  /** Reference path for tests: every question judged by a brand-new survey-core model given `data`. */
  reference?: boolean;
  /** "core": every question judged by the cached survey-core model (tests: proves no state leaks). */
  engine?: Engine;
}

export function validateResponse(definition: SurveyDefinition, answers: unknown, opts: ValidateOptions = {}): ValidateResult {
  return validateResponseInternal(definition, answers, opts);
}

export function validateResponseInternal(definition: SurveyDefinition, answers: unknown, opts: InternalOptions = {}): ValidateResult {
  if (!isPlainObject(answers)) {
    return { ok: false, errors: [{ question: null, code: "not_object", message: strictText("not_object", undefined, opts.locale) }] };
  }
  const count = Object.keys(answers).length;
  if (count > MAX_KEYS) {
    return { ok: false, errors: [{ question: null, code: "too_many_keys", message: strictText("too_many_keys", { max: MAX_KEYS }, opts.locale) }] };
  }
  const prep = opts.reference ? prepareAllCore(definition) : getPrepared(definition, opts.engine);
  const unstorable = firstUnstorableText(answers);
  if (unstorable) {
    const top = unstorable.path.split(/[.[]/)[0] ?? "";
    const question = prep.byName.has(top) ? top : null;
    return { ok: false, errors: [{ question, code: "unstorable_text", message: strictText("unstorable_text", undefined, opts.locale), path: unstorable.path }] };
  }
  // Without a requested locale, messages follow the survey's own language.
  const locale: Locale | undefined = opts.locale ?? (prep.full.locale === "ru" ? "ru" : undefined);
  const strict = strictCheck(prep, answers);
  if (strict.issues.length > 0) return { ok: false, errors: sortErrors(prep, strict.issues.map((i) => fromIssue(prep, i, locale))) };

  const fast = fastJudge(prep, answers, textQuestions(prep, locale));
  let model: any = null;
  if (prep.slimJson) {
    const fresh = opts.reference === true || !prep.reuseModel;
    model = fresh ? createSlimModel(prep, locale ?? "") : slimModel(prep, locale);
    loadAnswers(model, prep, answers, fresh);
  }
  const isShown = (r: RootQuestion) => (r.fast ? fast.visible.get(r.name) === true : visible(model?.getQuestionByName(r.name)));
  const errors: AnswerError[] = [...liveCheck(prep, isShown, model, answers), ...fast.issues].map((i) => fromIssue(prep, i, locale));
  const core: CoreError[] = [...fast.errors, ...(model ? coreValidate(prep, model) : [])];
  errors.push(...core.map((e) => fromCore(prep, e, locale)));
  if (errors.length > 0) return { ok: false, errors: sortErrors(prep, errors) };
  return {
    ok: true,
    cleaned: buildCleaned(prep, answers, emptyHiddenKeys(prep, isShown, answers)),
    warnings: strict.warnings.map((i) => fromIssue(prep, i, locale)),
  };
}

function sortErrors(prep: Prepared, errors: AnswerError[]): AnswerError[] {
  const order = (e: AnswerError) => (e.question === null ? -1 : (prep.byName.get(e.question)?.index ?? prep.roots.length));
  return errors.map((e, i) => ({ e, i })).sort((a, b) => order(a.e) - order(b.e) || a.i - b.i).map(({ e }) => e);
}


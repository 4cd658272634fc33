/**
 * Fast-path rules. Loading answers into a survey-core model and calling `validate(true, false)`
 * costs 0.1-4 ms per question, so for questions whose logic is limited to what is listed here the
 * server reproduces survey-core's validation itself (judge.ts). Everything else stays with
 * survey-core (prepared.ts keeps those questions in the "slim" model).
 *
 * Supported: radiogroup, dropdown, checkbox, tagbox, ranking, imagepicker, rating, boolean, text,
 * comment, expression, matrix (radio cells), multipletext, and matrixdropdown / matrixdynamic /
 * paneldynamic whose cells / template questions are themselves supported; visibleIf / enableIf /
 * requiredIf on questions, panels, pages, matrix columns (enableIf/requiredIf) and rowsVisibleIf
 * of dropdown matrices; isRequired, readOnly, "other" stored as a comment, none / refuse /
 * don't-know items, minSelectedChoices, numeric min/max of non-date inputs, the automatic e-mail
 * check of inputType "email", eachRowRequired / eachRowUnique, minRowCount, and the value-only
 * validators (email, regex, numeric, text, answercount). Conditions run through survey-core's
 * ConditionRunner; error texts are read from survey-core question objects and localisation.
 */
import { ConditionRunner } from "survey-core";
import type { Spec } from "./spec";

export type Visibility = boolean | ConditionRunner;

export interface NodeRule {
  /** Key of the value in its container (answers, panel item or matrix row). */
  key: string;
  name: string;
  /** Path of names from the top-level question, e.g. ["relatives", "liveage"]. */
  textPath: string[];
  spec: Spec;
  visible: Visibility[];
  enable: ConditionRunner[];
  readOnly: boolean;
  required: boolean;
  requiredIf: ConditionRunner | null;
  keepHidden: boolean;
  minSelected: number;
  min: number | null;
  max: number | null;
  autoEmail: boolean;
  eachRowRequired: boolean;
  eachRowUnique: boolean;
  /** matrix: row values; matrixdropdown: row values (visibility via rowsVisibleIf). */
  rows: string[];
  rowsVisibleIf: ConditionRunner | null;
  minRowCount: number;
  items: { name: string; required: boolean }[];
  /** Template questions (paneldynamic) or columns (matrices), in survey-core's order. */
  children: NodeRule[];
  hasValidators: boolean;
}

const LEAF_TYPES = new Set(["radiogroup", "dropdown", "checkbox", "tagbox", "ranking", "imagepicker", "rating", "boolean", "text", "comment", "expression", "matrix", "multipletext"]);
const CONTAINER_TYPES = new Set(["paneldynamic", "matrixdynamic", "matrixdropdown"]);
const VALUE_VALIDATORS = new Set(["emailvalidator", "regexvalidator", "numericvalidator", "textvalidator", "answercountvalidator"]);
const DATE_INPUTS = new Set(["date", "datetime", "datetime-local", "month", "week", "time"]);
const isSet = (v: unknown) => v !== undefined && v !== null && v !== "";

const runners = new Map<string, ConditionRunner | null>();
function runner(expr: unknown): ConditionRunner | null {
  if (typeof expr !== "string" || expr.trim() === "") return null;
  let r = runners.get(expr);
  if (r === undefined) {
    r = new ConditionRunner(expr);
    if (r.isAsync || !r.canRun()) r = null;
    if (runners.size > 5_000) runners.clear();
    runners.set(expr, r);
  }
  return r;
}
const conditionsOk = (...exprs: unknown[]) => exprs.every((e) => !isSet(e) || runner(e) !== null);
const hasCondition = (x: any) => !!(x?.visibleIf || x?.enableIf || x?.requiredIf);

function validatorsOk(q: any): boolean {
  return (q.validators ?? []).every((v: any) => VALUE_VALIDATORS.has(v.getType()) && (v.notificationType ?? "error") === "error");
}

function textOk(q: any): boolean {
  if (q.maskType && q.maskType !== "none") return false;
  if (q.minValueExpression || q.maxValueExpression) return false;
  if ((isSet(q.min) || isSet(q.max)) && DATE_INPUTS.has(q.inputType)) return false;
  if (q.inputType === "number" && isSet(q.step)) return false;
  return [q.min, q.max].every((v) => !isSet(v) || typeof v === "number");
}

function eligible(q: any, spec: Spec): boolean {
  const type: string = q.getType();
  if ((!LEAF_TYPES.has(type) && !CONTAINER_TYPES.has(type)) || !validatorsOk(q)) return false;
  if (q.resetValueIf || q.setValueIf || q.setValueExpression || q.defaultValueExpression) return false;
  if ((type === "expression" || CONTAINER_TYPES.has(type)) && (q.validators?.length ?? 0) > 0) return false;
  if (type === "text" && !textOk(q)) return false;
  if (spec.kind === "select" && (spec.dynamicChoices || spec.commentChoices.size > 0 || spec.valuePropertyName || spec.otherAsText || q.hideIfChoicesEmpty || q.showCommentArea)) return false;
  if (type === "matrix" && (q.cellType === "checkbox" || q.rowsVisibleIf || q.columnsVisibleIf || [...(q.rows ?? []), ...(q.columns ?? [])].some(hasCondition))) return false;
  if (type === "multipletext") {
    for (const item of q.items ?? []) {
      const ed = item.editor;
      if (!ed || hasCondition(ed) || !validatorsOk(ed) || !textOk(ed) || isSet(ed.min) || isSet(ed.max)) return false;
    }
  }
  if (type === "paneldynamic" && (q.templateVisibleIf || q.keyName || q.defaultPanelValue)) return false;
  if (type === "matrixdynamic" || type === "matrixdropdown") {
    if (q.keyName || (q.detailPanelMode && q.detailPanelMode !== "none") || q.hideIfRowsEmpty || q.eachRowRequired || q.eachRowUnique) return false;
    if (q.defaultRowValue || q.defaultValue || q.defaultValueExpression) return false;
    if (q.columnsVisibleIf || (q.rows ?? []).some(hasCondition) || !conditionsOk(q.rowsVisibleIf)) return false;
    if ((q.columns ?? []).some((c: any) => c.visibleIf || c.isUnique || !conditionsOk(c.enableIf, c.requiredIf))) return false;
  }
  return true;
}

function base(q: any, spec: Spec, key: string, textPath: string[]): NodeRule | null {
  if (!eligible(q, spec) || !conditionsOk(q.visibleIf, q.enableIf, q.requiredIf)) return null;
  const type: string = q.getType();
  const minMax = type === "text" && !DATE_INPUTS.has(q.inputType);
  return {
    key,
    name: q.name,
    textPath,
    spec,
    visible: [q.visibleIf ? runner(q.visibleIf)! : !!q.visible],
    enable: q.enableIf ? [runner(q.enableIf)!] : [],
    // survey-core stores enableIf's result in readOnly: only a question without enableIf is statically read-only.
    readOnly: !q.enableIf && !!q.readOnly,
    required: !!q.isRequired && !q.requiredIf,
    requiredIf: q.requiredIf ? runner(q.requiredIf) : null,
    keepHidden: q.getClearIfInvisible?.() === "none",
    minSelected: type === "checkbox" ? Number(q.minSelectedChoices) || 0 : 0,
    min: minMax && typeof q.min === "number" ? q.min : null,
    max: minMax && typeof q.max === "number" ? q.max : null,
    autoEmail: type === "text" && q.inputType === "email" && !(q.validators ?? []).some((v: any) => v.getType() === "emailvalidator"),
    eachRowRequired: type === "matrix" && !!q.eachRowRequired,
    eachRowUnique: type === "matrix" && !!q.eachRowUnique,
    rows: type === "matrix" || type === "matrixdropdown" ? (q.rows ?? []).map((r: any) => String(r.value)) : [],
    rowsVisibleIf: type === "matrixdropdown" && q.rowsVisibleIf ? runner(q.rowsVisibleIf) : null,
    minRowCount: type === "matrixdynamic" ? Number(q.minRowCount) || 0 : 0,
    items: type === "multipletext" ? (q.items ?? []).map((it: any) => ({ name: String(it.name), required: !!it.isRequired })) : [],
    children: [],
    hasValidators: (q.validators?.length ?? 0) > 0,
  };
}

/** Adds the conditions and read-only flags of the panels between `q` and `stop` (exclusive). */
function withParents(rule: NodeRule, q: any, stop: any): NodeRule | null {
  for (let p = q.parent; p && p !== stop; p = p.parent) {
    if (p.requiredIf || p.isRequired || !conditionsOk(p.visibleIf, p.enableIf)) return null;
    rule.visible.push(p.visibleIf ? runner(p.visibleIf)! : !!p.visible);
    if (p.enableIf) rule.enable.push(runner(p.enableIf)!);
    rule.readOnly = rule.readOnly || (!p.enableIf && !!p.readOnly);
  }
  return rule;
}

function children(q: any, spec: Spec, textPath: string[]): NodeRule[] | null {
  if (!("cells" in spec) || spec.kind === "multipletext") return [];
  const out: NodeRule[] = [];
  if (spec.kind === "paneldynamic") {
    for (const tq of q.template?.questions ?? []) {
      const cs = spec.cells.get(tq.getValueName?.() || tq.name);
      const r = cs && base(tq, cs, cs.key, [...textPath, tq.name]);
      const child = r && withParents(r, tq, q.template);
      const grand = child && children(tq, cs, child.textPath);
      if (!child || !grand) return null;
      child.children = grand;
      out.push(child);
    }
    return out;
  }
  for (const col of q.columns ?? []) {
    const cs = spec.cells.get(col.name);
    const tq = col.templateQuestion;
    if (!cs || !tq) continue;
    const child = base(tq, cs, col.name, [...textPath, col.name]);
    if (!child || CONTAINER_TYPES.has(tq.getType())) return null;
    child.visible = [true];
    child.readOnly = !col.enableIf && !!col.readOnly;
    if (col.enableIf) child.enable = [runner(col.enableIf)!];
    if (col.requiredIf) child.requiredIf = runner(col.requiredIf);
    child.required = !!col.isRequired && !col.requiredIf;
    out.push(child);
  }
  return out;
}

/** The fast rule of a top-level question, or null when survey-core must judge it. */
export function fastRule(q: any, spec: Spec, model: any): NodeRule | null {
  if (model.firstPageIsStartPage && q.page === model.pages[0]) return null;
  const r = base(q, spec, spec.key, [q.name]);
  const rule = r && withParents(r, q, null);
  if (!rule) return null;
  rule.readOnly = rule.readOnly || !!model.isDisplayMode;
  const kids = children(q, spec, rule.textPath);
  if (!kids) return null;
  rule.children = kids;
  return rule;
}

/** Evaluates visibility parts against the condition values. */
export function holds(parts: Visibility[], values: Record<string, unknown>): boolean {
  for (const p of parts) {
    if (p === true) continue;
    if (p === false || !p.runValues(values)) return false;
  }
  return true;
}

/**
 * The fast path (see rules.ts): survey-core's `validate(true, false)` for the supported
 * questions, reproduced without loading answers into a survey-core model: same conditions
 * (survey-core's ConditionRunner), same emptiness (the question's own `isValueEmpty`), same
 * checks in the same order, same texts (read from a pristine model in the requested locale).
 * Nested questions (dynamic panels, matrix cells) are judged with `{panel.x}` / `{row.x}` /
 * `{item}` in the condition values, as survey-core does.
 */
import { EmailValidator } from "survey-core";
import { holds, type NodeRule } from "./rules";
import { COMMENT_SUFFIX, keyOf } from "./spec";
import { isEmptyValue, isPlainObject, type Issue } from "./strict";
import type { Prepared } from "./prepared";

export interface FastError {
  question: string;
  path: string;
  type: string;
  text: string;
  q: any;
}

export interface FastResult {
  /** Visibility of every fast top-level question. */
  visible: Map<string, boolean>;
  errors: FastError[];
  /** Answers to hidden nested questions / rows. */
  issues: Issue[];
}

type Values = Record<string, unknown>;
type Add = (type: string, text: string) => void;

const requiredText = (lq: any) => lq.requiredErrorText || lq.getLocalizationString("requiredError");
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function runValidators(lq: any, value: unknown, add: Add): void {
  const title = typeof lq.getValidatorTitle === "function" ? lq.getValidatorTitle() : null;
  for (const v of lq.validators ?? []) {
    const res = v.validate(value, title, {});
    if (res?.error) add(res.error.getErrorType(), res.error.getText());
  }
}

class Judge {
  visible = new Map<string, boolean>();
  errors: FastError[] = [];
  issues: Issue[] = [];
  private root = "";

  constructor(private texts: Map<string, any>) {}

  top(rule: NodeRule, answers: Values): void {
    this.root = rule.name;
    const shown = holds(rule.visible, answers);
    this.visible.set(rule.name, shown);
    if (shown) this.node(rule, answers, answers, rule.key);
  }

  /** One visible question whose value is `container[rule.key]`. */
  private node(rule: NodeRule, container: Values, values: Values, path: string): void {
    if (rule.readOnly || rule.enable.some((c) => !c.runValues(values))) return;
    const lq = this.texts.get(rule.textPath.join("/"));
    if (!lq) return;
    const required = rule.requiredIf ? !!rule.requiredIf.runValues(values) : rule.required;
    const value = container[rule.key];
    const errs: { type: string; text: string }[] = [];
    const add: Add = (type, text) => errs.push({ type, text });
    this.own(rule, lq, value, container, required, add);
    if (errs.length === 0 && rule.hasValidators) runValidators(lq, value, add);
    for (const e of errs) this.errors.push({ question: this.root, path, type: e.type, text: e.text, q: lq });
    if (rule.spec.kind === "multipletext") this.items(rule, lq, value, path);
    else if (rule.spec.kind === "paneldynamic") this.panels(rule, value, values, path);
    else if (rule.spec.kind === "matrixdynamic") this.matrixDynamic(rule, value, values, path);
    else if (rule.spec.kind === "matrixdropdown") this.rows(rule, value, values, path);
  }

  /** Question.onCheckForErrors of the supported types, in survey-core's order. */
  private own(rule: NodeRule, lq: any, value: unknown, container: Values, required: boolean, add: Add): void {
    const empty = lq.isValueEmpty(value);
    if (required && empty) add("required", requiredText(lq));
    const spec = rule.spec;
    if (spec.kind === "select") {
      if (spec.otherKey && asList(value).some((v) => keyOf(v) === spec.otherKey) && isEmptyValue(container[rule.key + COMMENT_SUFFIX])) {
        add("otherempty", lq.otherErrorText || lq.getLocalizationString("otherRequiredError"));
      }
      const vals = asList(value);
      const noneOnly = vals.length === 1 && spec.exclusive.has(keyOf(vals[0]) ?? "");
      if (rule.minSelected > 0 && !noneOnly && vals.length < rule.minSelected) add("custom", lq.getLocalizationFormatString("minSelectError", rule.minSelected));
    }
    if (rule.minRowCount > 0 && required) {
      const filled = asList(value).filter((row) => !isEmptyValue(row)).length;
      if (filled < rule.minRowCount) add("minrowcounterror", String(lq.getLocalizationString("minRowCountError")).replace("{0}", String(rule.minRowCount)));
    }
    if (!empty) {
      // survey-core compares the raw value with JavaScript's < and > (so "50" > 10 too).
      const raw = value as number;
      if (rule.min !== null && raw < rule.min) add("custom", String(lq.minErrorText).replace("{0}", String(rule.min)));
      if (rule.max !== null && raw > rule.max) add("custom", String(lq.maxErrorText).replace("{0}", String(rule.max)));
    }
    if (rule.autoEmail && !empty) {
      const v: any = new EmailValidator();
      v.owner = lq;
      const res = v.validate(value, lq.getValidatorTitle?.() ?? null);
      if (res?.error) add(res.error.getErrorType(), res.error.getText());
    }
    if (rule.eachRowRequired || rule.eachRowUnique) this.matrixRows(rule, lq, value, add);
  }

  private matrixRows(rule: NodeRule, lq: any, value: unknown, add: Add): void {
    const obj = isPlainObject(value) ? value : {};
    const seen = new Set<string>();
    let missing = false;
    let duplicate = false;
    for (const row of rule.rows) {
      const cellEmpty = lq.isValueEmpty(obj[row]);
      if (cellEmpty && rule.eachRowRequired) missing = true;
      if (!cellEmpty && rule.eachRowUnique) {
        const k = keyOf(obj[row]) ?? JSON.stringify(obj[row]);
        if (seen.has(k)) duplicate = true;
        seen.add(k);
      }
    }
    if (missing) add("requiredinallrowserror", lq.getLocalizationString("requiredInAllRowsError"));
    if (duplicate) add("eachrowuniqueerror", lq.getLocalizationString("eachRowUniqueError"));
  }

  private items(rule: NodeRule, lq: any, value: unknown, path: string): void {
    const obj = isPlainObject(value) ? value : {};
    for (const item of lq.items ?? []) {
      const ed = item.editor;
      const v = obj[item.name];
      const errs: { type: string; text: string }[] = [];
      if (rule.items.find((i) => i.name === item.name)?.required && ed.isValueEmpty(v)) errs.push({ type: "required", text: requiredText(ed) });
      if (errs.length === 0) runValidators(ed, v, (type, text) => errs.push({ type, text }));
      for (const e of errs) this.errors.push({ question: this.root, path: `${path}.${item.name}`, type: e.type, text: e.text, q: ed });
    }
  }

  /** Nested questions of one panel item / matrix row: visibility first, then the question. */
  private children(rule: NodeRule, obj: Values, values: Values, path: string): void {
    for (const child of rule.children) {
      if (!holds(child.visible, values)) {
        const v = obj[child.key];
        const c = obj[child.key + COMMENT_SUFFIX];
        if ((!isEmptyValue(v) || !isEmptyValue(c)) && !child.keepHidden) this.issues.push({ question: this.root, code: "hidden_question", path: `${path}.${child.key}` });
        continue;
      }
      this.node(child, obj, values, `${path}.${child.key}`);
    }
  }

  private panels(rule: NodeRule, value: unknown, values: Values, path: string): void {
    const ctx: Values = { ...values };
    asList(value).forEach((item, i) => {
      const obj = isPlainObject(item) ? item : {};
      ctx.panel = obj;
      ctx.panelIndex = i;
      this.children(rule, obj, ctx, `${path}[${i}]`);
    });
  }

  private matrixDynamic(rule: NodeRule, value: unknown, values: Values, path: string): void {
    const ctx: Values = { ...values };
    asList(value).forEach((row, i) => {
      const obj = isPlainObject(row) ? row : {};
      ctx.row = obj;
      this.cells(rule, obj, ctx, `${path}[${i}]`);
    });
  }

  private cells(rule: NodeRule, row: unknown, values: Values, path: string): void {
    this.children(rule, isPlainObject(row) ? row : {}, values, path);
  }

  private rows(rule: NodeRule, value: unknown, values: Values, path: string): void {
    const obj = isPlainObject(value) ? value : {};
    const ctx: Values = { ...values }; // one context object, re-pointed per row
    for (const row of rule.rows) {
      if (rule.rowsVisibleIf) {
        ctx.item = row;
        delete ctx.row;
        if (!rule.rowsVisibleIf.runValues(ctx)) {
          if (!isEmptyValue(obj[row])) this.issues.push({ question: this.root, code: "hidden_row", path: `${path}.${row}` });
          continue;
        }
      }
      const rowObj = isPlainObject(obj[row]) ? (obj[row] as Values) : {};
      delete ctx.item;
      ctx.row = rowObj;
      this.cells(rule, rowObj, ctx, `${path}.${row}`);
    }
  }
}

/** Visibility of every fast question and survey-core's errors for the visible, enabled ones. */
export function fastJudge(prep: Prepared, answers: Values, texts: Map<string, any>): FastResult {
  const j = new Judge(texts);
  for (const r of prep.roots) if (r.fast) j.top(r.fast, answers);
  return { visible: j.visible, errors: j.errors, issues: j.issues };
}

/**
 * Checks that need the answers loaded into survey-core: visibility (hidden questions, rows,
 * columns), run-time choice lists, and survey-core's own validation.
 */
import { COMMENT_SUFFIX, keyOf, needsLive, type SelectSpec, type Spec } from "./spec";
import type { Prepared, RootQuestion } from "./prepared";
import { isEmptyValue, isPlainObject, type Issue } from "./strict";

export interface CoreError {
  question: string;
  path: string;
  type: string;
  text: string;
  /** The live question the error is on (for its title). */
  q: any;
}

export const visible = (q: any) => !!(q && q.isVisible && q.isParentVisible);
const keyOfQ = (q: any): string => q.getValueName?.() || q.name;

/**
 * Loads answers into a slim model. Server semantics: an absent, null or [] answer to a dynamic
 * panel or dynamic matrix means zero panels / rows (survey-core would otherwise validate the
 * empty panels/rows it starts with; a browser always submits those questions' values, so this
 * only matters for hand-made bodies, where `isRequired` and `minRowCount` still apply).
 * A reused model keeps state from the previous call, so it is first given no answers and its
 * dynamic questions are emptied (panelCount/rowCount = 0 discards their panels and rows); nested
 * dynamic questions live in panels re-created from the template, so they start fresh. Tests
 * compare the reused model with a brand-new one on hand-written and random answer sequences.
 */
export function loadAnswers(model: any, prep: Prepared, answers: Record<string, unknown>, fresh = false): void {
  const dynamic: any[] = prep.dynamicInSlim.map((name) => model.getQuestionByName(name)).filter(Boolean);
  if (!fresh) {
    // Pass through "no answers" first: some questions derive state from their previous value
    // (a ranking re-fills itself when its choices change), which a fresh model never has.
    model.data = {};
    for (const q of dynamic) setCount(q, 0);
  }
  model.data = structuredClone(answers);
  for (const q of dynamic) {
    const v = answers[q.getValueName?.() || q.name];
    if (noEntries(v)) setCount(q, 0);
    if (q.getType() === "paneldynamic") emptyNested(q);
  }
}

const noEntries = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

function setCount(q: any, n: number): void {
  if (q.getType() === "paneldynamic" && q.panelCount !== n) q.panelCount = n;
  else if (q.getType() === "matrixdynamic" && q.rowCount !== n) q.rowCount = n;
}

function emptyNested(pd: any): void {
  for (const panel of pd.panels ?? []) {
    for (const q of panel.questions ?? []) {
      const t = q.getType();
      if (t !== "matrixdynamic" && t !== "paneldynamic") continue;
      if (noEntries(q.value)) setCount(q, 0);
      if (t === "paneldynamic") emptyNested(q);
    }
  }
}

class LiveChecker {
  issues: Issue[] = [];
  constructor(private question: string) {}

  add(code: string, path: string, params?: Record<string, string | number>) {
    this.issues.push({ question: this.question, code, path, ...(params ? { params } : {}) });
  }

  walk(spec: Spec, q: any, v: unknown, path: string): void {
    if (!needsLive(spec) || isEmptyValue(v)) return;
    switch (spec.kind) {
      case "select":
        if (spec.live && !spec.unverified) this.choices(spec, q, v, path);
        return;
      case "matrix": {
        if (!isPlainObject(v)) return;
        const rows = new Set((q.visibleRows ?? []).map((r: any) => String(r.name)));
        const cols = new Set((q.visibleColumns ?? []).map((c: any) => keyOf(c.value)));
        for (const [row, col] of Object.entries(v)) {
          if (isEmptyValue(col)) continue;
          if (!rows.has(row)) this.add("hidden_row", `${path}.${row}`);
          else for (const c of Array.isArray(col) ? col : [col]) if (!cols.has(keyOf(c))) this.add("hidden_column", `${path}.${row}`, { value: String(c) });
        }
        return;
      }
      case "matrixdropdown": {
        if (!isPlainObject(v)) return;
        const rows = new Map<string, any>((q.visibleRows ?? []).map((r: any) => [String(r.rowName), r]));
        for (const [rowName, obj] of Object.entries(v)) {
          if (isEmptyValue(obj)) continue;
          const row = rows.get(rowName);
          if (!row) this.add("hidden_row", `${path}.${rowName}`);
          else this.cells(spec.cells, row, obj, `${path}.${rowName}`);
        }
        return;
      }
      case "matrixdynamic": {
        if (!Array.isArray(v)) return;
        const rows: any[] = q.visibleRows ?? [];
        v.forEach((obj, i) => rows[i] && this.cells(spec.cells, rows[i], obj, `${path}[${i}]`));
        return;
      }
      case "paneldynamic": {
        if (!Array.isArray(v)) return;
        const panels: any[] = q.panels ?? [];
        v.forEach((obj, i) => panels[i] && isPlainObject(obj) && this.panel(spec.cells, panels[i], obj, `${path}[${i}]`));
        return;
      }
      default:
        return;
    }
  }

  panel(cells: Map<string, Spec>, panel: any, obj: Record<string, unknown>, path: string): void {
    const byKey = new Map<string, any>();
    for (const q of panel.questions ?? []) if (!byKey.has(keyOfQ(q))) byKey.set(keyOfQ(q), q);
    for (const [k, val] of Object.entries(obj)) {
      if (isEmptyValue(val)) continue;
      const base = k.endsWith(COMMENT_SUFFIX) && !byKey.has(k) ? k.slice(0, -COMMENT_SUFFIX.length) : k;
      const q = byKey.get(base);
      if (!q) continue;
      if (!visible(q)) {
        if (q.getClearIfInvisible?.() !== "none") this.add("hidden_question", `${path}.${k}`);
        continue;
      }
      const spec = cells.get(base);
      if (spec && base === k) this.walk(spec, q, val, `${path}.${k}`);
    }
  }

  cells(cells: Map<string, Spec>, row: any, obj: unknown, path: string): void {
    if (!isPlainObject(obj)) return;
    for (const cell of row.cells ?? []) {
      const col = String(cell.column?.name ?? "");
      const val = obj[col];
      if (isEmptyValue(val)) continue;
      const cq = cell.question;
      if (!cq || !cq.isVisible || cell.column?.isColumnVisible === false) {
        this.add("hidden_question", `${path}.${col}`);
        continue;
      }
      const spec = cells.get(col);
      if (spec) this.walk(spec, cq, val, `${path}.${col}`);
    }
  }

  choices(spec: SelectSpec, q: any, v: unknown, path: string): void {
    const items: any[] = q.visibleChoices ?? [];
    const allowed = new Set(items.map((c) => keyOf(c.value)));
    const values = spec.multiple && Array.isArray(v) ? v : [v];
    values.forEach((el, i) => {
      let raw = el;
      if (isPlainObject(el)) raw = spec.valuePropertyName ? el[spec.valuePropertyName] : el.value;
      if (allowed.has(keyOf(raw)) || (spec.otherAsText && typeof raw === "string")) return;
      this.add("invalid_choice", spec.multiple ? `${path}[${i}]` : path, { value: String(raw) });
    });
    if (spec.ranking && !spec.selectToRank && Array.isArray(v) && v.length > 0) {
      const count = items.filter((c) => !spec.special.has(keyOf(c.value) ?? "")).length;
      if (v.length !== count) this.add("incomplete_ranking", path, { count });
    }
  }
}

/** Hidden-question checks and run-time choice/row checks for every answered key. */
export function liveCheck(prep: Prepared, isShown: (r: RootQuestion) => boolean, model: any | null, answers: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(answers)) {
    if (isEmptyValue(value)) continue;
    const isComment = !prep.byKey.has(key) && prep.commentKeys.has(key);
    const roots = prep.byKey.get(isComment ? prep.commentKeys.get(key)! : key);
    if (!roots) continue;
    const shown = roots.filter(isShown);
    if (shown.length === 0) {
      if (!roots.some((r) => r.keepHidden)) issues.push({ question: roots[0]!.name, code: "hidden_question", path: key });
      continue;
    }
    if (isComment) continue;
    for (const r of shown) {
      if (!r.complex || !needsLive(r.spec)) continue;
      const c = new LiveChecker(r.name);
      c.walk(r.spec, model.getQuestionByName(r.name), value, key);
      issues.push(...c.issues);
    }
  }
  return issues;
}

/** survey-core's validation, then every error of every visible question (nested ones included). */
export function coreValidate(prep: Prepared, model: any): CoreError[] {
  model.validate(true, false);
  const out: CoreError[] = [];
  const collect = (q: any, root: string, path: string) => {
    for (const e of q.errors ?? []) out.push({ question: root, path, type: e.getErrorType(), text: e.getText(), q });
    const t = q.getType();
    if (t === "paneldynamic") {
      (q.panels ?? []).forEach((p: any, i: number) => {
        for (const qq of p.questions ?? []) if (visible(qq)) collect(qq, root, `${path}[${i}].${keyOfQ(qq)}`);
      });
    } else if (t === "matrixdropdown" || t === "matrixdynamic") {
      (q.visibleRows ?? []).forEach((row: any, i: number) => {
        const rp = t === "matrixdropdown" ? `${path}.${row.rowName}` : `${path}[${i}]`;
        for (const cell of row.cells ?? []) if (cell.question?.isVisible) collect(cell.question, root, `${rp}.${cell.column?.name}`);
        for (const dq of row.detailPanel?.questions ?? []) if (visible(dq)) collect(dq, root, `${rp}.${keyOfQ(dq)}`);
      });
    } else if (t === "multipletext") {
      for (const item of q.items ?? []) if (item.editor) collect(item.editor, root, `${path}.${item.name}`);
    }
  };
  for (const r of prep.roots) {
    if (!r.complex) continue;
    const q = model.getQuestionByName(r.name);
    if (visible(q)) collect(q, r.name, r.key);
  }
  for (const panel of model.getAllPanels?.() ?? []) {
    if (!panel.isVisible || !(panel.errors?.length > 0)) continue;
    const first = panel.questions?.[0];
    for (const e of panel.errors) out.push({ question: first?.name ?? panel.name, path: panel.name, type: e.getErrorType(), text: e.getText(), q: panel });
  }
  return out;
}

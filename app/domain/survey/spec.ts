/**
 * Answer specs: what shape each question's answer may take, read once per definition from a
 * pristine survey-core model (so defaults, inherited matrix cell types, generated choices
 * (choicesMin/Max) and generated rating scales are exactly survey-core's).
 */

import { DEFAULT_MAX_STRING, MAX_DATA_URL, keyOf, type Base, type SelectSpec, type Spec } from "./spec-types";

export * from "./spec-types";

const NUMERIC_INPUTS = new Set(["number", "range"]);
export const NON_VALUE_TYPES = new Set(["html", "image", "panel", "flowpanel"]);

function num(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function keys(items: any[]): Set<string> {
  const out = new Set<string>();
  for (const it of items) {
    const k = keyOf(it?.value);
    if (k !== null) out.add(k);
  }
  return out;
}

const hasCondition = (item: any) => !!(item?.visibleIf || item?.enableIf);

function selectSpec(base: Base, q: any, type: string, fallbackChoices: any[] | null): SelectSpec {
  const multiple = type === "checkbox" || type === "tagbox" || type === "ranking" || (type === "imagepicker" && !!q.multiSelect);
  const fromQuestion = !!q.choicesFromQuestion;
  const byUrl = !!q.choicesByUrl?.url;
  const own: any[] = q.choices ?? [];
  // visibleChoices holds generated items (choicesMin/choicesMax) plus special items.
  const visible: any[] = (q.visibleChoices ?? []).filter((c: any) => !isSpecialItem(q, c));
  const list = own.length > 0 || visible.length > 0 ? [...own, ...visible] : (fallbackChoices ?? []);
  const special = new Map<string, "other" | "none">();
  const exclusive = new Set<string>();
  const addSpecial = (on: boolean, item: any, kind: "other" | "none") => {
    const k = keyOf(item?.value);
    if (!on || k === null) return;
    special.set(k, kind);
    if (kind === "none") exclusive.add(k);
  };
  addSpecial(!!q.showOtherItem, q.otherItem, "other");
  addSpecial(!!q.showNoneItem, q.noneItem, "none");
  addSpecial(!!q.showRefuseItem, q.refuseItem, "none");
  addSpecial(!!q.showDontKnowItem, q.dontKnowItem, "none");
  for (const c of list) {
    const k = c?.isExclusive ? keyOf(c.value) : null;
    if (k !== null) exclusive.add(k);
  }
  const storeAsComment = typeof q.getStoreOthersAsComment === "function" ? !!q.getStoreOthersAsComment() : true;
  const dynamicChoices = fromQuestion || byUrl || !!q.choicesVisibleIf || !!q.choicesEnableIf || list.some(hasCondition);
  return {
    ...base,
    kind: "select",
    hasComment: !!q.showCommentArea || (!!q.showOtherItem && storeAsComment),
    live: base.live || dynamicChoices,
    multiple,
    ranking: type === "ranking",
    selectToRank: !!q.selectToRankEnabled,
    allowed: fromQuestion || byUrl ? null : keys(list),
    unverified: byUrl && !fromQuestion,
    dynamicChoices,
    otherKey: q.showOtherItem ? keyOf(q.otherItem?.value) : null,
    otherAsText: !!q.showOtherItem && !storeAsComment,
    special,
    exclusive,
    commentChoices: keys(list.filter((c: any) => c?.showCommentArea)),
    minSelected: Number(q.minSelectedChoices) || 0,
    maxSelected: Number(q.maxSelectedChoices) || 0,
    valuePropertyName: typeof q.valuePropertyName === "string" && q.valuePropertyName ? q.valuePropertyName : null,
  };
}

function isSpecialItem(q: any, c: any): boolean {
  return c === q.otherItem || c === q.noneItem || c === q.refuseItem || c === q.dontKnowItem || c === q.selectAllItem;
}

function cellMap(questions: any[], fallbackChoices: any[] | null): Map<string, Spec> {
  const out = new Map<string, Spec>();
  for (const q of questions) {
    const s = specOf(q, fallbackChoices);
    if (s && !out.has(s.key)) out.set(s.key, s);
  }
  return out;
}

function matrixCells(q: any): Map<string, Spec> {
  const matrixChoices: any[] = q.choices ?? [];
  const out = new Map<string, Spec>();
  for (const col of q.columns ?? []) {
    const tq = col.templateQuestion;
    if (!tq) continue;
    const s = specOf(tq, matrixChoices, col.name);
    if (!s) continue;
    if (col.visibleIf || col.isUnique) s.live = true;
    out.set(col.name, s);
  }
  const detail: any[] = q.detailPanelMode && q.detailPanelMode !== "none" ? (q.detailPanel?.questions ?? []) : [];
  for (const [k, s] of cellMap(detail, null)) if (!out.has(k)) out.set(k, s);
  return out;
}

/** Spec of one question (top-level, panel template question, matrix column template or item editor). */
export function specOf(q: any, fallbackChoices: any[] | null = null, nameOverride?: string): Spec | null {
  const type: string = q.getType();
  if (NON_VALUE_TYPES.has(type)) return null;
  const name: string = nameOverride ?? q.name;
  const key: string = nameOverride ?? (q.getValueName?.() || name);
  const live = !!(q.visibleIf || q.enableIf || q.requiredIf);
  const base: Base = { name, key, type, hasComment: !!q.showCommentArea, live };
  switch (type) {
    case "text": {
      const numeric = NUMERIC_INPUTS.has(q.inputType);
      const maxLength = typeof q.getMaxLength === "function" ? Number(q.getMaxLength()) : Number(q.maxLength);
      return {
        ...base,
        kind: "text",
        numeric,
        min: numeric ? num(q.min) : null,
        max: numeric ? num(q.max) : null,
        maxLength: maxLength > 0 ? maxLength : DEFAULT_MAX_STRING,
      };
    }
    case "comment": {
      const maxLength = typeof q.getMaxLength === "function" ? Number(q.getMaxLength()) : Number(q.maxLength);
      return { ...base, kind: "text", numeric: false, min: null, max: null, maxLength: maxLength > 0 ? maxLength : DEFAULT_MAX_STRING };
    }
    case "boolean": {
      const t = typeof q.getValueTrue === "function" ? q.getValueTrue() : (q.valueTrue ?? true);
      const f = typeof q.getValueFalse === "function" ? q.getValueFalse() : (q.valueFalse ?? false);
      return { ...base, kind: "boolean", allowed: new Set([keyOf(t), keyOf(f)].filter((k): k is string => k !== null)) };
    }
    case "rating":
      return { ...base, kind: "rating", allowed: keys(q.visibleRateValues ?? []) };
    case "radiogroup":
    case "dropdown":
    case "checkbox":
    case "tagbox":
    case "ranking":
    case "imagepicker":
    case "buttongroup":
      return selectSpec(base, q, type, fallbackChoices);
    case "matrix":
      return {
        ...base,
        kind: "matrix",
        live: live || !!q.rowsVisibleIf || !!q.columnsVisibleIf || (q.rows ?? []).some(hasCondition) || (q.columns ?? []).some(hasCondition),
        rows: new Set((q.rows ?? []).map((r: any) => String(r.value))),
        columns: keys(q.columns ?? []),
        multiple: q.cellType === "checkbox",
      };
    case "matrixdropdown":
      return {
        ...base,
        kind: "matrixdropdown",
        live: live || !!q.rowsVisibleIf || (q.rows ?? []).some(hasCondition),
        rows: new Set((q.rows ?? []).map((r: any) => String(r.value))),
        cells: matrixCells(q),
      };
    case "matrixdynamic":
      return { ...base, kind: "matrixdynamic", cells: matrixCells(q), maxRows: Number(q.maxRowCount) || 1000 };
    case "multipletext": {
      const cells = new Map<string, Spec>();
      for (const item of q.items ?? []) {
        const s = item.editor ? specOf(item.editor, null, item.name) : null;
        if (!s) continue;
        if (s.kind === "text" && !s.numeric && NUMERIC_INPUTS.has(item.inputType)) s.numeric = true;
        cells.set(item.name, s);
      }
      return { ...base, kind: "multipletext", cells };
    }
    case "paneldynamic":
      return {
        ...base,
        kind: "paneldynamic",
        cells: cellMap(q.template?.questions ?? [], null),
        maxPanels: Number(q.maxPanelCount) || 100,
        minPanels: Number(q.minPanelCount) || 0,
      };
    case "file": {
      const maxSize = Number(q.maxSize) || 0;
      return { ...base, kind: "file", multiple: !!q.allowMultiple, maxContent: maxSize > 0 ? Math.ceil((maxSize * 4) / 3) + 512 : MAX_DATA_URL };
    }
    case "slider":
      return { ...base, kind: "slider", min: num(q.min), max: num(q.max) };
    case "expression":
      return { ...base, kind: "expression" };
    case "signaturepad":
      return { ...base, kind: "dataurl" };
    default:
      return { ...base, kind: "opaque" };
  }
}

/** True when any nested spec needs live checks. */
export function needsLive(s: Spec): boolean {
  if (s.live) return true;
  if ("cells" in s) for (const c of s.cells.values()) if (needsLive(c)) return true;
  return false;
}

/**
 * Per-definition preparation, cached: a pristine survey-core model (never given answers), the
 * answer specs, the fast-path rules (rules.ts) and a "slim" survey-core model for the questions
 * the fast path does not cover (dynamic panels, dropdown/dynamic matrices, expression
 * validators, run-time choices...). Fast-path questions are removed from the slim model's JSON,
 * but their answers still go into its data, so conditions that read them work unchanged.
 */
import { Model } from "survey-core";
import "survey-core/i18n/russian";
import "../survey-properties";
import { fastRule, type NodeRule } from "./rules";
import { COMMENT_SUFFIX, TOTAL_SUFFIX, specOf, type Spec } from "./spec";
import type { Locale, SurveyDefinition } from "./types";

export interface RootQuestion {
  name: string;
  key: string;
  index: number;
  spec: Spec;
  /** Judged by survey-core (kept in the slim model); otherwise `fast` is set. */
  complex: boolean;
  fast: NodeRule | null;
  /** clearIfInvisible "none": the author keeps answers of hidden questions. */
  keepHidden: boolean;
  /** The pristine question object (for titles, isValueEmpty, required texts). */
  q: any;
}

export interface Prepared {
  full: any;
  fullJson: SurveyDefinition;
  roots: RootQuestion[];
  byName: Map<string, RootQuestion>;
  byKey: Map<string, RootQuestion[]>;
  /** Spec per answer key (keys shared by a dynamic matrix and a dynamic panel are merged). */
  keySpec: Map<string, Spec>;
  commentKeys: Map<string, string>;
  totalKeys: Map<string, Set<string>>;
  calcKeys: Set<string>;
  slimJson: Record<string, unknown> | null;
  slimModels: Map<string, any>;
  /** Per locale: name path ("q", "panel/q", "matrix/column") -> pristine question in that locale. */
  texts: Map<string, Map<string, any>>;
  dynamicInSlim: string[];
  /**
   * False when questions judged by survey-core share a valueName (a dynamic matrix and a dynamic
   * panel editing one array, say): survey-core's state then cannot be reset reliably, so such
   * definitions get a brand-new slim model on every call (slower, tens of ms).
   */
  reuseModel: boolean;
}

const CONTAINER_TYPES = new Set(["panel", "flowpanel"]);

/** Names other questions read as question objects (not just values): they stay in the slim model. */
function referencedQuestions(def: SurveyDefinition): { names: Set<string>; all: boolean } {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node)) {
      if (k === "choicesFromQuestion" && typeof v === "string") names.add(v);
      else walk(v);
    }
  };
  walk(def);
  // Expression functions that look questions up by name: keep every question in survey-core.
  const all = /\b(displayValue|propertyValue)\s*\(/.test(JSON.stringify(def));
  return { names, all };
}

function mergeShared(a: Spec, b: Spec): Spec {
  const arrayKinds = new Set(["matrixdynamic", "paneldynamic"]);
  if (!arrayKinds.has(a.kind) || !arrayKinds.has(b.kind) || !("cells" in a) || !("cells" in b)) return a;
  const cells = new Map(a.cells);
  for (const [k, v] of b.cells) if (!cells.has(k)) cells.set(k, v);
  const max = (s: Spec) => (s.kind === "matrixdynamic" ? s.maxRows : s.kind === "paneldynamic" ? s.maxPanels : 100);
  return { ...a, kind: "paneldynamic", cells, maxPanels: Math.max(max(a), max(b)), minPanels: 0, live: a.live || b.live } as Spec;
}

function stripKey(node: unknown, key: string): void {
  if (Array.isArray(node)) node.forEach((n) => stripKey(n, key));
  else if (node && typeof node === "object") {
    delete (node as Record<string, unknown>)[key];
    for (const v of Object.values(node)) stripKey(v, key);
  }
}

function dropFast(elements: unknown, fast: Set<string>): unknown {
  if (!Array.isArray(elements)) return elements;
  return elements
    .filter((e) => !(e && typeof e === "object" && fast.has(String((e as any).name)) && !CONTAINER_TYPES.has(String((e as any).type).toLowerCase())))
    .map((e) => {
      if (e && typeof e === "object" && CONTAINER_TYPES.has(String((e as any).type).toLowerCase())) {
        const copy = { ...(e as Record<string, unknown>) };
        if ("elements" in copy) copy.elements = dropFast(copy.elements, fast);
        if ("questions" in copy) copy.questions = dropFast(copy.questions, fast);
        return copy;
      }
      return e;
    });
}

function buildSlimJson(def: SurveyDefinition, fast: Set<string>): Record<string, unknown> {
  const json = structuredClone(def) as Record<string, any>;
  stripKey(json, "choicesByUrl"); // the server never fetches choice lists
  json.questionsOnPageMode = "standard"; // inputPerPage/questionPerPage skip validate() in Node
  for (const k of ["elements", "questions"]) if (k in json) json[k] = dropFast(json[k], fast);
  if (Array.isArray(json.pages)) {
    json.pages = json.pages.map((p: any) => {
      if (!p || typeof p !== "object") return p;
      const copy = { ...p };
      for (const k of ["elements", "questions"]) if (k in copy) copy[k] = dropFast(copy[k], fast);
      return copy;
    });
  }
  return json;
}

function prepare(def: SurveyDefinition, forceCore: boolean): Prepared {
  const full: any = new Model(structuredClone(def));
  const questions: any[] = full.getAllQuestions(false, false, false);
  const keyCount = new Map<string, number>();
  const nameCount = new Map<string, number>();
  for (const q of questions) {
    const k = q.getValueName?.() || q.name;
    keyCount.set(k, (keyCount.get(k) ?? 0) + 1);
    nameCount.set(q.name, (nameCount.get(q.name) ?? 0) + 1);
  }
  const refs = referencedQuestions(def);
  // Calculated values / variables live in the survey model: leave such surveys to survey-core.
  forceCore = forceCore || (full.calculatedValues?.length ?? 0) > 0;
  const roots: RootQuestion[] = [];
  const byName = new Map<string, RootQuestion>();
  const byKey = new Map<string, RootQuestion[]>();
  const keySpec = new Map<string, Spec>();
  const commentKeys = new Map<string, string>();
  const totalKeys = new Map<string, Set<string>>();
  for (const q of questions) {
    const spec = specOf(q);
    if (!spec) continue;
    const shared = (keyCount.get(spec.key) ?? 0) > 1 || (nameCount.get(q.name) ?? 0) > 1 || refs.all || refs.names.has(q.name);
    const fast = shared || forceCore ? null : fastRule(q, spec, full);
    const root: RootQuestion = {
      name: q.name,
      key: spec.key,
      index: roots.length,
      spec,
      complex: !fast,
      fast,
      keepHidden: q.getClearIfInvisible?.() === "none",
      q,
    };
    roots.push(root);
    if (!byName.has(q.name)) byName.set(q.name, root);
    byKey.set(spec.key, [...(byKey.get(spec.key) ?? []), root]);
    const prev = keySpec.get(spec.key);
    keySpec.set(spec.key, prev ? mergeShared(prev, spec) : spec);
    if (spec.hasComment) commentKeys.set(spec.key + COMMENT_SUFFIX, spec.key);
    if (spec.kind === "matrixdropdown" || spec.kind === "matrixdynamic") {
      const totals = (q.columns ?? []).filter((c: any) => c.totalType && c.totalType !== "none").map((c: any) => String(c.name));
      if (totals.length > 0) totalKeys.set(spec.key + TOTAL_SUFFIX, new Set(totals));
    }
  }
  const calcKeys = new Set<string>();
  for (const cv of full.calculatedValues ?? []) if (cv.includeIntoResult && cv.name) calcKeys.add(String(cv.name));
  const fastNames = new Set(roots.filter((r) => !r.complex).map((r) => r.name));
  const anyComplex = roots.some((r) => r.complex);
  return {
    full,
    fullJson: structuredClone(def),
    roots,
    byName,
    byKey,
    keySpec,
    commentKeys,
    totalKeys,
    calcKeys,
    slimJson: anyComplex ? buildSlimJson(def, fastNames) : null,
    slimModels: new Map(),
    texts: new Map(),
    dynamicInSlim: roots.filter((r) => r.complex && (r.spec.type === "paneldynamic" || r.spec.type === "matrixdynamic")).map((r) => r.name),
    reuseModel: roots.every((r) => !r.complex || (byKey.get(r.key)?.length ?? 0) < 2),
  };
}

/** Which questions survey-core judges: "auto" = only those the fast path cannot; "core" = all. */
export type Engine = "auto" | "core";

const caches = {
  auto: { byObject: new WeakMap<object, Prepared>(), byText: new Map<string, Prepared>() },
  core: { byObject: new WeakMap<object, Prepared>(), byText: new Map<string, Prepared>() },
};
const TEXT_CACHE_SIZE = 64;

/**
 * Prepared structure for a definition. Cached by object identity (WeakMap) and, for callers that
 * load the same stored definition into a new object on every request, by its JSON text (LRU of
 * 64). Definitions are treated as immutable: do not mutate one after validating with it.
 */
export function getPrepared(def: SurveyDefinition, engine: Engine = "auto"): Prepared {
  const cache = caches[engine];
  const hit = cache.byObject.get(def);
  if (hit) return hit;
  const text = JSON.stringify(def);
  let prep = cache.byText.get(text);
  if (prep) {
    cache.byText.delete(text);
    cache.byText.set(text, prep);
  } else {
    prep = prepare(def, engine === "core");
    cache.byText.set(text, prep);
    if (cache.byText.size > TEXT_CACHE_SIZE) cache.byText.delete(cache.byText.keys().next().value as string);
  }
  cache.byObject.set(def, prep);
  return prep;
}

/** A fresh slim model (for tests and the uncached reference path). */
export function createSlimModel(prep: Prepared, locale: string): any {
  const m: any = new Model(structuredClone(prep.slimJson));
  if (locale) m.locale = locale;
  return m;
}

/** The cached slim model for a locale ("" = the definition's own locale); one per locale. */
export function slimModel(prep: Prepared, locale: Locale | undefined): any {
  const k = locale ?? "";
  let m = prep.slimModels.get(k);
  if (!m) {
    m = createSlimModel(prep, k);
    prep.slimModels.set(k, m);
  }
  return m;
}

/** Uncached preparation with every question judged by survey-core (reference path for tests). */
export function prepareAllCore(def: SurveyDefinition): Prepared {
  return prepare(def, true);
}

/**
 * Question objects of a pristine model in `locale` (never given answers) to read survey-core's
 * texts from, keyed by name path: "q", "panel/q", "matrix/column".
 */
export function textQuestions(prep: Prepared, locale: Locale | undefined): Map<string, any> {
  const k = locale ?? "";
  let map = prep.texts.get(k);
  if (!map) {
    let model = prep.full;
    if (k && k !== (prep.full.locale || "en")) {
      model = new Model(structuredClone(prep.fullJson));
      model.locale = k;
    }
    map = new Map<string, any>();
    const add = (q: any, path: string) => {
      if (map!.has(path)) return;
      map!.set(path, q);
      for (const tq of q.template?.questions ?? []) add(tq, `${path}/${tq.name}`);
      if (q.getType() === "matrixdropdown" || q.getType() === "matrixdynamic") {
        for (const col of q.columns ?? []) if (col.templateQuestion) add(col.templateQuestion, `${path}/${col.name}`);
      }
    };
    for (const q of model.getAllQuestions(false, false, false)) add(q, q.name);
    prep.texts.set(k, map);
  }
  return map;
}

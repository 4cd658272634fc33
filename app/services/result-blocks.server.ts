/**
 * Keeps a survey's column blocks (db/queries/result-blocks.ts) up to date: the results.blocks job
 * copies full blocks of committed responses into per-question arrays, so results read arrays and
 * only the tail of newest answers from the JSON. Which columns: every categorical value of every
 * published version (single answers, matrix rows, checkbox / tagbox / ranking lists).
 */
import type { Database } from "../../db/client";
import {
  blockSet,
  buildNextBlock,
  columnId,
  committedResponseBound,
  DEFAULT_BLOCK_SIZE,
  publishedDefinitions,
  resetBlocks,
  type ResultColumn,
} from "../../db/queries/result-blocks";
import { listQuestions, type QuestionInfo } from "../domain/survey";

export const SCALAR_TYPES = new Set(["radiogroup", "dropdown", "boolean", "rating", "imagepicker"]);
export const LIST_TYPES = new Set(["checkbox", "tagbox", "ranking"]);

const str = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** The block columns of one version's questions. */
export function resultColumns(questions: QuestionInfo[]): ResultColumn[] {
  const out: ResultColumn[] = [];
  for (const q of questions) {
    if (SCALAR_TYPES.has(q.type)) out.push({ kind: "scalar", key: q.valueName });
    else if (LIST_TYPES.has(q.type)) out.push({ kind: "list", key: q.valueName });
    else if (q.type === "matrix" && q.rows) for (const row of q.rows) out.push({ kind: "row", key: q.valueName, row: str(row.value) });
  }
  return out;
}

/** Every published version's columns, once each, in a stable order. */
async function surveyColumns(db: Database, surveyId: number): Promise<ResultColumn[]> {
  const byId = new Map<string, ResultColumn>();
  for (const definition of await publishedDefinitions(db, surveyId)) for (const c of resultColumns(listQuestions(definition))) byId.set(columnId(c), c);
  return [...byId.keys()].sort().map((id) => byId.get(id)!);
}

/**
 * The results.blocks job: full blocks of committed responses after the last block. A changed
 * column set (a version published with other questions) drops the blocks and builds them again.
 */
export async function refreshResultBlocks(db: Database, surveyId: number, options: { blockSize?: number } = {}) {
  const size = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const columns = await surveyColumns(db, surveyId);
  const ids = columns.map(columnId);
  const current = await blockSet(db, surveyId);
  if (!current || current.columns.length !== ids.length || current.columns.some((c, i) => c !== ids[i])) await resetBlocks(db, surveyId, ids);
  const bound = await committedResponseBound(db);
  if (bound === null) return { status: "busy" as const, built: 0 };
  let built = 0;
  while (await buildNextBlock(db, surveyId, columns, bound, size)) built++;
  return { status: "ok" as const, built };
}

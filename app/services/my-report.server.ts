/**
 * The page administrator's view: their organisation's breakdown, or a subordinate's when they
 * ask for one below them, and nothing else (any other id is "forbidden", answered 404).
 */
import type { Database } from "../../db/client";
import { organisationsWithScores, subordinateIds } from "../../db/queries/rankings";
import { organisationReport } from "./reports.server";

export async function myOrganisationReport(db: Database, ownId: number, input: { organisationId: number | null; period: string | null }) {
  const allowed = await subordinateIds(db, ownId);
  const target = input.organisationId ?? ownId;
  if (!allowed.includes(target)) return "forbidden" as const;
  const report = await organisationReport(db, target, input.period);
  if (!report) return "forbidden" as const;
  const below = allowed.filter((id) => id !== ownId);
  const subordinates = target === ownId && below.length ? await subordinateScores(db, below, report.run?.id ?? null) : [];
  return { report, subordinates, isOwn: target === ownId, ownId };
}

async function subordinateScores(db: Database, ids: number[], runId: number | null) {
  return (await organisationsWithScores(db, ids, runId)).map((o) => ({ ...o, ranked: o.ranked ?? 0 }));
}

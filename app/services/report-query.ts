/** The ranked report's query string (page, exports and API share it): parsed, never trusted. */
import { z } from "zod";
import { ORGANISATION_KINDS, PLATFORMS } from "../domain/registry/vocabulary";
import { RANKING_SORTS, type RankingFilters, type RankingSort } from "../../db/queries/rankings";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const rankingQuerySchema = z.object({
  period: z.preprocess(blank, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional()),
  peer: z.preprocess(blank, z.string().max(120).optional()),
  territory: z.preprocess(blank, z.coerce.number().int().positive().max(2_147_483_647).optional()),
  kind: z.preprocess(blank, z.enum(ORGANISATION_KINDS).optional()),
  grade: z.preprocess(blank, z.enum(["green", "yellow", "red"]).optional()),
  platform: z.preprocess(blank, z.enum(PLATFORMS).optional()),
  sort: z.preprocess(blank, z.enum(RANKING_SORTS).optional()),
  methodology: z.preprocess(blank, z.coerce.number().int().positive().max(2_147_483_647).optional()),
});

export type RankingQuery = { period: string | null; filters: RankingFilters; sort: RankingSort; methodologyId?: number };

/** A bad parameter is a 400 with its name, not a silently different report. */
export function parseRankingQuery(url: URL): { ok: true; value: RankingQuery } | { ok: false; errors: Record<string, string> } {
  const parsed = rankingQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return { ok: false, errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "_"), i.message])) };
  const q = parsed.data;
  return {
    ok: true,
    value: { period: q.period ?? null, sort: q.sort ?? "rank", methodologyId: q.methodology, filters: { peerGroup: q.peer, territoryId: q.territory, kind: q.kind, grade: q.grade, platform: q.platform } },
  };
}

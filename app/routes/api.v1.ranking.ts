import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiOrSessionUser } from "../services/api-tokens.server";
import { parseRankingQuery } from "../services/report-query";
import { rankingReport } from "../services/reports.server";

/** GET /api/v1/ranking?period=&peer=&territory=&kind=&grade=&platform=&sort= (token or session, reports:read). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireApiOrSessionUser(context.app, request, "reports:read");
  const query = parseRankingQuery(new URL(request.url));
  if (!query.ok) return Response.json({ errors: query.errors }, { status: 400 });
  const r = await rankingReport(context.app.db, query.value);
  if (!r.run) return Response.json({ error: "no scores yet" }, { status: 404 });
  return Response.json({
    period: r.run.period_label,
    runId: r.run.id,
    scoredAt: r.run.finished_at,
    methodology: r.methodology,
    grades: r.grades,
    rows: r.rows.map((x) => ({
      organisationId: x.organisation_id,
      code: x.code,
      name: x.name_ru,
      nameEn: x.name_en,
      kind: x.kind,
      peerGroup: x.peer_group,
      territory: x.territory_name,
      score: x.score,
      grade: x.grade,
      cappedBy: x.capped_by,
      rank: x.rank,
      ranked: x.ranked,
      previousRank: x.previous_rank,
      movement: x.movement,
      platforms: x.platforms,
    })),
  });
}

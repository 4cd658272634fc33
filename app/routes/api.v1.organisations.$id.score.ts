import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiOrSessionUser } from "../services/api-tokens.server";
import { organisationReport } from "../services/reports.server";

/** GET /api/v1/organisations/:id/score?period= — one organisation's breakdown (token or session, reports:read). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireApiOrSessionUser(context.app, request, "reports:read");
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) return Response.json({ error: "not found" }, { status: 404 });
  const period = new URL(request.url).searchParams.get("period");
  if (period !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return Response.json({ errors: { period: "YYYY-MM" } }, { status: 400 });
  const r = await organisationReport(context.app.db, id, period);
  if (!r) return Response.json({ error: "not found" }, { status: 404 });
  return Response.json({
    organisation: { id: r.organisation.id, code: r.organisation.code, name: r.organisation.name_ru, nameEn: r.organisation.name_en, kind: r.organisation.kind, peerGroup: r.organisation.peer_group },
    period: r.run?.period_label ?? null,
    score: r.score
      ? { score: r.score.score, grade: r.score.grade, cappedBy: r.score.capped_by, rank: r.score.rank, ranked: r.score.ranked, previousRank: r.score.previous_rank, movement: r.score.movement, methodology: r.score.methodology, rating: r.score.rating }
      : null,
    explanation: r.explanation,
    history: r.history,
    pages: r.pages,
    unanswered: { total: r.unanswered.total, comments: r.unanswered.rows.map((c) => ({ pageId: c.page_id, platform: c.platform, url: c.url, createdAt: c.created_at, excerpt: c.text_excerpt })) },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GradeChip } from "../components/reports/Grade";
import { ScoreBreakdown } from "../components/reports/ScoreBreakdown";
import type { Evidence } from "../domain/scoring";
import { requirePermission } from "../services/auth.server";
import { myOrganisationReport } from "../services/my-report.server";
import { useLocale, useT } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context.app, request, "own-organisation:read");
  // The scope comes from the session, never from the URL: ?organisation= may only name the
  // user's own organisation or one below it (parent bodies see their subordinates' scores).
  if (user.organisationId == null) throw new Response("Forbidden", { status: 403 });
  const url = new URL(request.url);
  const asked = url.searchParams.get("organisation");
  const period = url.searchParams.get("period");
  const report = await myOrganisationReport(context.app.db, user.organisationId, {
    organisationId: asked && /^\d{1,9}$/.test(asked) ? Number(asked) : null,
    period: period && /^\d{4}-\d{2}$/.test(period) ? period : null,
  });
  if (report === "forbidden") throw new Response("Not found", { status: 404 });
  return { ...report, now: Date.now() };
}

export default function MyOrganisation() {
  const { report, subordinates, isOwn, ownId, now } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  // a page administrator's evidence stays on this page: their pages and waiting comments
  const evidenceHref = (e: Evidence): string | null => (e.kind === "unanswered_comments" ? "#unanswered" : "pageId" in e ? `#page-${e.pageId}` : null);
  return (
    <>
      {isOwn ? null : (
        <p>
          <Link to="/my">← {t("my.title")}</Link>
        </p>
      )}
      <h1>{t("my.title")}</h1>
      <h2>{locale === "en" && report.organisation.name_en ? report.organisation.name_en : report.organisation.name_ru}</h2>
      <p className="lead">{t("my.lead")}</p>
      <ScoreBreakdown data={report} evidenceHref={evidenceHref} now={now} />
      {subordinates.length ? (
        <section>
          <h2>{t("registry.subordinates")}</h2>
          <table>
            <thead>
              <tr>
                <th>{t("field.organisation")}</th>
                <th className="num">{t("reports.score")}</th>
                <th>{t("reports.gradeLabel")}</th>
                <th className="num">{t("reports.rank")}</th>
              </tr>
            </thead>
            <tbody>
              {subordinates.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/my?organisation=${s.id}`}>{s.name_ru}</Link>
                  </td>
                  <td className="num">{s.score === null ? "—" : s.score.toFixed(1)}</td>
                  <td>
                    <GradeChip grade={s.grade} />
                  </td>
                  <td className="num">{s.rank === null ? "—" : `${s.rank} / ${s.ranked}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {ownId !== report.organisation.id ? null : (
        <p>
          <Link to="/ranking">{t("reports.publicRanking")}</Link>
        </p>
      )}
    </>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScoreBreakdown } from "../components/reports/ScoreBreakdown";
import type { Evidence } from "../domain/scoring";
import { requirePermission } from "../services/auth.server";
import { organisationReport } from "../services/reports.server";
import { idParam, notFound } from "../utils/http.server";
import { useLocale, useT } from "../utils/i18n";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "reports:read");
  const period = new URL(request.url).searchParams.get("period");
  const report = await organisationReport(context.app.db, idParam(params.id), period && /^\d{4}-\d{2}$/.test(period) ? period : null);
  if (!report) notFound();
  return { report, now: Date.now() };
}

export default function OrganisationReport() {
  const { report, now } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const code = report.organisation.code;
  const evidenceHref = (e: Evidence): string | null => {
    switch (e.kind) {
      case "unanswered_comments":
        return "#unanswered";
      case "registry":
        return `/registry/organisations/${encodeURIComponent(code)}`;
      case "survey":
        return `/surveys/${e.surveyId}/results`;
      default:
        return `/audits/pages/${e.pageId}`;
    }
  };
  return (
    <>
      <p>
        <Link to={`/reports?period=${report.run?.period_label ?? ""}`}>← {t("reports.title")}</Link>
      </p>
      <h1>{locale === "en" && report.organisation.name_en ? report.organisation.name_en : report.organisation.name_ru}</h1>
      <ScoreBreakdown data={report} evidenceHref={evidenceHref} now={now} />
      {report.subordinates.length ? (
        <p>
          <Link to={`/reports?period=${report.run?.period_label ?? ""}`}>{t("reports.subordinates", { n: report.subordinates.length })}</Link>
        </p>
      ) : null}
    </>
  );
}

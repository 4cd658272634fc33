/**
 * One printable page per study: its surveys' key weighted results and its focus groups.
 * Thin: check access, call the report service, render; print CSS lives in
 * focus-groups-analysis.css.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PrintButton } from "../components/focus-groups/analysis/PrintButton";
import { ReportFocusGroups } from "../components/focus-groups/analysis/ReportFocusGroups";
import { ReportSurveys } from "../components/focus-groups/analysis/ReportSurveys";
import { can } from "../domain/roles";
import { requirePermission } from "../services/auth.server";
import { studyReport } from "../services/study-report.server";
import reportCss from "../styles/focus-groups-analysis.css";
import { idParam, notFound } from "../utils/http.server";
import { useT } from "../utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.study.title} — отчёт` : "Отчёт по исследованию" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  // participants' words and survey results on one page: both permissions
  const user = await requirePermission(context.app, request, "focus-groups:manage");
  if (!can(user.role, "results:read")) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  const report = await studyReport(context.app, idParam(params.id));
  if (!report) notFound();
  return report;
}

export default function StudyReportPage() {
  const { study, surveys, focusGroups } = useLoaderData<typeof loader>();
  const t = useT();
  const dates = study.startsOn ? `${study.startsOn}${study.endsOn ? ` — ${study.endsOn}` : ""}` : null;
  return (
    <article className="fg-report">
      <p className="no-print fg-report-tools">
        <Link to={`/studies/${study.id}`}>← {t("fgAnalysis.back")}</Link> · <Link to={`/studies/${study.id}/analysis`}>{t("fgAnalysis.analysisLink")}</Link> <PrintButton />
      </p>
      <header>
        <p className="note">{t("fgAnalysis.report.title")}</p>
        <h1>{study.title}</h1>
        <dl className="facts">
          <dt>{t("fgAnalysis.report.kind")}</dt>
          <dd>{t(`studyKind.${study.kind}`)}</dd>
          {dates ? (
            <>
              <dt>{t("fgAnalysis.report.dates")}</dt>
              <dd>{dates}</dd>
            </>
          ) : null}
          {study.organisation ? (
            <>
              <dt>{t("fgAnalysis.report.customer")}</dt>
              <dd>{study.organisation}</dd>
            </>
          ) : null}
        </dl>
        {study.description ? <p className="fg-report-description">{study.description}</p> : null}
      </header>
      <ReportSurveys surveys={surveys} />
      <ReportFocusGroups data={focusGroups} />
    </article>
  );
}

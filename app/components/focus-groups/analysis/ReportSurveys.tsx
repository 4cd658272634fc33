/**
 * The surveys part of the study report: for each survey its first closed questions with the
 * leading answers, the weighted share ± the 95% margin, and the base (n, effective n, deff), or
 * a plain note why the figures are unweighted.
 */
import { Link } from "@remix-run/react";
import type { ReportQuestion, ReportSurvey } from "../../../services/study-report.server";
import { useLocale, useT } from "../../../utils/i18n";
import { fmt, pct } from "../../results/format";

function QuestionTable({ q }: { q: ReportQuestion }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="fg-report-question">
      <h4>
        {q.title}
        {q.multiple ? <small> ({t("fgAnalysis.report.multiple")})</small> : null}
      </h4>
      <p className="note">{t("fgAnalysis.report.base", { n: q.n, nEff: fmt(locale, q.nEff, 1), deff: fmt(locale, q.deff, 2) })}</p>
      {q.n === 0 ? (
        <p className="note">{t("fgAnalysis.report.noAnswers")}</p>
      ) : (
        <table className="fg-report-table">
          <thead>
            <tr>
              <th scope="col">{t("fgAnalysis.report.answer")}</th>
              <th scope="col">{t("fgAnalysis.report.share")}</th>
              <th scope="col">{t("fgAnalysis.report.moe")}</th>
              <th scope="col">{t("fgAnalysis.report.count")}</th>
            </tr>
          </thead>
          <tbody>
            {q.categories.map((c) => (
              <tr key={c.label}>
                <th scope="row">{c.label}</th>
                <td>{pct(locale, c.share)}</td>
                <td>±{pct(locale, c.moe95)}</td>
                <td>{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {q.more > 0 ? <p className="note">{t("fgAnalysis.report.moreAnswers", { n: q.more })}</p> : null}
    </div>
  );
}

function SurveyPart({ s }: { s: ReportSurvey }) {
  const t = useT();
  const note = s.weighting === "weighted" ? "fgAnalysis.report.weighted" : s.weighting === "no_weights" ? "fgAnalysis.report.unweighted" : "fgAnalysis.report.weightsUnusable";
  return (
    <section className="fg-report-survey" aria-labelledby={`survey-${s.id}`}>
      <h3 id={`survey-${s.id}`}>
        {s.title} <span className="badge">{t(`surveyStatus.${s.status}`)}</span>
      </h3>
      <p className="note">
        {t("fgAnalysis.report.responses", { n: s.responses })}
        <span className="no-print">
          {" · "}
          <Link to={`/surveys/${s.id}/results`}>{t("fgAnalysis.report.resultsLink")}</Link>
        </span>
      </p>
      {s.error !== null ? (
        <p className="fg-empty">{t("fgAnalysis.report.noResults", { error: s.error })}</p>
      ) : s.questions.length === 0 ? (
        <p className="fg-empty">{t("fgAnalysis.report.noClosed")}</p>
      ) : (
        <>
          <p className="note">{t(note)}</p>
          {s.questions.map((q) => (
            <QuestionTable key={q.key} q={q} />
          ))}
          {s.moreQuestions > 0 ? <p className="note">{t("fgAnalysis.report.moreQuestions", { n: s.moreQuestions })}</p> : null}
        </>
      )}
    </section>
  );
}

export function ReportSurveys({ surveys }: { surveys: ReportSurvey[] }) {
  const t = useT();
  return (
    <section id="surveys" aria-labelledby="surveys-title" className="fg-section">
      <h2 id="surveys-title">{t("fgAnalysis.report.surveys")}</h2>
      {surveys.length === 0 ? <p className="fg-empty">{t("fgAnalysis.report.noSurveys")}</p> : surveys.map((s) => <SurveyPart key={s.id} s={s} />)}
    </section>
  );
}

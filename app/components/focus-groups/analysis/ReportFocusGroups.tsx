/**
 * The focus-group part of the study report: sessions held, the most frequent codes with their
 * definitions (the methods appendix a reader asks for), and the quotes flagged for the report,
 * grouped by top-level code, consented ones only.
 */
import type { ReportFocusGroups as Data } from "../../../services/study-report.server";
import { useT } from "../../../utils/i18n";
import { QuoteList } from "./QuoteList";

function Sessions({ sessions }: { sessions: Data["sessions"] }) {
  const t = useT();
  return (
    <table className="fg-report-table">
      <caption>{t("fgAnalysis.report.sessions")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("fgAnalysis.report.session")}</th>
          <th scope="col">{t("fgAnalysis.report.date")}</th>
          <th scope="col">{t("fgAnalysis.report.place")}</th>
          <th scope="col">{t("fgAnalysis.report.mode")}</th>
          <th scope="col">{t("fgAnalysis.report.participants")}</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id}>
            <th scope="row">{s.name}</th>
            <td>{s.date ?? "—"}</td>
            <td>{s.place ?? "—"}</td>
            <td>{s.mode === "online" ? t("fgAnalysis.report.mode.online") : t("fgAnalysis.report.mode.in_person")}</td>
            <td>{s.participants}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TopCodes({ data }: { data: Data }) {
  const t = useT();
  if (data.topCodes.length === 0) return <p className="fg-empty">{t("fgAnalysis.report.noCodes")}</p>;
  return (
    <>
      <p className="note">{t("fgAnalysis.report.topCodesNote", { shown: data.topCodes.length, total: data.codesUsed })}</p>
      <table className="fg-report-table">
        <thead>
          <tr>
            <th scope="col">{t("fgAnalysis.report.code")}</th>
            <th scope="col">{t("fgAnalysis.report.turns")}</th>
            <th scope="col">{t("fgAnalysis.report.participants")}</th>
            <th scope="col">{t("fgAnalysis.report.definition")}</th>
          </tr>
        </thead>
        <tbody>
          {data.topCodes.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <span className="fg-swatch" style={{ background: c.color ?? "#2f6db5" }} aria-hidden="true" />
                {c.path}
              </th>
              <td>{c.turns}</td>
              <td>{c.participants}</td>
              <td>{c.definition || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function ReportFocusGroups({ data }: { data: Data }) {
  const t = useT();
  return (
    <section id="focus-groups" aria-labelledby="focus-groups-title" className="fg-section">
      <h2 id="focus-groups-title">{t("fgAnalysis.report.focusGroups")}</h2>
      {data.sessions.length === 0 && data.planned === 0 ? (
        <p className="fg-empty">{t("fgAnalysis.report.noFocusGroups")}</p>
      ) : (
        <>
          {data.sessions.length > 0 ? <Sessions sessions={data.sessions} /> : <p className="fg-empty">{t("fgAnalysis.report.noneHeld")}</p>}
          {data.planned > 0 ? <p className="note">{t("fgAnalysis.report.planned", { n: data.planned })}</p> : null}
          <h3>{t("fgAnalysis.report.topCodes")}</h3>
          <TopCodes data={data} />
          <h3>{t("fgAnalysis.report.quotes")}</h3>
          {data.withheld > 0 ? <p className="note">{t("fgAnalysis.quotes.withheld", { n: data.withheld })}</p> : null}
          {data.quoteGroups.length === 0 ? (
            <p className="fg-empty">{t("fgAnalysis.report.noQuotes")}</p>
          ) : (
            data.quoteGroups.map((g) => (
              <section key={g.codeId} className="fg-report-quotes" aria-labelledby={`quotes-${g.codeId}`}>
                <h4 id={`quotes-${g.codeId}`}>{g.name}</h4>
                <QuoteList quotes={g.quotes} showCodes={false} />
                {g.more > 0 ? <p className="note">{t("fgAnalysis.report.moreQuotes", { n: g.more })}</p> : null}
              </section>
            ))
          )}
        </>
      )}
    </section>
  );
}

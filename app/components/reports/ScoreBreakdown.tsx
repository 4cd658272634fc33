/**
 * One organisation's score explained: grade, rank, criteria with measured values, targets and
 * points, what to fix (each item linked to its evidence), the score history, its pages and the
 * resident comments still waiting for an answer. Shared by the analyst's drill-down and the page
 * administrator's /my; `evidenceHref` decides where evidence leads for the viewer's role.
 */
import type { Evidence, Explanation } from "../../domain/scoring";
import { formatDateTime } from "../../i18n";
import { useLocale, useT, useTimeZone } from "../../utils/i18n";
import { GradeChip, MovementArrow, usePeerGroupLabel } from "./Grade";
import { CriteriaChart, ScoreHistoryChart } from "./ReportCharts";

export interface BreakdownData {
  organisation: { id: number; name_ru: string; name_en: string | null; peer_group: string };
  run: { period_label: string } | null;
  score: {
    score: number | null;
    grade: "green" | "yellow" | "red" | null;
    rank: number | null;
    ranked: number;
    previous_rank: number | null;
    movement: string;
    capped_by: string[];
    methodology: { title: string; version: number };
    rating: { mean: number; moe95: number; n: number; n_eff: number; survey_id: number; survey_title: string } | null;
  } | null;
  explanation: Explanation | null;
  history: Array<{ period_label: string; score: number | null }>;
  pages: Array<{ id: number; platform: string; url: string; active: boolean; audited: boolean }>;
  unanswered: { rows: Array<{ page_id: number; platform: string; url: string | null; text_excerpt: string | null; created_at: Date | string }>; total: number };
}

const ageHours = (created: Date | string, now: number) => Math.max(0, Math.floor((now - new Date(created).getTime()) / 3_600_000));

export function ScoreBreakdown({ data, evidenceHref, now }: { data: BreakdownData; evidenceHref: (e: Evidence) => string | null; now: number }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const peerLabel = usePeerGroupLabel();
  const l = (b: { ru: string; en: string }) => (locale === "en" ? b.en : b.ru);
  const { score, explanation } = data;
  return (
    <>
      {score ? (
        <section aria-labelledby="score-h">
          <h2 id="score-h">{t("reports.scoreFor", { period: data.run!.period_label })}</h2>
          <p className="score-line">
            <strong className="big">{score.score === null ? "—" : score.score.toFixed(1)}</strong> / 100 <GradeChip grade={score.grade} />{" "}
            {score.rank === null ? t("reports.unranked") : t("reports.rankOf", { rank: score.rank, n: score.ranked, group: peerLabel(data.organisation.peer_group) })}{" "}
            <MovementArrow movement={score.movement} previousRank={score.previous_rank} rank={score.rank} />
          </p>
          {score.capped_by.length ? <p className="badge bad">{t("reports.cappedBy", { gates: score.capped_by.join(", ") })}</p> : null}
          <p className="muted">{t("reports.methodology", { title: score.methodology.title, version: score.methodology.version })}</p>
          {score.rating ? <p>{t("reports.rating", { mean: score.rating.mean.toFixed(2), moe: score.rating.moe95.toFixed(2), n: score.rating.n, nEff: Math.round(score.rating.n_eff), survey: score.rating.survey_title })}</p> : null}
        </section>
      ) : (
        <p>{t("reports.noScore")}</p>
      )}
      {explanation ? (
        <section aria-labelledby="fix-h">
          <h2 id="fix-h">{t("reports.criteria")}</h2>
          <CriteriaChart labels={explanation.criteria.map((c) => l(c.label))} points={explanation.criteria.map((c) => c.points)} max={explanation.criteria.map((c) => c.maxPoints)} />
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t("reports.criterion")}</th>
                  <th>{t("reports.measured")}</th>
                  <th>{t("reports.target")}</th>
                  <th className="num">{t("reports.points")}</th>
                  <th>{t("reports.whatToFix")}</th>
                </tr>
              </thead>
              <tbody>
                {explanation.gates.map((g) => (
                  <tr key={`gate-${g.gateId}`}>
                    <td>{t(`reports.gate.${g.gateId === "badge" ? "badge" : "presence"}`)}</td>
                    <td>{t(`reports.gateStatus.${g.status}`)}</td>
                    <td>{t("reports.gateTarget")}</td>
                    <td className="num">—</td>
                    <td>
                      <FixList items={g.fixes} l={l} evidenceHref={evidenceHref} />
                    </td>
                  </tr>
                ))}
                {explanation.criteria.map((c) => (
                  <tr key={c.criterionId}>
                    <td>{l(c.label)}</td>
                    <td>
                      {c.status === "not_measurable" ? (
                        <em>{c.note ? l(c.note) : t("audits.notMeasurable")}</em>
                      ) : (
                        c.measured.map((m, i) => <div key={i}>{m.valueText ? l(m.valueText) : "—"}{m.percentile !== null ? ` (${t("reports.percentile", { p: m.percentile })})` : ""}</div>)
                      )}
                    </td>
                    <td>{c.measured.map((m, i) => <div key={i}>{l(m.target)}</div>)}</td>
                    <td className="num">{c.points === null ? "—" : `${c.points} / ${c.maxPoints}`}</td>
                    <td>
                      <FixList items={c.fixes} l={l} evidenceHref={evidenceHref} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {data.history.length ? (
        <section>
          <h2>{t("reports.history")}</h2>
          <ScoreHistoryChart periods={data.history.map((h) => h.period_label)} scores={data.history.map((h) => h.score)} label={t("reports.score")} />
        </section>
      ) : null}
      <section>
        <h2>{t("my.pages")}</h2>
        <ul>
          {data.pages.map((p) => (
            <li key={p.id} id={`page-${p.id}`}>
              {t(`platform.${p.platform as "vk"}`)}: <a href={p.url} rel="noopener noreferrer" target="_blank">{p.url}</a> {p.active ? null : <span className="badge">{t("reports.inactive")}</span>}{" "}
              {p.audited ? null : <span className="badge warn">{t("reports.notAudited")}</span>}
            </li>
          ))}
        </ul>
      </section>
      <section id="unanswered">
        <h2>{t("reports.unanswered", { n: data.unanswered.total })}</h2>
        {data.unanswered.rows.length === 0 ? <p>{t("reports.noUnanswered")}</p> : null}
        <ul className="unanswered">
          {data.unanswered.rows.map((c, i) => (
            <li key={i} id={`unanswered-${c.page_id}`}>
              <strong>{t("reports.waiting", { h: ageHours(c.created_at, now) })}</strong> · {t(`platform.${c.platform as "vk"}`)} · {formatDateTime(locale, c.created_at, timeZone)} — {c.text_excerpt ?? ""}{" "}
              {c.url ? (
                <a href={c.url} rel="noopener noreferrer" target="_blank">
                  {t("reports.openComment")}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function FixList({ items, l, evidenceHref }: { items: Explanation["criteria"][number]["fixes"]; l: (b: { ru: string; en: string }) => string; evidenceHref: (e: Evidence) => string | null }) {
  if (items.length === 0) return null;
  return (
    <ul className="fix-list">
      {items.map((f, i) => {
        const href = evidenceHref(f.evidence);
        return <li key={i}>{href ? <a href={href}>{l(f.text)}</a> : l(f.text)}</li>;
      })}
    </ul>
  );
}

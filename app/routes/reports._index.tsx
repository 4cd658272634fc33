import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GradeChip, MovementArrow, usePeerGroupLabel, type Grade } from "../components/reports/Grade";
import { GradeChart, ScoreHistoryChart } from "../components/reports/ReportCharts";
import { TileMap } from "../components/reports/TileMap";
import { ORGANISATION_KINDS, PLATFORMS } from "../domain/registry/vocabulary";
import { requirePermission } from "../services/auth.server";
import { parseRankingQuery } from "../services/report-query";
import { rankingReport } from "../services/reports.server";
import { publishedMethodologies } from "../services/methodologies.server";
import { requestScoring } from "../services/scoring-requests.server";
import { Pager } from "../components/Pager";
import { pageParams } from "../utils/http.server";
import { useLocale, useT } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context.app, request, "reports:read");
  const query = parseRankingQuery(new URL(request.url));
  if (!query.ok) throw new Response(JSON.stringify({ errors: query.errors }), { status: 400, headers: { "Content-Type": "application/json" } });
  const paging = pageParams(new URL(request.url), 100);
  const report = await rankingReport(context.app.db, { ...query.value, page: paging });
  return { ...report, paging, query: query.value, methodologies: await publishedMethodologies(context.app.db), canRescore: user.role === "admin" || user.role === "analyst" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "audits:run");
  const form = await request.formData();
  const month = String(form.get("month") ?? "");
  const methodology = Number(form.get("methodology") ?? "");
  return requestScoring(context.app, { month: month || undefined, methodologyId: Number.isInteger(methodology) && methodology > 0 ? methodology : undefined, requestedBy: user.id });
}

export default function Reports() {
  const data = useLoaderData<typeof loader>();
  const queued = useActionData<typeof action>();
  const t = useT();
  const peerLabel = usePeerGroupLabel();
  const locale = useLocale();
  const [params] = useSearchParams();
  const withParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    return `?${next.toString()}`;
  };
  const exportHref = (format: string) => `/reports/export/${format}?${params.toString()}`;
  const tiles = data.territories.map((x) => ({
    territoryId: x.territory_id,
    name: x.name_ru,
    organisations: x.organisations,
    meanScore: x.mean_score,
    grade: x.grade as Grade | null,
  }));
  return (
    <>
      <h1>{t("reports.title")}</h1>
      {data.run ? (
        <p className="lead">
          {t("reports.lead", { period: data.run.period_label, n: data.run.organisations })} {data.methodology ? t("reports.methodology", { title: data.methodology.title, version: data.methodology.version }) : null}
        </p>
      ) : (
        <p>{t("reports.none")}</p>
      )}
      {data.canRescore ? (
        <Form method="post" className="filters">
          <label>
            {t("reports.rescoreMonth")} <input type="month" name="month" defaultValue={data.run?.period_label ?? ""} />
          </label>{" "}
          <label>
            {t("reports.rescoreUnder")}{" "}
            <select name="methodology" defaultValue={data.run?.methodology_id ?? ""}>
              {data.methodologies.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title} v{m.version}
                  {m.active ? " ✓" : ""}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="submit">{t("reports.rescore")}</button>
          {queued && "queued" in queued ? <span role="status">{t("reports.rescoreQueued")}</span> : null}
        </Form>
      ) : null}
      <Form method="get" className="filters">
        <label>
          {t("reports.period")}{" "}
          <select name="period" defaultValue={data.run?.period_label ?? ""}>
            {data.periods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("field.peer_group")}{" "}
          <select name="peer" defaultValue={data.query.filters.peerGroup ?? ""}>
            <option value="">{t("common.all")}</option>
            {data.peerGroups.map((g) => (
              <option key={g.peer_group} value={g.peer_group}>
                {peerLabel(g.peer_group)} ({g.n})
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("field.territory")}{" "}
          <select name="territory" defaultValue={data.query.filters.territoryId ?? ""}>
            <option value="">{t("common.all")}</option>
            {data.territories.map((x) => (
              <option key={x.territory_id} value={x.territory_id}>
                {x.name_ru}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("field.kind")}{" "}
          <select name="kind" defaultValue={data.query.filters.kind ?? ""}>
            <option value="">{t("common.all")}</option>
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`orgKind.${k}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("reports.gradeLabel")}{" "}
          <select name="grade" defaultValue={data.query.filters.grade ?? ""}>
            <option value="">{t("common.all")}</option>
            {(["green", "yellow", "red"] as const).map((g) => (
              <option key={g} value={g}>
                {t(`reports.grade.${g}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("field.platform")}{" "}
          <select name="platform" defaultValue={data.query.filters.platform ?? ""}>
            <option value="">{t("common.all")}</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {t(`platform.${p}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("reports.viewUnder")}{" "}
          <select name="methodology" defaultValue={data.query.methodologyId ?? ""}>
            <option value="">{t("methodologies.active")}</option>
            {data.methodologies.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title} v{m.version}
              </option>
            ))}
          </select>
        </label>{" "}
        <input type="hidden" name="sort" value={data.query.sort} />
        <button type="submit">{t("results.apply")}</button>
      </Form>
      {data.run ? (
        <>
          <p>
            {t("reports.export")}: <a href={exportHref("csv")}>CSV</a> · <a href={exportHref("xlsx")}>XLSX</a> · <a href={exportHref("pdf")}>PDF</a> ·{" "}
            <Link to="/reports/archive">{t("reports.archiveLink")}</Link>
          </p>
          <div className="grid-2">
            <section>
              <h2>{t("reports.grades")}</h2>
              <GradeChart counts={data.grades} labels={{ green: t("reports.grade.green"), yellow: t("reports.grade.yellow"), red: t("reports.grade.red"), none: t("reports.grade.none") }} />
            </section>
            <section>
              <h2>{t("reports.history")}</h2>
              <ScoreHistoryChart periods={data.history.map((h) => h.period_label)} scores={data.history.map((h) => h.mean_score)} label={t("reports.meanScore")} />
            </section>
          </div>
          <h2>{t("reports.heatMap")}</h2>
          <TileMap tiles={tiles} hrefFor={(id) => withParam("territory", String(id))} />
          <h2>{t("reports.ranking")}</h2>
          <Pager page={data.paging.page} limit={data.paging.limit} total={data.grades.green + data.grades.yellow + data.grades.red + data.grades.none} />
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>
                    <Link to={withParam("sort", "rank")}>{t("reports.rank")}</Link>
                  </th>
                  <th>
                    <Link to={withParam("sort", "change")}>{t("reports.change")}</Link>
                  </th>
                  <th>
                    <Link to={withParam("sort", "name")}>{t("field.organisation")}</Link>
                  </th>
                  <th>{t("field.peer_group")}</th>
                  <th>{t("field.territory")}</th>
                  <th className="num">
                    <Link to={withParam("sort", "score")}>{t("reports.score")}</Link>
                  </th>
                  <th>{t("reports.gradeLabel")}</th>
                  <th>{t("field.pages")}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.organisation_id}>
                    <td className="num">{r.rank === null ? "—" : `${r.rank} / ${r.ranked}`}</td>
                    <td>
                      <MovementArrow movement={r.movement} previousRank={r.previous_rank} rank={r.rank} />
                    </td>
                    <td>
                      <Link to={`/reports/organisations/${r.organisation_id}?period=${data.run!.period_label}`}>{locale === "en" && r.name_en ? r.name_en : r.name_ru}</Link>
                    </td>
                    <td>{peerLabel(r.peer_group)}</td>
                    <td>{r.territory_name ?? "—"}</td>
                    <td className="num">{r.score === null ? "—" : r.score.toFixed(1)}</td>
                    <td>
                      <GradeChip grade={r.grade} />
                      {r.capped_by.length ? <small> {t("reports.capped")}</small> : null}
                    </td>
                    <td>{r.platforms.map((p) => t(`platform.${p as (typeof PLATFORMS)[number]}`)).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}

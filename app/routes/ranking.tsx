import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GradeChip, MovementArrow, usePeerGroupLabel } from "../components/reports/Grade";
import { Pager } from "../components/Pager";
import { publicRanking } from "../services/reports.server";
import { pageParams } from "../utils/http.server";
import { useLocale, useT } from "../utils/i18n";

const PAGE = 100;

/** The public ranking (no login): scores, grades and ranks per peer group and period, no evidence, no comments. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const period = url.searchParams.get("period");
  const peer = url.searchParams.get("peer");
  const paging = pageParams(url, PAGE);
  const ranking = await publicRanking(context.app.db, { period: period && /^\d{4}-\d{2}$/.test(period) ? period : null, peerGroup: peer && peer.length <= 120 ? peer : undefined, page: paging });
  return { ...ranking, paging };
}

export default function PublicRanking() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const peerLabel = usePeerGroupLabel();
  const groups = [...new Set(data.rows.map((r) => r.peer_group))];
  return (
    <>
      <h1>{t("ranking.title")}</h1>
      <p className="lead">{t("ranking.lead")}</p>
      {data.period === null ? <p>{t("reports.none")}</p> : null}
      <Form method="get" className="filters">
        <label>
          {t("reports.period")}{" "}
          <select name="period" defaultValue={data.period ?? ""}>
            {data.periods.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("field.peer_group")}{" "}
          <select name="peer" defaultValue="">
            <option value="">{t("common.all")}</option>
            {data.peerGroups.map((g) => (
              <option key={g.peer_group} value={g.peer_group}>
                {peerLabel(g.peer_group)}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">{t("results.apply")}</button>
      </Form>
      <Pager page={data.paging.page} limit={data.paging.limit} total={data.total} />
      {groups.map((g) => (
        <section key={g}>
          <h2>{peerLabel(g)}</h2>
          <table>
            <thead>
              <tr>
                <th className="num">{t("reports.rank")}</th>
                <th>{t("reports.change")}</th>
                <th>{t("field.organisation")}</th>
                <th className="num">{t("reports.score")}</th>
                <th>{t("reports.gradeLabel")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows
                .filter((r) => r.peer_group === g)
                .map((r) => (
                  <tr key={r.code}>
                    <td className="num">{r.rank ?? "—"}</td>
                    <td>
                      <MovementArrow movement={r.movement} previousRank={r.previous_rank} rank={r.rank} />
                    </td>
                    <td>{locale === "en" && r.name_en ? r.name_en : r.name_ru}</td>
                    <td className="num">{r.score === null ? "—" : r.score.toFixed(1)}</td>
                    <td>
                      <GradeChip grade={r.grade} />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { duration, pct } from "../components/audits/format";
import { isMonthLabel, monthLabelOf } from "../domain/compliance/period";
import { requirePermission } from "../services/auth.server";
import { monthMetrics } from "../services/audits.server";
import { pageParams } from "../utils/http.server";
import { useLocale, useT } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "audits:run");
  const url = new URL(request.url);
  const asked = url.searchParams.get("month") ?? "";
  const month = isMonthLabel(asked) ? asked : monthLabelOf(new Date(), context.app.env.REGION_TIMEZONE);
  const paging = pageParams(url, 100);
  const rows = await monthMetrics(context.app.db, month, paging.limit + 1, paging.offset);
  return { month, rows: rows.slice(0, paging.limit), more: rows.length > paging.limit, paging };
}

export default function AuditMetrics() {
  const { month, rows, more, paging } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const NM = t("audits.notMeasurable");
  return (
    <>
      <p>
        <Link to="/audits">← {t("audits.title")}</Link>
      </p>
      <h1>{t("audits.metrics", { month })}</h1>
      <Form method="get" className="inline">
        <label htmlFor="month">{t("audits.metricsLink")}</label> <input id="month" type="month" name="month" defaultValue={month} />{" "}
        <button type="submit">OK</button>
      </Form>
      {rows.length === 0 ? <p>{t("audits.noMetrics")}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("audits.page")}</th>
              <th>{t("audits.m.badge")}</th>
              <th className="num">{t("audits.m.profile")}</th>
              <th className="num">{t("audits.m.posting")}</th>
              <th className="num">{t("audits.m.replyRate")}</th>
              <th className="num">{t("audits.m.rr24")}</th>
              <th className="num">{t("audits.m.firstReply")}</th>
              <th className="num">{t("audits.m.streams")}</th>
              <th className="num">{t("audits.m.commentsOpen")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.page_id}>
                <td>
                  <Link to={`/audits/pages/${r.page_id}`}>
                    {r.organisation_name} · {t(`platform.${r.platform}`)}
                  </Link>
                </td>
                <td>{r.badge === "pass" || r.badge === "fail" ? t(`audits.m.badge.${r.badge}`) : NM}</td>
                <td className="num">{pct(r.profile_share)}</td>
                <td className="num">{pct(r.activity_share)}</td>
                <td className="num">{pct(r.reply_rate)}</td>
                <td className="num">{pct(r.rr24)}</td>
                <td className="num">
                  {duration(r.first_reply_mean_s, locale)} / {duration(r.first_reply_median_s, locale)} / {duration(r.first_reply_p90_s, locale)}
                </td>
                <td className="num">{r.streams ?? NM}</td>
                <td className="num">{pct(r.comments_open_share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager">
        {paging.page > 1 ? <Link to={`?month=${month}&page=${paging.page - 1}`}>← {t("common.previous")}</Link> : null}
        {more ? <Link to={`?month=${month}&page=${paging.page + 1}`}>{t("common.next")} →</Link> : null}
      </nav>
    </>
  );
}

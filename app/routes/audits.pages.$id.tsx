import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { errorKindText } from "../components/audits/error-kind";
import { duration, pct } from "../components/audits/format";
import { Pager } from "../components/Pager";
import type { PageMetrics } from "../domain/compliance/metrics";
import { formatDateTime } from "../i18n";
import { requirePermission } from "../services/auth.server";
import { pageAuditReport } from "../services/audits.server";
import { idParam, notFound, pageParams } from "../utils/http.server";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "audits:run");
  const paging = pageParams(new URL(request.url), 50);
  const report = await pageAuditReport(context.app.db, idParam(params.id), { unansweredLimit: paging.limit, unansweredOffset: paging.offset });
  if (!report) notFound();
  return { ...report, metrics: report.metrics ? { ...report.metrics, detail: report.metrics.metrics as PageMetrics } : null, paging, now: Date.now() };
}

export default function PageAudit() {
  const { page, state, metrics, unanswered, paging, now } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const d = metrics?.detail;
  const measured = (status: string | undefined, value: string) => (status === "not_measurable" ? t("audits.notMeasurable") : value);
  return (
    <>
      <p>
        <Link to="/audits">← {t("audits.title")}</Link>
      </p>
      <h1>
        {page.organisation_name} · {t(`platform.${page.platform}`)}
      </h1>
      <p>
        <a href={page.url} rel="noreferrer noopener" target="_blank">
          {page.url}
        </a>
      </p>
      <dl className="facts">
        <dt>{t("audits.platformStatus")}</dt>
        <dd>{t(`audits.platformStatus.${state?.platform_status ?? "unknown"}`)}</dd>
        <dt>{t("audits.lastAudit")}</dt>
        <dd>
          {state?.last_audit_at ? formatDateTime(locale, state.last_audit_at, timeZone) : "—"}
          {state?.last_outcome === "failed" && state.last_error_kind ? (
            <span className="status-failed"> · {errorKindText(t, state.last_error_kind)}</span>
          ) : null}
        </dd>
      </dl>
      <h2>{t("audits.metrics", { month: metrics?.period_label ?? "—" })}</h2>
      {!metrics || !d ? (
        <p>{t("audits.noMetrics")}</p>
      ) : (
        <>
          <p>{t("audits.metricsLead")}</p>
          <dl className="facts">
            <dt>{t("audits.m.badge")}</dt>
            <dd>{d.badge.status === "not_measurable" ? t("audits.notMeasurable") : t(`audits.m.badge.${d.badge.status}`)}</dd>
            <dt>{t("audits.m.profile")}</dt>
            <dd>{measured(d.profile.status, `${pct(d.profile.share)} (${d.profile.present}/${d.profile.known})`)}</dd>
            <dt>{t("audits.m.posting")}</dt>
            <dd>
              {d.posting.fullWeeks > 0 ? `${d.posting.activeWeeks}/${d.posting.fullWeeks}` : "—"} · {t("audits.m.ownerPosts")}: {d.posting.ownerPosts}
              {d.posting.dormant ? <span className="status-failed"> · {t("audits.m.dormant")}</span> : null}
            </dd>
            <dt>{t("audits.m.engagement")}</dt>
            <dd>{measured(d.engagement.status, pct(d.engagement.rate, 2))}</dd>
            <dt>{t("audits.m.replyRate")}</dt>
            <dd>
              {measured(d.replies.status, `${pct(d.replies.replyRate)} · ${t("audits.m.rr24")} ${pct(d.replies.rr24)} · ${t("audits.m.eligible")}: ${d.replies.eligible ?? 0}`)}
            </dd>
            <dt>{t("audits.m.firstReply")}</dt>
            <dd>
              {measured(
                d.firstReply.status,
                `${duration(d.firstReply.meanSeconds, locale)} / ${duration(d.firstReply.medianSeconds, locale)} / ${duration(d.firstReply.p90Seconds, locale)}`,
              )}
            </dd>
            <dt>{t("audits.m.streams")}</dt>
            <dd>{measured(d.streams.status, String(d.streams.count ?? 0))}</dd>
            <dt>{t("audits.m.commentsOpen")}</dt>
            <dd>{measured(d.commentsOpen.status, pct(d.commentsOpen.share))}</dd>
            <dt>{t("audits.m.reach")}</dt>
            <dd>{measured(d.reach.status, pct(d.reach.ratio, 1))}</dd>
          </dl>
        </>
      )}
      <h2>
        {t("audits.unanswered")} ({unanswered.total})
      </h2>
      {unanswered.total === 0 ? <p>{t("audits.unansweredNone")}</p> : null}
      <ul className="plain">
        {unanswered.rows.map((c) => {
          const age = Math.max(0, (now - new Date(c.created_at).getTime()) / 1000);
          return (
            <li key={c.platform_comment_id} className="card">
              <small>
                {formatDateTime(locale, c.created_at, timeZone)} · {t("audits.unansweredAge", { age: duration(age, locale) })}
                {age > 86_400 ? <span className="overdue"> · {t("audits.overdue")}</span> : null}
              </small>
              <p>{c.text_excerpt ?? "—"}</p>
              {c.url ? (
                <a href={c.url} rel="noreferrer noopener" target="_blank">
                  {c.url}
                </a>
              ) : null}
            </li>
          );
        })}
      </ul>
      <Pager page={paging.page} limit={paging.limit} total={unanswered.total} />
    </>
  );
}

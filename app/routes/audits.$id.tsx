import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { RunProgress } from "../components/audits/RunProgress";
import { Pager } from "../components/Pager";
import { requirePermission } from "../services/auth.server";
import { getRunProgress, listRunPages } from "../services/audits.server";
import { idParam, notFound, pageParams } from "../utils/http.server";
import { useT } from "../utils/i18n";
import { errorKindText } from "../components/audits/error-kind";

const STATUSES = ["pending", "done", "failed"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "audits:run");
  const runId = idParam(params.id);
  const progress = await getRunProgress(context.app.db, runId);
  if (!progress) notFound();
  const url = new URL(request.url);
  const status = STATUSES.find((s) => s === url.searchParams.get("status"));
  const paging = pageParams(url, 50);
  const pages = await listRunPages(context.app.db, runId, { status, limit: paging.limit, offset: paging.offset });
  return { progress, pages, status: status ?? null, paging };
}

export default function AuditRun() {
  const { progress, pages, status, paging } = useLoaderData<typeof loader>();
  const t = useT();
  const [params] = useSearchParams();
  const revalidator = useRevalidator();
  const running = !progress.run.finished_at;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const filterHref = (s: string | null) => {
    const next = new URLSearchParams(params);
    next.delete("page");
    if (s) next.set("status", s);
    else next.delete("status");
    return `?${next.toString()}`;
  };
  return (
    <>
      <p>
        <Link to="/audits">← {t("audits.title")}</Link>
      </p>
      <h1>{t("audits.run", { id: progress.run.id })}</h1>
      <p>
        {t(`audits.scope.${progress.run.scope}`)}
        {progress.run.scope_ref ? ` ${progress.run.scope_ref}` : ""} · {t(`audits.trigger.${progress.run.trigger}`)} ·{" "}
        <strong>{running ? t("audits.running") : t("audits.finished")}</strong>
      </p>
      <div aria-live="polite">
        <RunProgress done={progress.done} failed={progress.failed} total={progress.total} />
      </div>
      <h2>{t("audits.pages")}</h2>
      <p>
        <Link to={filterHref(null)} aria-current={status === null ? "page" : undefined}>
          {t("audits.filter.all")}
        </Link>
        {STATUSES.map((s) => (
          <span key={s}>
            {" · "}
            <Link to={filterHref(s)} aria-current={status === s ? "page" : undefined}>
              {t(`audits.status.${s}`)}
            </Link>
          </span>
        ))}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("audits.page")}</th>
              <th>{t("audits.state")}</th>
              <th>{t("audits.error")}</th>
            </tr>
          </thead>
          <tbody>
            {pages.rows.map((p) => (
              <tr key={p.page_id}>
                <td>
                  <Link to={`/audits/pages/${p.page_id}`}>
                    {p.organisation_name} · {t(`platform.${p.platform}`)} · {p.platform_id}
                  </Link>
                </td>
                <td className={`status-${p.status}`}>{t(`audits.status.${p.status}`)}</td>
                <td>
                  {p.status === "failed" && p.error_kind ? (
                    <>
                      {errorKindText(t, p.error_kind)}
                      {p.error_message ? <small> — {p.error_message}</small> : null}
                    </>
                  ) : p.counts ? (
                    t("audits.counts", p.counts as Record<string, number>)
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={paging.page} limit={paging.limit} total={pages.total} />
    </>
  );
}

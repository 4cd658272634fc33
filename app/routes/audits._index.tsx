import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Field, FormError, SelectField } from "../components/Field";
import { RunProgress } from "../components/audits/RunProgress";
import { requirePermission } from "../services/auth.server";
import { dismissAlert, listRuns, openAlerts, startAuditRun } from "../services/audits.server";
import { formFields } from "../utils/http.server";
import { formatDateTime } from "../i18n";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "audits:run");
  const [runs, alerts] = await Promise.all([listRuns(context.app.db), openAlerts(context.app.db)]);
  return { runs, alerts, sweepHour: context.app.env.AUDIT_SWEEP_HOUR };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "audits:run");
  const fields = formFields(await request.formData());
  if (fields.intent === "dismiss") {
    const id = Number(fields.alert);
    if (Number.isInteger(id) && id > 0) await dismissAlert(context.app.db, id, user.id);
    return { ok: true as const, errors: {} as Record<string, string> };
  }
  const result = await startAuditRun(context.app, fields, { trigger: "analyst", requestedBy: user.id });
  if (!result.ok) return data({ ok: false as const, errors: result.errors }, { status: 422 });
  return redirect(`/audits/${result.runId}`);
}

export default function Audits() {
  const { runs, alerts, sweepHour } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const [scope, setScope] = useState("all");
  const revalidator = useRevalidator();
  const running = runs.some((r) => !r.finished_at);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  return (
    <>
      <h1>{t("audits.title")}</h1>
      <p>{t("audits.lead", { hour: sweepHour })}</p>
      <p>
        <Link to="/audits/metrics">{t("audits.metricsLink")}</Link> · <Link to="/audits/activity">{t("audits.activity")}</Link>
      </p>
      {alerts.length > 0 ? (
        <section className="card">
          <h2>{t("audits.alerts")}</h2>
          <ul>
            {alerts.map((a) => (
              <li key={a.id}>
                {a.message}{" "}
                <Form method="post" style={{ display: "inline" }}>
                  <input type="hidden" name="intent" value="dismiss" />
                  <input type="hidden" name="alert" value={a.id} />
                  <button type="submit">{t("audits.alertResolve")}</button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card">
        <h2>{t("audits.start")}</h2>
        <FormError errors={result?.errors} />
        <Form method="post" className="stack">
          <SelectField
            label={t("audits.scope")}
            name="scope"
            value={scope}
            onChange={(e) => setScope(e.currentTarget.value)}
            options={(["all", "organisation", "page"] as const).map((s) => ({ value: s, label: t(`audits.scope.${s}`) }))}
          />
          {scope === "organisation" ? <Field label={t("audits.organisationCode")} name="organisation" error={result?.errors?.organisation} required /> : null}
          {scope === "page" ? <Field label={t("audits.pageId")} name="page" inputMode="numeric" error={result?.errors?.page} required /> : null}
          <button type="submit" className="primary">
            {t("audits.start")}
          </button>
        </Form>
      </section>
      <h2>{t("audits.runs")}</h2>
      {runs.length === 0 ? <p>{t("audits.noRuns")}</p> : null}
      <ul className="plain">
        {runs.map((r) => (
          <li key={r.id} className="card">
            <Link to={`/audits/${r.id}`}>{t("audits.run", { id: r.id })}</Link> · {t(`audits.scope.${r.scope}`)}
            {r.scope_ref ? ` ${r.scope_ref}` : ""} · {t(`audits.trigger.${r.trigger}`)} · {formatDateTime(locale, r.created_at, timeZone)} ·{" "}
            {r.finished_at ? t("audits.finished") : t("audits.running")}
            <RunProgress done={r.done} failed={r.failed} total={r.page_count} />
          </li>
        ))}
      </ul>
    </>
  );
}

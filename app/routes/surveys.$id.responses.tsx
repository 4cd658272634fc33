/** A survey's responses with their data-quality flags (kept, never dropped; results may exclude them). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../i18n";
import { requirePermission } from "../services/auth.server";
import { requestQualityPass, responsesTable } from "../services/quality.server";
import { surveyForDesign } from "../services/surveys.server";
import { idParam, notFound } from "../utils/http.server";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "results:read");
  const id = idParam(params.id);
  const design = await surveyForDesign(context.app, id);
  if (!design) notFound();
  const url = new URL(request.url);
  const before = url.searchParams.get("before");
  const flaggedOnly = url.searchParams.get("flagged") === "1";
  const table = await responsesTable(context.app, id, { beforeId: before && /^\d{1,15}$/.test(before) ? Number(before) : undefined, flaggedOnly });
  return { survey: { id: design.survey.id, title: design.survey.title }, flaggedOnly, ...table };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requirePermission(context.app, request, "results:read");
  await requestQualityPass(context.app, idParam(params.id));
  return data({ ok: true });
}

export default function SurveyResponses() {
  const { survey, rows, nextBefore, run, flaggedOnly } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const counts = (run?.counts ?? {}) as Record<string, number>;
  return (
    <main className="page">
      <p>
        <Link to={`/surveys/${survey.id}/results`}>← {t("results.link")}</Link>
      </p>
      <h1>{t("quality.title", { title: survey.title })}</h1>
      <p>
        {run
          ? t("quality.summary", {
              responses: counts.responses ?? 0,
              flagged: counts.flagged ?? 0,
              speeder: counts.speeder ?? 0,
              straight: counts.straight_liner ?? 0,
              attention: counts.attention_failed ?? 0,
              device: counts.duplicate_device ?? 0,
              at: formatDateTime(locale, run.computed_at, timeZone),
            })
          : t("quality.never")}
      </p>
      <Form method="post">
        <button type="submit">{t("quality.recompute")}</button>
      </Form>
      <p>
        {flaggedOnly ? <Link to="?">{t("quality.all")}</Link> : <Link to="?flagged=1">{t("quality.flaggedOnly")}</Link>}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">№</th>
            <th scope="col">{t("quality.submitted")}</th>
            <th scope="col">{t("quality.duration")}</th>
            <th scope="col">{t("quality.flags")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.id}</td>
              <td>{formatDateTime(locale, r.submitted_at, timeZone)}</td>
              <td>{r.duration_ms === null ? "—" : Math.round(r.duration_ms / 1000)}</td>
              <td>
                {r.flags.length === 0 ? "—" : (
                  <ul>
                    {r.flags.map((f) => (
                      <li key={`${f.reason}-${f.question}`}>
                        <strong>{t(`quality.reason.${f.reason}`)}</strong>: {f.detail}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {nextBefore ? <Link to={`?before=${nextBefore}${flaggedOnly ? "&flagged=1" : ""}`}>{t("quality.older")}</Link> : null}
    </main>
  );
}

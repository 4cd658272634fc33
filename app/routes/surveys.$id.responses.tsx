/** A survey's responses with their data-quality flags (kept, never dropped; results may exclude them). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, unstable_createMemoryUploadHandler as createMemoryUploadHandler, unstable_parseMultipartFormData as parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { importResponses, MAX_IMPORT_BYTES } from "../services/response-import.server";
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

type ActionResult = { intent: "quality" | "import"; ok: boolean; imported?: number; alreadyThere?: number; errors?: Array<{ row: number; column?: string; message: string }> };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const user = await requirePermission(context.app, request, "surveys:manage");
    const form = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
    const file = form.get("file");
    const mode = z.enum(["auto", "codes", "labels", "values"]).catch("auto").parse(form.get("mode"));
    if (!(file instanceof File)) return data<ActionResult>({ intent: "import", ok: false, errors: [{ row: 1, message: "choose a CSV or XLSX file" }] }, { status: 422 });
    const result = await importResponses(context.app, id, user.id, { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), mode });
    return result.ok
      ? data<ActionResult>({ intent: "import", ok: true, imported: result.imported, alreadyThere: result.alreadyThere })
      : data<ActionResult>({ intent: "import", ok: false, errors: result.errors }, { status: 422 });
  }
  await requirePermission(context.app, request, "results:read");
  await requestQualityPass(context.app, id);
  return data<ActionResult>({ intent: "quality", ok: true });
}

export default function SurveyResponses() {
  const { survey, rows, nextBefore, run, flaggedOnly } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
      <section aria-labelledby="import">
        <h2 id="import">{t("import.title")}</h2>
        <p>{t("import.lead")}</p>
        <Form method="post" encType="multipart/form-data">
          <label>
            {t("import.file")} <input type="file" name="file" accept=".csv,.xlsx,text/csv" required />
          </label>{" "}
          <label>
            {t("import.mode")}{" "}
            <select name="mode" defaultValue="auto">
              <option value="auto">{t("import.mode.auto")}</option>
              <option value="codes">{t("import.mode.codes")}</option>
              <option value="labels">{t("import.mode.labels")}</option>
              <option value="values">{t("import.mode.values")}</option>
            </select>
          </label>{" "}
          <button type="submit">{t("import.start")}</button>
        </Form>
        {result?.intent === "import" && result.ok ? <p role="status">{t("import.done", { imported: result.imported ?? 0, already: result.alreadyThere ?? 0 })}</p> : null}
        {result?.intent === "import" && !result.ok ? (
          <div role="alert">
            <p>{t("import.refused")}</p>
            <ul>
              {(result.errors ?? []).map((e, i) => (
                <li key={i}>
                  {t("import.row", { row: e.row })}
                  {e.column ? `, ${e.column}` : ""}: {e.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
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

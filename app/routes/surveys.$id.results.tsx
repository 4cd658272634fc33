/**
 * A survey's results: every question's shares (weighted with margins and the design effect when
 * weights are on), filters on any single-answer question, a crosstab with its test, and the
 * weighting targets upload. Thin: parse, call results.server, render.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, unstable_createMemoryUploadHandler as createMemoryUploadHandler, unstable_parseMultipartFormData as parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { ResultChart } from "../components/results/ResultChart";
import { CrosstabView } from "../components/results/CrosstabView";
import { fmt, pct } from "../components/results/format";
import { requirePermission } from "../services/auth.server";
import { applyRegistryTargets, filtersFromUrl, resultsQuerySchema, setWeightingTargets, surveyCrosstab, surveyResults, surveyTextAnswers, surveyTimeline, weightingState } from "../services/results.server";
import { TimelineChart } from "../components/results/TimelineChart";
import { MatrixChart } from "../components/results/MatrixChart";
import { surveyForDesign } from "../services/surveys.server";
import { recentExports, requestExport } from "../services/exports.server";
import { idParam, notFound } from "../utils/http.server";
import { useLocale, useT } from "../utils/i18n";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "results:read");
  const id = idParam(params.id);
  const design = await surveyForDesign(context.app, id);
  if (!design) notFound();
  const url = new URL(request.url);
  const query = resultsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) throw new Response("Bad query", { status: 400 });
  const weighting = await weightingState(context.app, id);
  const scope = { versionId: query.data.version, excludeFlagged: query.data.exclude_flagged, filters: filtersFromUrl(url) };
  const canWeight = weighting?.computed_at !== undefined && weighting?.computed_at !== null && weighting.report !== null;
  const weighted = query.data.weighted && canWeight;
  const results = await surveyResults(context.app, id, { ...scope, weighted });
  const row = url.searchParams.get("row");
  const col = url.searchParams.get("col");
  const crosstab = row && col ? await surveyCrosstab(context.app, id, { ...scope, weighted, row, col }) : null;
  const textKey = url.searchParams.get("text");
  const search = url.searchParams.get("search") ?? "";
  const text = textKey ? await surveyTextAnswers(context.app, id, { ...scope, question: textKey, search: search || undefined }) : null;
  return {
    survey: design.survey,
    versions: design.versions.map((v) => ({ id: v.id, version: v.version })),
    query: { ...query.data, weighted, row, col, pct: url.searchParams.get("pct"), filters: scope.filters },
    results,
    crosstab,
    text: text ? { key: textKey, search, result: text } : null,
    timeline: await surveyTimeline(context.app, id),
    exports: (await recentExports(context.app, id)).map((e) => ({ id: e.id, format: e.format, mode: e.mode, status: e.status, rowsDone: e.rows_done, rowsTotal: e.rows_total, files: e.files, error: e.error, createdAt: e.created_at })),
    weighting: weighting ? { status: weighting.status, error: weighting.error, report: weighting.report as Record<string, unknown> | null, computedAt: weighting.computed_at, dimensions: weighting.dimensions } : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // who may do anything here is known before a byte of the body is read
  const user = await requirePermission(context.app, request, "results:read");
  const id = idParam(params.id);
  // the upload is multipart; the other forms may come url-encoded (scripts, no-JS browsers)
  const isUpload = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  const form = isUpload ? await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: 2 * 1024 * 1024 })) : await request.formData();
  if (form.get("intent") === "export") {
    const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string" && v !== ""));
    const requested = await requestExport(context.app, id, user.id, fields);
    return requested.ok ? data({ ok: true, errors: [] as string[], exportId: requested.exportId }) : data({ ok: false, errors: Object.values(requested.errors) }, { status: 422 });
  }
  await requirePermission(context.app, request, "surveys:manage");
  if (form.get("intent") === "registry") {
    const r = await applyRegistryTargets(context.app, id);
    return r.ok ? data({ ok: true, errors: [] as string[], skipped: r.value.skipped }) : data({ ok: false, errors: r.errors }, { status: 422 });
  }
  const file = form.get("targets");
  const csv = file instanceof File ? await file.text() : typeof file === "string" ? file : "";
  const cap = z.coerce.number().positive().optional().safeParse(form.get("trim_max") || undefined);
  if (!cap.success) return data({ ok: false, errors: ["the weight cap must be a number above 1"] }, { status: 422 });
  const result = await setWeightingTargets(context.app, id, { csv, trimMax: cap.data ?? null });
  return result.ok ? data({ ok: true, errors: [] as string[] }) : data({ ok: false, errors: result.errors }, { status: 422 });
}

function QuestionSelect({ label, name, questions, defaultValue }: { label: string; name: string; questions: Array<{ key: string; title: string }>; defaultValue: string }) {
  return (
    <label>
      {label}{" "}
      <select name={name} defaultValue={defaultValue}>
        {questions.map((q) => (
          <option key={q.key} value={q.key}>
            {q.title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A matrix's shares per row and column, in the columns' order (weighted when weighted). */
function matrixShares(q: { rows: Array<{ estimates: { categories: Array<{ category: string; share: number; weightedShare: number | null }> } }>; labels: Record<string, string> }) {
  return q.rows.map((r) =>
    Object.keys(q.labels).map((value) => {
      const c = r.estimates.categories.find((x) => x.category === value);
      return c ? (c.weightedShare ?? c.share) : 0;
    }),
  );
}

export default function SurveyResults() {
  const { survey, versions, query, results, crosstab, weighting, exports, text, timeline } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const working = exports.some((e) => e.status === "pending" || e.status === "running") || weighting?.status === "pending";
  useEffect(() => {
    if (!working) return;
    // exports and weights are computed by jobs: follow them until they finish
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [working, revalidator]);
  const uploaded = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const questions = results.ok ? results.value.questions : [];
  type Question = (typeof questions)[number];
  const categorical = questions.filter((q): q is Extract<Question, { kind: "choice" | "multiple" }> => q.kind === "choice");
  const report = weighting?.report as Record<string, number & unknown> | null | undefined;
  return (
    <main className="page results">
      <p>
        <Link to={`/surveys/${survey.id}`}>← {survey.title}</Link>
      </p>
      <h1>{t("results.title", { title: survey.title })}</h1>
      <p>
        <Link to={`/surveys/${survey.id}/responses`}>{t("quality.link")}</Link>
      </p>

      <Form method="get" className="results-controls">
        <label>
          {t("results.version")}{" "}
          <select name="version" defaultValue={query.version ?? ""}>
            <option value="">{t("results.allVersions")}</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                v{v.version}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" name="weighted" value="1" defaultChecked={query.weighted} disabled={!weighting?.computedAt} /> {t("results.weighted")}
        </label>
        <label>
          <input type="checkbox" name="exclude_flagged" value="1" defaultChecked={query.exclude_flagged} /> {t("results.excludeFlagged")}
        </label>
        <fieldset>
          <legend>{t("results.filter")}</legend>
          {categorical.map((q) => (
            <label key={q.key}>
              {q.title}{" "}
              <select name={`filter.${q.key}`} defaultValue={query.filters.find((f) => f.key === q.key)?.values[0] ?? ""}>
                <option value="">{t("results.any")}</option>
                {Object.entries(q.labels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
        {query.row ? <input type="hidden" name="row" value={query.row} /> : null}
        {query.col ? <input type="hidden" name="col" value={query.col} /> : null}
        <button type="submit">{t("results.apply")}</button>
      </Form>
      {!weighting?.computedAt ? <p className="hint">{t("results.noWeights")}</p> : null}
      {results.ok && results.value.unweightedResponses > 0 ? <p className="hint">{t("results.unweightedResponses", { n: results.value.unweightedResponses })}</p> : null}
      {!results.ok ? <p role="alert">{results.errors.join("; ")}</p> : null}

      <section aria-labelledby="timeline" className="result-card">
        <h2 id="timeline">{t("results.timeline")}</h2>
        <p>{t("results.completePartial", { complete: timeline.days.reduce((s, d) => s + d.n, 0), partial: timeline.partial })}</p>
        {timeline.days.length > 0 ? <TimelineChart days={timeline.days.map((d) => d.day)} counts={timeline.days.map((d) => d.n)} /> : null}
      </section>

      {questions.map((q) => (
        <section key={q.key} className="result-card" aria-labelledby={`q-${q.key}`}>
          <h2 id={`q-${q.key}`}>{q.title}</h2>
          {q.kind === "choice" || q.kind === "multiple" ? (
            <>
              <p className="base">
                {query.weighted
                  ? t("results.baseWeighted", { n: q.estimates.n, nEff: fmt(locale, q.estimates.nEff, 1), deff: fmt(locale, q.estimates.deff, 2) })
                  : t("results.base", { n: q.estimates.n })}
              </p>
              {"mean" in q && q.mean ? <p>{t("results.mean", { mean: fmt(locale, q.mean.mean, 2), moe: fmt(locale, q.mean.moe95, 2), sd: fmt(locale, q.mean.sd, 2) })}</p> : null}
              <ResultChart id={`chart-${q.key}`} labels={q.estimates.categories.map((c) => q.labels[c.category] ?? c.category)} values={q.estimates.categories.map((c) => c.weightedShare ?? c.share)} moe={q.estimates.categories.map((c) => c.moe95)} />
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("results.category")}</th>
                    <th scope="col">{t("results.count")}</th>
                    <th scope="col">{t("results.share")}</th>
                    {query.weighted ? <th scope="col">{t("results.weightedShare")}</th> : null}
                    <th scope="col">{t("results.moe")}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.estimates.categories.map((c) => (
                    <tr key={c.category}>
                      <th scope="row">{q.labels[c.category] ?? c.category}</th>
                      <td>{c.count}</td>
                      <td>{pct(locale, c.share)}</td>
                      {query.weighted ? <td>{pct(locale, c.weightedShare)}</td> : null}
                      <td>±{pct(locale, c.moe95)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : q.kind === "matrix" ? (
            <>
              <MatrixChart rows={q.rows.map((r) => r.label)} columns={Object.values(q.labels)} shares={matrixShares(q)} />
              <table>
              <thead>
                <tr>
                  <th scope="col" />
                  {Object.values(q.labels).map((label) => (
                    <th key={label} scope="col">
                      {label}
                    </th>
                  ))}
                  <th scope="col">n</th>
                </tr>
              </thead>
              <tbody>
                {q.rows.map((r) => (
                  <tr key={r.row}>
                    <th scope="row">{r.label}</th>
                    {Object.keys(q.labels).map((value) => {
                      const c = r.estimates.categories.find((x) => x.category === value);
                      return <td key={value}>{c ? `${pct(locale, c.weightedShare ?? c.share)} ±${pct(locale, c.moe95)}` : "—"}</td>;
                    })}
                    <td>{r.estimates.n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </>
          ) : q.kind === "ranking" ? (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("results.category")}</th>
                  <th scope="col">{t("results.meanRank")}</th>
                  <th scope="col">n</th>
                </tr>
              </thead>
              <tbody>
                {q.ranks.map((r) => (
                  <tr key={r.category}>
                    <th scope="row">{r.label}</th>
                    <td>{fmt(locale, r.meanRank, 2)}</td>
                    <td>{r.n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : q.kind === "text" ? (
            <>
              <p>{t("results.answered", { n: q.answered })}</p>
              <Form method="get">
                <input type="hidden" name="text" value={q.key} />
                {query.version ? <input type="hidden" name="version" value={query.version} /> : null}
                {query.exclude_flagged ? <input type="hidden" name="exclude_flagged" value="1" /> : null}
                <label>
                  {t("results.search")} <input type="search" name="search" defaultValue={text?.key === q.key ? text.search : ""} maxLength={200} />
                </label>{" "}
                <button type="submit">{t("results.showAnswers")}</button>
              </Form>
              {text?.key === q.key && text.result.ok ? (
                <ul className="text-answers">
                  {text.result.value.answers.map((a) => (
                    <li key={a.id}>
                      <small>№{a.id}</small> {a.text}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : (
            <p className="hint">{q.type}</p>
          )}
        </section>
      ))}

      <section aria-labelledby="crosstab">
        <h2 id="crosstab">{t("results.crosstab")}</h2>
        <Form method="get">
          {query.version ? <input type="hidden" name="version" value={query.version} /> : null}
          {query.weighted ? <input type="hidden" name="weighted" value="1" /> : null}
          {query.exclude_flagged ? <input type="hidden" name="exclude_flagged" value="1" /> : null}
          {query.filters.flatMap((f) => f.values.map((v) => <input key={`${f.key}=${v}`} type="hidden" name={`filter.${f.key}`} value={v} />))}
          <QuestionSelect label={t("results.rows")} name="row" questions={categorical} defaultValue={query.row ?? ""} />{" "}
          <QuestionSelect label={t("results.cols")} name="col" questions={categorical} defaultValue={query.col ?? categorical[1]?.key ?? ""} />{" "}
          <label>
            {t("results.percent")}{" "}
            <select name="pct" defaultValue={query.pct ?? "row"}>
              <option value="row">{t("results.rowPct")}</option>
              <option value="col">{t("results.colPct")}</option>
            </select>
          </label>{" "}
          <button type="submit">{t("results.build")}</button>
        </Form>
        {crosstab ? crosstab.ok ? <CrosstabView table={crosstab.value} percent={query.pct === "col" ? "col" : "row"} /> : <p role="alert">{crosstab.errors.join("; ")}</p> : null}
      </section>

      <section aria-labelledby="exports">
        <h2 id="exports">{t("exports.title")}</h2>
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="export" />
          {query.version ? <input type="hidden" name="version" value={query.version} /> : null}
          {query.exclude_flagged ? <input type="hidden" name="exclude_flagged" value="1" /> : null}
          <label>
            {t("exports.format")}{" "}
            <select name="format" defaultValue="csv">
              <option value="csv">CSV</option>
              <option value="xlsx">XLSX</option>
              <option value="spss">SPSS (.sps + CSV)</option>
            </select>
          </label>{" "}
          <label>
            {t("exports.mode")}{" "}
            <select name="mode" defaultValue="codes">
              <option value="codes">{t("exports.codes")}</option>
              <option value="labels">{t("exports.labels")}</option>
            </select>
          </label>{" "}
          <button type="submit">{t("exports.start")}</button>
        </Form>
        {exports.length > 0 ? (
          <table>
            <thead>
              <tr>
                <th scope="col">№</th>
                <th scope="col">{t("exports.format")}</th>
                <th scope="col">{t("exports.progress")}</th>
                <th scope="col">{t("exports.files")}</th>
              </tr>
            </thead>
            <tbody>
              {exports.map((e) => (
                <tr key={e.id}>
                  <td>{e.id}</td>
                  <td>
                    {e.format.toUpperCase()} {e.format !== "spss" ? `(${t(e.mode === "codes" ? "exports.codes" : "exports.labels")})` : null}
                  </td>
                  <td>
                    {e.status === "failed" ? (
                      <span role="alert">{e.error}</span>
                    ) : (
                      <>
                        <progress max={e.rowsTotal ?? 1} value={e.status === "done" ? (e.rowsTotal ?? 1) : e.rowsDone} /> {e.rowsDone}/{e.rowsTotal ?? "…"}
                      </>
                    )}
                  </td>
                  <td>
                    {e.files.map((f) => (
                      <a key={f} href={`/surveys/${survey.id}/exports/${e.id}/${encodeURIComponent(f)}`} download>
                        {f}{" "}
                      </a>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section aria-labelledby="weighting">
        <h2 id="weighting">{t("results.weighting")}</h2>
        <p>{t("results.weightingLead")}</p>
        {weighting ? (
          <p>
            <strong>{t(`results.status.${weighting.status}`)}</strong>
            {report ? ` — ${t("results.report", {
              rounds: String(report.rounds),
              gap: Number(report.maxGap).toExponential(1),
              weighted: String(report.weighted),
              notWeighted: String(report.notWeighted),
              nEff: fmt(locale, Number(report.nEff), 1),
              deff: fmt(locale, Number(report.deff), 2),
              min: fmt(locale, Number(report.minWeight), 2),
              max: fmt(locale, Number(report.maxWeight), 2),
            })}` : null}
          </p>
        ) : null}
        {weighting?.error ? <pre role="alert">{weighting.error}</pre> : null}
        <Form method="post" encType="multipart/form-data">
          <label>
            {t("results.weightingFile")} <input type="file" name="targets" accept=".csv,text/csv" required />
          </label>{" "}
          <label>
            {t("results.weightingCap")} <input type="number" name="trim_max" min="1.1" step="0.1" />
          </label>{" "}
          <button type="submit">{t("results.weightingUpload")}</button>
        </Form>
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="registry" />
          <button type="submit">{t("results.weightingRegistry")}</button>
        </Form>
        {uploaded?.ok ? <p role="status">{t("results.weightingSaved")}</p> : null}
        {uploaded?.ok && "skipped" in uploaded && Array.isArray(uploaded.skipped) && uploaded.skipped.length > 0 ? <p>{t("results.weightingSkipped", { list: uploaded.skipped.join("; ") })}</p> : null}
        {uploaded && !uploaded.ok ? (
          <div role="alert">
            <p>{t("results.weightingRefused")}</p>
            <ul>
              {uploaded.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </main>
  );
}

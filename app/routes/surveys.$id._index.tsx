import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  data,
  redirect,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { Field, FormError, SelectField } from "../components/Field";
import { dateToZonedLocal } from "../domain/time";
import { formatDateTime } from "../i18n";
import { requirePermission } from "../services/auth.server";
import { fieldwork, generateInvitations, MAX_INVITATIONS_PER_BATCH, saveQuotas } from "../services/survey-fieldwork.server";
import { changeSurveyStatus, publishSurvey, saveDefinition, saveSurveySettings, surveyForDesign } from "../services/surveys.server";
import { formFields, notFound, idParam } from "../utils/http.server";
import { useLocale, useT, useTimeZone } from "../utils/i18n";


export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "surveys:manage");
  const id = idParam(params.id);
  const design = await surveyForDesign(context.app, id);
  if (!design) notFound();
  const { survey, version, versions } = design;
  return { survey, version, versions, fieldwork: await fieldwork(context.app, id) };
}

const INTENTS = ["settings", "publish", "close", "archive", "quotas", "invitations", "import"] as const;
type Intent = (typeof INTENTS)[number];
type ActionResult = { intent: Intent; ok: boolean; errors?: Record<string, string>; lines?: { line: number; message: string }[]; paths?: { path: string; message: string }[] };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "surveys:manage");
  const id = idParam(params.id);
  const isUpload = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  const form = isUpload ? await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: 1024 * 1024 })) : await request.formData();
  const intent = z.enum(INTENTS).safeParse(form.get("intent"));
  if (!intent.success) throw new Response("Unknown intent", { status: 400 });
  const reply = (result: ActionResult, status = 200) => data(result, { status });
  switch (intent.data) {
    case "settings": {
      const r = await saveSurveySettings(context.app, id, formFields(form), user.id);
      return r.ok ? reply({ intent: "settings", ok: true }) : reply({ intent: "settings", ok: false, errors: r.errors }, 422);
    }
    case "publish": {
      const r = await publishSurvey(context.app, id, user.id);
      return r.ok ? reply({ intent: "publish", ok: true }) : reply({ intent: "publish", ok: false, errors: r.errors }, 422);
    }
    case "close":
    case "archive": {
      const r = await changeSurveyStatus(context.app, id, intent.data === "close" ? "closed" : "archived", user.id);
      return r.ok ? reply({ intent: intent.data, ok: true }) : reply({ intent: intent.data, ok: false, errors: r.errors }, 422);
    }
    case "quotas": {
      const r = await saveQuotas(context.app, id, String(form.get("quotas") ?? ""), user.id);
      return r.ok ? reply({ intent: "quotas", ok: true }) : reply({ intent: "quotas", ok: false, lines: r.errors }, 422);
    }
    case "invitations": {
      const count = Number(form.get("count"));
      if (!Number.isInteger(count) || count < 1 || count > MAX_INVITATIONS_PER_BATCH) {
        return reply({ intent: "invitations", ok: false, errors: { count: "invitations.count" } }, 422);
      }
      const origin = context.app.env.APP_ORIGIN ?? new URL(request.url).origin;
      const file = await generateInvitations(context.app, id, count, origin, user.id);
      if (!file) notFound();
      return new Response(file.csv, {
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${file.filename}"`, "Cache-Control": "no-store" },
      });
    }
    case "import": {
      const file = form.get("file");
      if (!(file instanceof Blob) || file.size === 0) return reply({ intent: "import", ok: false, errors: { file: "required" } }, 422);
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        return reply({ intent: "import", ok: false, errors: { file: "json.malformed" } }, 422);
      }
      const r = await saveDefinition(context.app, id, json, user.id);
      if (!r.ok) return reply({ intent: "import", ok: false, errors: r.errors, paths: r.definitionErrors }, 422);
      return redirect(`/surveys/${id}/design`);
    }
  }
}

export default function SurveyPage() {
  const { survey, version, versions, fieldwork: fw } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const errorsFor = (intent: Intent) => (result?.intent === intent ? result.errors : undefined);
  const canPublish = survey.status !== "archived" && (!version?.published || survey.status !== "published");
  // Live fieldwork: while answers come in, counts and quota bars refresh every few seconds.
  const revalidator = useRevalidator();
  useEffect(() => {
    if (survey.status !== "published") return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, 5000);
    return () => clearInterval(timer);
  }, [survey.status, revalidator]);
  return (
    <>
      <p>
        <Link to="/surveys">← {t("surveys.title")}</Link>
      </p>
      <h1>{survey.title}</h1>
      <p>
        <span className="badge">{t(`surveyStatus.${survey.status}`)}</span>{" "}
        {survey.status === "published" ? <Link to={`/polls/${survey.slug}`}>/polls/{survey.slug}</Link> : <code>/polls/{survey.slug}</code>}
      </p>
      {result?.ok ? <p className="flash">{t("common.saved")}</p> : null}
      {result && !result.ok && result.errors?._form ? <FormError errors={result.errors} /> : null}

      <div className="actions-row">
        <Link className="button" to={`/surveys/${survey.id}/design`}>
          {t("surveys.design")}
        </Link>{" "}
        <Link className="button" to={`/surveys/${survey.id}/results`}>
          {t("results.link")}
        </Link>
        <a className="button secondary" href={`/surveys/${survey.id}/definition.json`} download>
          {t("surveys.exportJson")}
        </a>
        {canPublish ? (
          <Form method="post">
            <button type="submit" name="intent" value="publish" className="primary">
              {t("surveys.publish", { version: version?.number ?? 1 })}
            </button>
          </Form>
        ) : null}
        {survey.status === "published" ? (
          <Form method="post">
            <button type="submit" name="intent" value="close" className="primary">
              {t("surveys.close")}
            </button>
          </Form>
        ) : null}
        {survey.status === "closed" || survey.status === "draft" ? (
          <Form method="post">
            <button type="submit" name="intent" value="archive" className="link-button">
              {t("surveys.archive")}
            </button>
          </Form>
        ) : null}
      </div>

      <div className="cards" style={{ marginTop: "1rem" }}>
        <section className="card">
          <h2>{t("surveys.settings")}</h2>
          <FormError errors={errorsFor("settings")} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="settings" />
            <Field label={t("surveys.surveyTitle")} name="title" defaultValue={survey.title} error={errorsFor("settings")?.title} required />
            <Field
              label={t("surveys.opensAt", { zone: timeZone })}
              name="opens_at"
              type="datetime-local"
              defaultValue={survey.opens_at ? dateToZonedLocal(new Date(survey.opens_at), timeZone) : ""}
              error={errorsFor("settings")?.opens_at}
            />
            <Field
              label={t("surveys.closesAt", { zone: timeZone })}
              name="closes_at"
              type="datetime-local"
              defaultValue={survey.closes_at ? dateToZonedLocal(new Date(survey.closes_at), timeZone) : ""}
              error={errorsFor("settings")?.closes_at}
            />
            <SelectField
              label={t("surveys.policy")}
              name="duplicate_policy"
              defaultValue={survey.duplicate_policy}
              options={(["open", "device", "invitation"] as const).map((p) => ({ value: p, label: t(`policy.${p}`) }))}
            />
            <button type="submit" className="primary">
              {t("common.save")}
            </button>
          </Form>
        </section>

        <section className="card">
          <h2>{t("surveys.versions")}</h2>
          <table>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <td>v{v.version}</td>
                  <td>{v.published_at ? t("surveys.publishedAt", { date: formatDateTime(locale, v.published_at, timeZone) }) : t("surveys.draftVersion")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t("surveys.importJson")}</h3>
          <FormError errors={errorsFor("import")} />
          {result?.intent === "import" && result.paths ? (
            <ul className="form-error">
              {result.paths.map((p, i) => (
                <li key={i}>
                  <code>{p.path}</code>: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="stack">
            <input type="hidden" name="intent" value="import" />
            <input type="file" name="file" accept=".json,application/json" aria-label={t("surveys.importJson")} />
            <button type="submit" className="primary">
              {t("surveys.importJson")}
            </button>
          </Form>
        </section>
      </div>

      <h2>{t("surveys.fieldwork")}</h2>
      <p>{t("surveys.responseCount", { n: fw.responses })}</p>
      <div className="cards">
        <section className="card">
          <h3>{t("surveys.quotas")}</h3>
          {fw.cells.length > 0 ? (
            <table>
              <tbody>
                {fw.cells.map((c) => (
                  <tr key={c.id}>
                    <td>{c.label}</td>
                    <td style={{ width: "40%" }}>
                      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={c.target} aria-valuenow={c.filled} aria-label={c.label}>
                        <span style={{ width: `${Math.min(100, (100 * c.filled) / c.target)}%` }} />
                      </div>
                    </td>
                    <td className="num">
                      {c.filled} / {c.target}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="note">{t("surveys.noQuotas")}</p>
          )}
          {result?.intent === "quotas" && result.lines ? (
            <ul className="form-error">
              {result.lines.map((l, i) => (
                <li key={i}>{t("surveys.quotaLine", { line: l.line, message: l.message })}</li>
              ))}
            </ul>
          ) : null}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="quotas" />
            <div className="field">
              <label htmlFor="quotas">{t("surveys.quotaCells")}</label>
              <textarea id="quotas" name="quotas" rows={6} defaultValue={fw.quotaText} placeholder="Благовещенск, женщины | territory=amur-blagoveshchensk, sex=female | 120" />
              <small>{t("surveys.quotaHint")}</small>
            </div>
            <button type="submit" className="primary">
              {t("common.save")}
            </button>
          </Form>
        </section>
        <section className="card">
          <h3>{t("surveys.invitations")}</h3>
          <p>{t("surveys.invitationCounts", { total: fw.invitations.total, used: fw.invitations.used })}</p>
          <Form method="post" reloadDocument className="stack">
            <input type="hidden" name="intent" value="invitations" />
            <Field label={t("surveys.invitationCount")} name="count" type="number" min={1} max={MAX_INVITATIONS_PER_BATCH} defaultValue={100} error={errorsFor("invitations")?.count} />
            <button type="submit" className="primary">
              {t("surveys.generateInvitations")}
            </button>
            <small className="note">{t("surveys.invitationHint")}</small>
          </Form>
        </section>
      </div>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError, SelectField } from "../components/Field";
import { can } from "../domain/roles";
import { requirePermission } from "../services/auth.server";
import { createSurvey, editStudy, study, surveys } from "../services/surveys.server";
import { formFields, notFound, idParam } from "../utils/http.server";
import { useT } from "../utils/i18n";
import { StudyForm } from "../components/StudyForm";


export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(context.app, request, "surveys:manage");
  const id = idParam(params.id);
  const row = await study(context.app, id);
  if (!row) notFound();
  return { study: row, surveys: await surveys(context.app, { studyId: id }), canFocusGroups: can(user.role, "focus-groups:manage") };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "surveys:manage");
  const id = idParam(params.id);
  const form = await request.formData();
  const intent = z.enum(["edit", "new-survey"]).safeParse(form.get("intent"));
  if (!intent.success) throw new Response("Unknown intent", { status: 400 });
  if (intent.data === "edit") {
    const result = await editStudy(context.app, id, formFields(form), user.id);
    if (!result.ok) return data({ intent: "edit", errors: result.errors }, { status: 422 });
    return { intent: "edit", errors: {} as Record<string, string> };
  }
  const result = await createSurvey(context.app, { ...formFields(form), study_id: String(id) }, undefined, user.id);
  if (!result.ok) return data({ intent: "new-survey", errors: result.errors }, { status: 422 });
  return redirect(`/surveys/${result.value}/design`);
}

export default function StudyPage() {
  const { study: s, surveys: rows, canFocusGroups } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const surveyErrors = result?.intent === "new-survey" ? result.errors : undefined;
  return (
    <>
      <p>
        <Link to="/studies">← {t("studies.title")}</Link>
      </p>
      <h1>{s.title}</h1>
      <p className="note">
        {t(`studyKind.${s.kind}`)}
        {s.organisation_name ? ` · ${s.organisation_name}` : ""}
        {s.starts_on ? ` · ${s.starts_on}${s.ends_on ? ` — ${s.ends_on}` : ""}` : ""}
      </p>
      {s.description ? <p>{s.description}</p> : null}
      {canFocusGroups ? (
        <nav aria-label={t("fg.openFocusGroups")} className="tabs">
          <Link className="tab" to={`/studies/${s.id}/focus-groups`}>{t("fg.tab.sessions")}</Link>
          <Link className="tab" to={`/studies/${s.id}/participants`}>{t("fg.tab.participants")}</Link>
          <Link className="tab" to={`/studies/${s.id}/codebook`}>{t("fg.tab.codebook")}</Link>
          <Link className="tab" to={`/studies/${s.id}/analysis`}>{t("fg.tab.analysis")}</Link>
          <Link className="tab" to={`/studies/${s.id}/report`}>{t("fg.tab.report")}</Link>
        </nav>
      ) : null}
      <h2>{t("studies.surveys")}</h2>
      {rows.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={r.id}>
              <Link to={`/surveys/${r.id}`}>{r.title}</Link> <span className="badge">{t(`surveyStatus.${r.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="cards" style={{ marginTop: "1.5rem" }}>
        <section className="card">
          <h2>{t("surveys.create")}</h2>
          <FormError errors={surveyErrors} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="new-survey" />
            <Field label={t("surveys.surveyTitle")} name="title" error={surveyErrors?.title} required />
            <Field label={t("surveys.slug")} name="slug" error={surveyErrors?.slug} hint={t("surveys.slugHint")} required pattern="[a-z0-9][a-z0-9\-]{1,79}" />
            <SelectField
              label={t("surveys.policy")}
              name="duplicate_policy"
              options={(["open", "device", "invitation"] as const).map((p) => ({ value: p, label: t(`policy.${p}`) }))}
            />
            <button type="submit" className="primary">
              {t("surveys.create")}
            </button>
          </Form>
        </section>
        <section className="card">
          <h2>{t("common.edit")}</h2>
          {result?.intent === "edit" && Object.keys(result.errors).length === 0 ? <p className="flash">{t("common.saved")}</p> : null}
          <StudyForm
            intent="edit"
            values={{
              title: s.title,
              kind: s.kind,
              organisation_code: s.organisation_code,
              starts_on: s.starts_on,
              ends_on: s.ends_on,
              description: s.description,
            }}
            errors={result?.intent === "edit" ? result.errors : undefined}
          />
        </section>
      </div>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CheckboxField, Field, FormError, SelectField } from "../components/Field";
import { PagesTable } from "../components/PagesTable";
import { ORGANISATION_KINDS, PLATFORMS } from "../domain/registry/vocabulary";
import { can } from "../domain/roles";
import { requirePermission } from "../services/auth.server";
import { addPage, organisationDetail, saveOrganisation } from "../services/registry.server";
import { formFields, notFound } from "../utils/http.server";
import { useT } from "../utils/i18n";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(context.app, request, "registry:read");
  const detail = await organisationDetail(context.app, params.code ?? "");
  if (!detail) notFound();
  return { ...detail, canEdit: can(user.role, "registry:edit") };
}

const intentSchema = z.enum(["save", "add-page"]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "registry:edit");
  const form = await request.formData();
  const intent = intentSchema.safeParse(form.get("intent"));
  if (!intent.success) throw new Response("Unknown intent", { status: 400 });
  const code = params.code ?? "";
  const result =
    intent.data === "save"
      ? await saveOrganisation(context.app, code, formFields(form, ["verified"]), user.id)
      : await addPage(context.app, code, formFields(form), user.id);
  if (!result.ok) return data({ intent: intent.data, ok: false as const, errors: result.errors }, { status: 422 });
  return { intent: intent.data, ok: true as const, errors: {} as Record<string, string> };
}

export default function OrganisationDetail() {
  const { organisation: o, pages, subordinates, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const saveErrors = result?.intent === "save" ? result.errors : undefined;
  const pageErrors = result?.intent === "add-page" ? result.errors : undefined;
  return (
    <>
      <p>
        <Link to="/registry/organisations">← {t("nav.organisations")}</Link>
      </p>
      <h1>{o.name_ru}</h1>
      {o.verified ? null : <p className="badge warn">{t("registry.unverifiedNote")}</p>}
      <dl className="facts">
        <dt>{t("field.code")}</dt>
        <dd>
          <code>{o.code}</code>
        </dd>
        <dt>{t("field.kind")}</dt>
        <dd>{t(`orgKind.${o.kind}`)}</dd>
        <dt>{t("field.territory")}</dt>
        <dd>{o.territory_name ?? "—"}</dd>
        <dt>{t("field.parent")}</dt>
        <dd>{o.parent_code ? <Link to={`/registry/organisations/${o.parent_code}`}>{o.parent_name}</Link> : "—"}</dd>
        <dt>{t("field.peer_group")}</dt>
        <dd>{o.peer_group}</dd>
        <dt>{t("common.source")}</dt>
        <dd>{o.source ?? "—"}</dd>
      </dl>

      <h2>{t("nav.pages")}</h2>
      {pages.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <PagesTable rows={pages} organisation="none" canEdit={canEdit} />
      )}

      {subordinates.length > 0 ? (
        <>
          <h2>{t("registry.subordinates")}</h2>
          <ul>
            {subordinates.map((s) => (
              <li key={s.code}>
                <Link to={`/registry/organisations/${s.code}`}>{s.name_ru}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {canEdit ? (
        <div className="cards" style={{ marginTop: "1.5rem" }}>
          <section className="card">
            <h2>{t("common.edit")}</h2>
            {result?.intent === "save" && result.ok ? <p className="flash">{t("common.saved")}</p> : null}
            <FormError errors={saveErrors} />
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="save" />
              <Field label={t("field.name_ru")} name="name_ru" defaultValue={o.name_ru} error={saveErrors?.name_ru} required />
              <Field label={t("field.name_en")} name="name_en" defaultValue={o.name_en ?? ""} error={saveErrors?.name_en} />
              <SelectField
                label={t("field.kind")}
                name="kind"
                defaultValue={o.kind}
                error={saveErrors?.kind}
                options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
              />
              <Field label={t("field.parent_code")} name="parent_code" defaultValue={o.parent_code ?? ""} error={saveErrors?.parent_code} />
              <Field label={t("field.territory_code")} name="territory_code" defaultValue={o.territory_code ?? ""} error={saveErrors?.territory_code} />
              <Field label={t("field.peer_group")} name="peer_group" defaultValue={o.peer_group} error={saveErrors?.peer_group} required />
              <CheckboxField label={t("field.verified")} name="verified" defaultChecked={o.verified} />
              <Field label={t("common.source")} name="source" defaultValue={o.source ?? ""} error={saveErrors?.source} />
              <button type="submit" className="primary">
                {t("common.save")}
              </button>
            </Form>
          </section>
          <section className="card">
            <h2>{t("registry.addPage")}</h2>
            {result?.intent === "add-page" && result.ok ? <p className="flash">{t("common.saved")}</p> : null}
            <FormError errors={pageErrors} />
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="add-page" />
              <SelectField
                label={t("field.platform")}
                name="platform"
                error={pageErrors?.platform}
                options={PLATFORMS.map((p) => ({ value: p, label: t(`platform.${p}`) }))}
              />
              <Field label={t("field.platform_id")} name="platform_id" error={pageErrors?.platform_id} required />
              <Field label={t("field.url")} name="url" type="url" error={pageErrors?.url} required />
              <button type="submit" className="primary">
                {t("registry.addPage")}
              </button>
            </Form>
          </section>
        </div>
      ) : null}
    </>
  );
}

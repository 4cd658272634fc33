import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, SelectField } from "../components/Field";
import { TERRITORY_KINDS } from "../domain/registry/vocabulary";
import { requirePermission } from "../services/auth.server";
import { saveTerritory, territory } from "../services/registry.server";
import { formFields, notFound } from "../utils/http.server";
import { useT } from "../utils/i18n";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "registry:edit");
  const row = await territory(context.app, params.code ?? "");
  if (!row) notFound();
  return { territory: row };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "registry:edit");
  const result = await saveTerritory(context.app, params.code ?? "", formFields(await request.formData()), user.id);
  if (!result.ok) return data({ ok: false as const, errors: result.errors }, { status: 422 });
  return { ok: true as const, errors: {} as Record<string, string> };
}

export default function TerritoryEdit() {
  const { territory: tr } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = result?.errors;
  return (
    <>
      <p>
        <Link to="/registry/territories">← {t("nav.territories")}</Link>
      </p>
      <h1>
        {t("registry.editTerritory")}: {tr.name_ru}
      </h1>
      <p className="note">
        {t("field.code")}: <code>{tr.code}</code>
      </p>
      {result?.ok ? <p className="flash">{t("common.saved")}</p> : null}
      <FormError errors={errors} />
      <Form method="post" className="stack">
        <Field label={t("field.name_ru")} name="name_ru" defaultValue={tr.name_ru} error={errors?.name_ru} required />
        <Field label={t("field.name_en")} name="name_en" defaultValue={tr.name_en ?? ""} error={errors?.name_en} />
        <SelectField
          label={t("field.kind")}
          name="kind"
          defaultValue={tr.kind}
          error={errors?.kind}
          options={TERRITORY_KINDS.map((k) => ({ value: k, label: t(`territoryKind.${k}`) }))}
        />
        <Field label={t("field.parent_code")} name="parent_code" defaultValue={tr.parent_code ?? ""} error={errors?.parent_code} />
        <Field label={t("field.oktmo")} name="oktmo" defaultValue={tr.oktmo ?? ""} error={errors?.oktmo} inputMode="numeric" />
        <Field label={t("field.population")} name="population" defaultValue={tr.population ?? ""} error={errors?.population} inputMode="numeric" />
        <Field label={t("field.population_year")} name="population_year" defaultValue={tr.population_year ?? ""} error={errors?.population_year} inputMode="numeric" />
        <Field label={t("common.source")} name="source" defaultValue={tr.source ?? ""} error={errors?.source} />
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
      </Form>
    </>
  );
}

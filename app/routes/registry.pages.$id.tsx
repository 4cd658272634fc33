import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxField, Field, FormError } from "../components/Field";
import { requirePermission } from "../services/auth.server";
import { page, savePage } from "../services/registry.server";
import { formFields, notFound, idParam } from "../utils/http.server";
import { useT } from "../utils/i18n";


export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "registry:edit");
  const row = await page(context.app, idParam(params.id));
  if (!row) notFound();
  return { page: row };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "registry:edit");
  const result = await savePage(context.app, idParam(params.id), formFields(await request.formData(), ["active"]), user.id);
  if (!result.ok) return data({ ok: false as const, errors: result.errors }, { status: 422 });
  return { ok: true as const, errors: {} as Record<string, string> };
}

export default function PageEdit() {
  const { page: p } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = result?.errors;
  return (
    <>
      <p>
        <Link to={`/registry/organisations/${p.organisation_code}`}>← {p.organisation_name}</Link>
      </p>
      <h1>
        {t("registry.editPage")}: {t(`platform.${p.platform}`)} · {p.platform_id}
      </h1>
      {result?.ok ? <p className="flash">{t("common.saved")}</p> : null}
      <FormError errors={errors} />
      <Form method="post" className="stack">
        <Field label={t("field.url")} name="url" type="url" defaultValue={p.url} error={errors?.url} required />
        <Field label={t("field.organisation_code")} name="organisation_code" defaultValue={p.organisation_code} error={errors?.organisation_code} required />
        <CheckboxField label={t("field.active")} name="active" defaultChecked={p.active} />
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
      </Form>
    </>
  );
}

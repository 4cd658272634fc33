import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxField, Field, FormError, SelectField } from "../components/Field";
import { ROLES } from "../domain/roles";
import { requirePermission } from "../services/auth.server";
import { editUser, userForAdmin } from "../services/users.server";
import { formFields, notFound, idParam } from "../utils/http.server";
import { useT } from "../utils/i18n";


export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "users:manage");
  const user = await userForAdmin(context.app, idParam(params.id));
  if (!user) notFound();
  return { user };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const admin = await requirePermission(context.app, request, "users:manage");
  const fields = { ...formFields(await request.formData(), ["active"]), id: idParam(params.id) };
  const result = await editUser(context.app, fields, admin.id);
  if (!result.ok) return data({ ok: false as const, errors: result.errors }, { status: 422 });
  return { ok: true as const, errors: {} as Record<string, string> };
}

export default function UserEdit() {
  const { user } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = result?.errors;
  return (
    <>
      <p>
        <Link to="/admin/users">← {t("users.title")}</Link>
      </p>
      <h1>{t("users.edit", { email: user.email })}</h1>
      {result?.ok ? <p className="flash">{t("common.saved")}</p> : null}
      <FormError errors={errors} />
      <Form method="post" className="stack">
        <Field label={t("field.displayName")} name="displayName" defaultValue={user.display_name} error={errors?.displayName} required />
        <SelectField label={t("field.role")} name="role" defaultValue={user.role} error={errors?.role} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        <Field label={t("field.organisation_code")} name="organisationCode" defaultValue={user.organisation_code ?? ""} error={errors?.organisationCode} hint={t("users.organisationHint")} />
        <CheckboxField label={t("field.active")} name="active" defaultChecked={user.active} />
        <Field label={t("field.newPassword")} name="password" type="password" autoComplete="new-password" error={errors?.password} />
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
      </Form>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, SelectField } from "../components/Field";
import { formatDateTime } from "../i18n";
import { ROLES } from "../domain/roles";
import { requirePermission } from "../services/auth.server";
import { createUser, usersForAdmin } from "../services/users.server";
import { formFields } from "../utils/http.server";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "users:manage");
  return { users: await usersForAdmin(context.app) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(context.app, request, "users:manage");
  const result = await createUser(context.app, formFields(await request.formData()), admin.id);
  if (!result.ok) return data({ ok: false as const, errors: result.errors }, { status: 422 });
  return { ok: true as const, errors: {} as Record<string, string> };
}

export default function Users() {
  const { users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const errors = result?.errors;
  return (
    <>
      <h1>{t("users.title")}</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("field.email")}</th>
              <th>{t("field.displayName")}</th>
              <th>{t("field.role")}</th>
              <th>{t("field.organisation")}</th>
              <th>{t("field.active")}</th>
              <th>{t("field.lastLogin")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.email}</Link>
                </td>
                <td>{u.display_name}</td>
                <td>{t(`role.${u.role}`)}</td>
                <td>{u.organisation_name ?? "—"}</td>
                <td>{u.active ? t("common.yes") : t("common.no")}</td>
                <td>{u.last_login_at ? formatDateTime(locale, u.last_login_at, timeZone) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" style={{ marginTop: "1.5rem" }}>
        <h2>{t("users.create")}</h2>
        {result?.ok ? <p className="flash">{t("users.created")}</p> : null}
        <FormError errors={errors} />
        <Form method="post" className="stack" key={result?.ok ? users.length : "form"}>
          <Field label={t("field.email")} name="email" type="email" error={errors?.email} required />
          <Field label={t("field.displayName")} name="displayName" error={errors?.displayName} required />
          <SelectField label={t("field.role")} name="role" error={errors?.role} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          <Field label={t("field.organisation_code")} name="organisationCode" error={errors?.organisationCode} hint={t("users.organisationHint")} />
          <Field label={t("field.password")} name="password" type="password" autoComplete="new-password" error={errors?.password} required />
          <button type="submit" className="primary">
            {t("users.create")}
          </button>
        </Form>
      </section>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError } from "../components/Field";
import { formatDateTime } from "../i18n";
import { apiTokens, createApiToken, revokeToken, tokenNameSchema } from "../services/api-tokens.server";
import { requirePermission } from "../services/auth.server";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context.app, request, "surveys:manage");
  return { tokens: await apiTokens(context.app, user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "surveys:manage");
  const form = await request.formData();
  if (form.get("intent") === "revoke") {
    const id = z.coerce.number().int().positive().safeParse(form.get("id"));
    if (!id.success || !(await revokeToken(context.app, user.id, id.data))) throw new Response("Not found", { status: 404 });
    return { token: null, errors: {} as Record<string, string> };
  }
  const name = tokenNameSchema.safeParse(form.get("name"));
  if (!name.success) return data({ token: null, errors: { name: "required" } as Record<string, string> }, { status: 422 });
  const created = await createApiToken(context.app, user.id, name.data);
  return { token: created.token, errors: {} as Record<string, string> };
}

export default function Tokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <>
      <h1>{t("tokens.title")}</h1>
      <p className="lead">{t("tokens.lead")}</p>
      {result?.token ? (
        <div className="flash" role="status">
          <p>{t("tokens.created")}</p>
          <code className="token">{result.token}</code>
        </div>
      ) : null}
      <section className="card">
        <FormError errors={result?.errors} />
        <Form method="post" className="stack">
          <Field label={t("tokens.name")} name="name" error={result?.errors?.name} required maxLength={100} />
          <button type="submit" className="primary">
            {t("tokens.create")}
          </button>
        </Form>
      </section>
      {tokens.length > 0 ? (
        <div className="table-wrap" style={{ marginTop: "1rem" }}>
          <table>
            <tbody>
              {tokens.map((tk) => (
                <tr key={tk.id}>
                  <td>{tk.name}</td>
                  <td>{formatDateTime(locale, tk.created_at, timeZone)}</td>
                  <td>
                    {t("tokens.lastUsed")}: {tk.last_used_at ? formatDateTime(locale, tk.last_used_at, timeZone) : "—"}
                  </td>
                  <td>
                    {tk.revoked_at ? (
                      <span className="badge">{t("tokens.revoked")}</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="id" value={tk.id} />
                        <button type="submit" name="intent" value="revoke" className="link-button">
                          {t("tokens.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

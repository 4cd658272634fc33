import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, redirect, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../services/auth.server";
import { createDraft, methodologyList } from "../services/methodologies.server";
import { formatDateTime } from "../i18n";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "methodologies:edit");
  return { methodologies: await methodologyList(context.app.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "methodologies:edit");
  const form = await request.formData();
  const source = Number(form.get("source"));
  if (!Number.isInteger(source) || source <= 0) return { errors: ["source"] };
  const made = await createDraft(context.app, source, user.id);
  if (!made.ok) throw new Response("Not found", { status: 404 });
  return redirect(`/methodologies/${made.id}`);
}

export default function Methodologies() {
  const { methodologies } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <>
      <h1>{t("methodologies.title")}</h1>
      <p className="lead">{t("methodologies.lead")}</p>
      <table>
        <thead>
          <tr>
            <th>{t("methodologies.name")}</th>
            <th>{t("surveys.version")}</th>
            <th>{t("surveys.status")}</th>
            <th>{t("methodologies.publishedAt")}</th>
            <th>{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {methodologies.map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`/methodologies/${m.id}`}>{m.title}</Link> <code>{m.code}</code>
              </td>
              <td className="num">{m.version}</td>
              <td>
                {t(`methodologies.status.${m.status}`)} {m.active ? <span className="badge ok">{t("methodologies.active")}</span> : null}
              </td>
              <td>{m.published_at ? formatDateTime(locale, m.published_at, timeZone) : "—"}</td>
              <td>
                <Form method="post" className="inline">
                  <input type="hidden" name="source" value={m.id} />
                  <button type="submit">{t("methodologies.makeDraft")}</button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

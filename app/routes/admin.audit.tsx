import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../i18n";
import { requirePermission } from "../services/auth.server";
import { auditLog } from "../services/users.server";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

const PAGE = 100;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "users:manage");
  const asked = Number(new URL(request.url).searchParams.get("before"));
  // an id column is a 32-bit integer: anything else is no cursor at all
  const before = Number.isInteger(asked) && asked > 0 && asked <= 2_147_483_647 ? asked : undefined;
  const rows = await auditLog(context.app, { limit: PAGE, before });
  return { rows, next: rows.length === PAGE ? rows[rows.length - 1]?.id : undefined };
}

export default function AuditLog() {
  const { rows, next } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("audit.at")}</th>
              <th>{t("audit.actor")}</th>
              <th>{t("audit.action")}</th>
              <th>{t("audit.entity")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(locale, r.at, timeZone)}</td>
                <td>{r.actor_email ?? "—"}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>
                  {r.entity_type}
                  {r.entity_id ? ` · ${r.entity_id}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next ? (
        <p>
          <Link to={`?before=${next}`}>{t("common.next")} →</Link>
        </p>
      ) : null}
    </>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../i18n";
import { requirePermission } from "../services/auth.server";
import { reportArchive } from "../services/weekly-report.server";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "reports:read");
  return { rows: await reportArchive(context.app), mailConfigured: Boolean(context.app.env.SMTP_URL) };
}

export default function ReportArchive() {
  const { rows, mailConfigured } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <>
      <p>
        <Link to="/reports">← {t("reports.title")}</Link>
      </p>
      <h1>{t("archive.title")}</h1>
      <p className="lead">{mailConfigured ? t("archive.leadMail") : t("archive.leadNoMail")}</p>
      {rows.length === 0 ? <p>{t("common.none")}</p> : null}
      <table>
        <thead>
          <tr>
            <th>{t("archive.created")}</th>
            <th>{t("reports.period")}</th>
            <th>{t("archive.file")}</th>
            <th>{t("archive.mailed")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{formatDateTime(locale, r.created_at, timeZone)}</td>
              <td>{r.period_label}</td>
              <td>
                <a href={`/reports/archive/${r.id}`}>{r.file}</a> ({Math.round(r.bytes / 1024)} KB)
              </td>
              <td>{r.mail_error ? <span className="badge bad">{r.mail_error}</span> : r.mailed_to.join(", ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { describeRejection } from "../domain/registry/rejection-messages";
import { requirePermission } from "../services/auth.server";
import { getRegistryImport, type RegistryImportReport } from "../services/registry-import.server";
import { notFound } from "../utils/http.server";
import { useLocale, useT } from "../utils/i18n";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "registry:import");
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  const row = await getRegistryImport(context.app.db, id);
  if (!row) notFound();
  return { id: row.id, status: row.status, report: row.report as (RegistryImportReport & { error?: string }) | null };
}

export default function RegistryImportReportPage() {
  const { id, status, report } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const revalidator = useRevalidator();
  const pending = status === "queued" || status === "running";
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [pending, revalidator]);
  return (
    <>
      <p>
        <Link to="/registry/import">← {t("import.title")}</Link>
      </p>
      <h1>{t("import.report", { id })}</h1>
      <p>
        <strong>{t(`import.status.${status}`)}</strong>
      </p>
      {pending ? (
        <p aria-live="polite">
          {t("import.waiting")} <noscript><a href="">↻</a></noscript>
        </p>
      ) : null}
      {report && "counts" in report ? <p>{t("import.counts", report.counts)}</p> : null}
      {status === "succeeded" ? <p className="flash">{t("import.succeededLead")}</p> : null}
      {status === "failed" && report?.error ? <p className="form-error">{report.error}</p> : null}
      {status === "rejected" && report ? (
        <>
          <p className="form-error">{t("import.rejectedLead")}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t("import.file")}</th>
                  <th className="num">{t("import.line")}</th>
                  <th>{t("import.field")}</th>
                  <th>{t("import.value")}</th>
                  <th>{t("import.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rejections.map((r, i) => (
                  <tr key={i}>
                    <td>{`${r.file}.csv`}</td>
                    <td className="num">{r.line}</td>
                    <td>{r.field ?? "—"}</td>
                    <td>
                      <code>{r.value ?? ""}</code>
                    </td>
                    <td>{describeRejection(r, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {report && report.warnings?.length > 0 ? (
        <>
          <h2>{t("import.warnings")}</h2>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>
                {`${w.file}.csv:${w.line} — ${describeRejection(w, locale)}`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can } from "../domain/roles";
import { formatNumber } from "../i18n";
import { requirePermission } from "../services/auth.server";
import { territories } from "../services/registry.server";
import { useLocale, useT } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context.app, request, "registry:read");
  return { rows: await territories(context.app), canEdit: can(user.role, "registry:edit") };
}

export default function Territories() {
  const { rows, canEdit } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t("nav.territories")}</h1>
      <p className="note">{t("registry.populationNote")}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("field.name_ru")}</th>
              <th>{t("field.kind")}</th>
              <th className="num">{t("field.population")}</th>
              <th>{t("field.population_year")}</th>
              <th>{t("common.source")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <td>
                  {canEdit ? <Link to={`/registry/territories/${r.code}`}>{r.name_ru}</Link> : r.name_ru}
                  <br />
                  <small className="note">{r.code}</small>
                </td>
                <td>{t(`territoryKind.${r.kind}`)}</td>
                <td className="num">
                  {r.population == null ? (
                    <span className="badge">{t("registry.populationUnknown")}</span>
                  ) : (
                    formatNumber(locale, r.population)
                  )}
                </td>
                <td>{r.population_year ?? "—"}</td>
                <td>
                  <small>{r.source}</small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

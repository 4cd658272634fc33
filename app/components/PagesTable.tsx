import { Link } from "@remix-run/react";
import type { Platform } from "../domain/registry/vocabulary";
import { useT } from "../utils/i18n";

interface PageRow {
  id: number;
  platform: Platform;
  url: string;
  active: boolean;
  organisation_code?: string;
  organisation_name?: string;
}

/** Official pages as a table: the registry, an organisation's card and /my all show them alike. */
export function PagesTable({ rows, organisation, canEdit }: { rows: PageRow[]; organisation: "link" | "text" | "none"; canEdit: boolean }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {organisation !== "none" ? <th>{t("field.organisation")}</th> : null}
            <th>{t("field.platform")}</th>
            <th>{t("field.url")}</th>
            <th>{t("field.active")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              {organisation === "link" ? (
                <td>
                  <Link to={`/registry/organisations/${p.organisation_code}`}>{p.organisation_name}</Link>
                </td>
              ) : organisation === "text" ? (
                <td>{p.organisation_name}</td>
              ) : null}
              <td>{canEdit ? <Link to={`/registry/pages/${p.id}`}>{t(`platform.${p.platform}`)}</Link> : t(`platform.${p.platform}`)}</td>
              <td>
                <a href={p.url} rel="noreferrer noopener" target="_blank">
                  {p.url}
                </a>
              </td>
              <td>{p.active ? t("common.yes") : t("common.no")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "../services/auth.server";
import { ownOrganisation } from "../services/registry.server";
import { useT } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context.app, request, "own-organisation:read");
  // The scope comes from the session, never from the URL: there is nothing to tamper with.
  if (user.organisationId == null) throw new Response("Forbidden", { status: 403 });
  return ownOrganisation(context.app, user.organisationId);
}

export default function MyOrganisation() {
  const { root, organisations, pages } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("my.title")}</h1>
      {root ? <h2>{root.name_ru}</h2> : null}
      <p className="lead">{t("my.lead")}</p>
      <h2>{t("my.pages")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("field.organisation")}</th>
              <th>{t("field.platform")}</th>
              <th>{t("field.url")}</th>
              <th>{t("field.active")}</th>
            </tr>
          </thead>
          <tbody>
            {pages.map((p) => (
              <tr key={p.id}>
                <td>{p.organisation_name}</td>
                <td>{t(`platform.${p.platform}`)}</td>
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
      {organisations.length > 1 ? (
        <>
          <h2>{t("registry.subordinates")}</h2>
          <ul>
            {organisations
              .filter((o) => o.id !== root?.id)
              .map((o) => (
                <li key={o.code}>{o.name_ru}</li>
              ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pager } from "../components/Pager";
import { ORGANISATION_KINDS } from "../domain/registry/vocabulary";
import { requirePermission } from "../services/auth.server";
import { organisations, territories } from "../services/registry.server";
import { pageParams } from "../utils/http.server";
import { useT } from "../utils/i18n";

const filterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  kind: z.enum(ORGANISATION_KINDS).optional().catch(undefined),
  territory: z.string().trim().max(64).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "registry:read");
  const url = new URL(request.url);
  const filter = filterSchema.parse(Object.fromEntries(url.searchParams));
  const paging = pageParams(url);
  const [list, allTerritories] = await Promise.all([
    organisations(context.app, {
      q: filter.q || undefined,
      kind: filter.kind,
      territoryCode: filter.territory || undefined,
      limit: paging.limit,
      offset: paging.offset,
    }),
    territories(context.app),
  ]);
  return { ...list, filter, page: paging.page, limit: paging.limit, territories: allTerritories.map((t) => ({ code: t.code, name: t.name_ru })) };
}

export default function Organisations() {
  const { rows, total, filter, page, limit, territories: territoryOptions } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("nav.organisations")}</h1>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="q">{t("registry.filter.q")}</label>
          <input id="q" name="q" defaultValue={filter.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="kind">{t("field.kind")}</label>
          <select id="kind" name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">{t("common.all")}</option>
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`orgKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="territory">{t("field.territory")}</label>
          <select id="territory" name="territory" defaultValue={filter.territory ?? ""}>
            <option value="">{t("common.all")}</option>
            {territoryOptions.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t("common.search")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("field.organisation")}</th>
                <th>{t("field.kind")}</th>
                <th>{t("field.territory")}</th>
                <th className="num">{t("field.pages")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.code}>
                  <td>
                    <Link to={`/registry/organisations/${o.code}`}>{o.name_ru}</Link>{" "}
                    {o.verified ? null : (
                      <span className="badge warn" title={t("registry.unverifiedNote")}>
                        {t("registry.unverified")}
                      </span>
                    )}
                    <br />
                    <small className="note">{o.code}</small>
                  </td>
                  <td>{t(`orgKind.${o.kind}`)}</td>
                  <td>{o.territory_name ?? "—"}</td>
                  <td className="num">{o.page_count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} limit={limit} total={total} />
    </>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pager } from "../components/Pager";
import { PLATFORMS } from "../domain/registry/vocabulary";
import { can } from "../domain/roles";
import { requirePermission } from "../services/auth.server";
import { pages } from "../services/registry.server";
import { pageParams } from "../utils/http.server";
import { useT } from "../utils/i18n";

const filterSchema = z.object({ platform: z.enum(PLATFORMS).optional().catch(undefined) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context.app, request, "registry:read");
  const url = new URL(request.url);
  const filter = filterSchema.parse(Object.fromEntries(url.searchParams));
  const paging = pageParams(url);
  const list = await pages(context.app, { platform: filter.platform, limit: paging.limit, offset: paging.offset });
  return { ...list, filter, page: paging.page, limit: paging.limit, canEdit: can(user.role, "registry:edit"), demo: context.app.env.embedded };
}

export default function Pages() {
  const { rows, total, filter, page, limit, canEdit, demo } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("nav.pages")}</h1>
      {demo ? <p className="note">{t("registry.demoPagesNote")}</p> : null}
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="platform">{t("field.platform")}</label>
          <select id="platform" name="platform" defaultValue={filter.platform ?? ""}>
            <option value="">{t("common.all")}</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {t(`platform.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t("common.search")}
        </button>
      </Form>
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
            {rows.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/registry/organisations/${p.organisation_code}`}>{p.organisation_name}</Link>
                </td>
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
      <Pager page={page} limit={limit} total={total} />
    </>
  );
}

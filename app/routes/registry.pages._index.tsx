import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pager } from "../components/Pager";
import { PLATFORMS } from "../domain/registry/vocabulary";
import { can } from "../domain/roles";
import { requirePermission } from "../services/auth.server";
import { pages } from "../services/registry.server";
import { pageParams } from "../utils/http.server";
import { PagesTable } from "../components/PagesTable";
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
      <PagesTable rows={rows} organisation="link" canEdit={canEdit} />
      <Pager page={page} limit={limit} total={total} />
    </>
  );
}

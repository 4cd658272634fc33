import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "../services/auth.server";
import { ownOrganisation } from "../services/registry.server";
import { PagesTable } from "../components/PagesTable";
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
      <PagesTable rows={pages} organisation="text" canEdit={false} />
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

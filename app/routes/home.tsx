import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { navigationFor } from "../components/nav-items";
import { can } from "../domain/roles";
import { requireUser } from "../services/auth.server";
import { useT } from "../utils/i18n";
import type { MessageKey } from "../i18n";

const DESCRIPTIONS: Partial<Record<string, MessageKey>> = {
  "/registry/territories": "home.territories.text",
  "/registry/organisations": "home.organisations.text",
  "/registry/pages": "home.pages.text",
  "/registry/import": "home.import.text",
  "/admin/users": "home.users.text",
  "/admin/audit": "home.audit.text",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(context.app, request);
  // A page administrator's home is their organisation.
  if (can(user.role, "own-organisation:read")) throw redirect("/my");
  return { name: user.displayName, role: user.role };
}

export default function Home() {
  const { name, role } = useLoaderData<typeof loader>();
  const t = useT();
  const sections = navigationFor(role).filter((item) => item.to !== "/home");
  return (
    <>
      <h1>{t("home.title", { name })}</h1>
      <p className="lead">{t("home.role", { role: t(`role.${role}`) })}</p>
      <h2>{t("home.sections")}</h2>
      <div className="cards">
        {sections.map((item) => {
          const description = DESCRIPTIONS[item.to];
          return (
            <Link key={item.to} to={item.to} className="card" style={{ textDecoration: "none", color: "inherit" }}>
              <h3>{t(item.label)}</h3>
              {description ? <p className="note">{t(description)}</p> : null}
            </Link>
          );
        })}
      </div>
    </>
  );
}

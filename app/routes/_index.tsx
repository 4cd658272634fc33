import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatNumber } from "../i18n";
import { registrySummary, regionName } from "../services/registry.server";
import { useLocale, useT } from "../utils/i18n";

export async function loader({ context }: LoaderFunctionArgs) {
  const [counts, region] = await Promise.all([registrySummary(context.app), regionName(context.app)]);
  return { counts, region };
}

export default function Landing() {
  const { counts, region } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t("landing.title")}</h1>
      <p className="lead">{t("landing.lead")}</p>
      {region ? (
        <section aria-label={t("landing.region")}>
          <h2>
            {t("landing.region")}: {locale === "en" && region.name_en ? region.name_en : region.name_ru}
          </h2>
          <div className="stats">
            <div className="stat">
              <strong>{formatNumber(locale, counts.territories)}</strong> {t("landing.stats.territories")}
            </div>
            <div className="stat">
              <strong>{formatNumber(locale, counts.organisations)}</strong> {t("landing.stats.organisations")}
            </div>
            <div className="stat">
              <strong>{formatNumber(locale, counts.pages)}</strong> {t("landing.stats.pages")}
            </div>
          </div>
        </section>
      ) : null}
      <div className="cards">
        <section className="card">
          <h2>{t("landing.sociology.title")}</h2>
          <p>{t("landing.sociology.text")}</p>
        </section>
        <section className="card">
          <h2>{t("landing.compliance.title")}</h2>
          <p>{t("landing.compliance.text")}</p>
        </section>
      </div>
      <p>
        <Link className="button" to="/login">
          {t("landing.signIn")}
        </Link>
      </p>
    </>
  );
}

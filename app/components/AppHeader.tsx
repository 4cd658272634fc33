import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "../root";
import { translator, DEFAULT_LOCALE } from "../i18n";
import { navigationFor, PUBLIC_NAVIGATION } from "./nav-items";

export function AppHeader() {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  const location = useLocation();
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const user = data?.user;
  const here = `${location.pathname}${location.search}`;
  const links = (
    <ul>
      {user ? (
        navigationFor(user.role).map((item) => (
          <li key={item.to}>
            <NavLink to={item.to}>{t(item.label)}</NavLink>
          </li>
        ))
      ) : (
        PUBLIC_NAVIGATION.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to}>{t(item.label)}</NavLink>
          </li>
        ))
      )}
    </ul>
  );
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <div className="container header-row">
        <Link to="/" className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t("app.name")}</span>
        </Link>
        {/* Two renderings of one list: a plain bar on wide screens, a <details> menu on phones.
            CSS hides one of them (Chromium hides a closed <details>' content whatever its CSS). */}
        <nav className="desktop-nav" aria-label={t("nav.menu")}>
          {links}
        </nav>
        {/* keyed by path so the phone menu closes after each navigation */}
        <details className="menu" key={location.pathname}>
          <summary>{t("nav.menu")}</summary>
          <nav aria-label={t("nav.menu")}>{links}</nav>
        </details>
        <div className="header-tools">
          <Form method="post" action="/locale" className="locale-form">
            <input type="hidden" name="redirectTo" value={here} />
            {/* the accessible name keeps the visible "EN"/"RU" so voice control can say what it sees */}
            <button type="submit" name="locale" value={locale === "ru" ? "en" : "ru"} aria-label={`${t("locale.switch")}: ${locale === "ru" ? "EN" : "RU"}`}>
              {locale === "ru" ? "EN" : "RU"}
            </button>
          </Form>
          {user ? (
            <Form method="post" action="/logout">
              <span className="user-chip" title={user.email}>
                {user.displayName} · {t(`role.${user.role}`)}
              </span>
              <button type="submit" className="link-button">
                {t("nav.logout")}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </header>
  );
}

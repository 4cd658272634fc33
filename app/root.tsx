import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { AppHeader } from "./components/AppHeader";
import { GeneralErrorBoundary } from "./components/GeneralErrorBoundary";
import { DEFAULT_LOCALE, localeFromRequest } from "./i18n";
import { getSessionUser } from "./services/auth.server";
import styles from "./styles/app.css";
import { useNonce } from "./utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Пульс региона — Region Pulse" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getSessionUser(context.app, request);
  return {
    locale: localeFromRequest(request),
    timeZone: context.app.env.REGION_TIMEZONE,
    user: user && {
      displayName: user.displayName,
      email: user.email,
      role: user.role,
      organisationName: user.organisationName,
    },
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang={data?.locale ?? DEFAULT_LOCALE}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1d4e89" />
        <Meta />
        <Links />
      </head>
      <body>
        <AppHeader />
        <main id="main" className="container">
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

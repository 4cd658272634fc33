import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "../utils/i18n";

/** The one error boundary: status pages for thrown Responses, a calm message for bugs. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let message: string;
  if (isRouteErrorResponse(error)) {
    message =
      error.status === 404 ? t("error.404") : error.status === 403 ? t("error.403") : t("error.generic", { status: error.status });
  } else {
    message = t("error.unexpected");
  }
  return (
    <section className="error-page" role="alert">
      <h1>{t("error.title")}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">{t("error.goHome")}</Link>
      </p>
    </section>
  );
}

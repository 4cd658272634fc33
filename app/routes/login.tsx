import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { data, redirect } from "@remix-run/node";
import { getSessionUser, login, loginSchema, LOGIN_WINDOW_MINUTES, safeRedirect } from "../services/auth.server";
import { Field } from "../components/Field";
import { useT } from "../utils/i18n";

export const meta: MetaFunction = () => [{ title: "Вход — Пульс региона" }];

// Document responses take headers from here only: pass the throttle's Retry-After through.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  const headers = new Headers();
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getSessionUser(context.app, request)) throw redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = loginSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return data({ error: "invalid" as const }, { status: 400 });
  const overHttps = new URL(request.url).protocol === "https:";
  const result = await login(context.app, { ...parsed.data, clientAddress: context.clientAddress, overHttps });
  if (!result.ok) {
    if (result.reason === "throttled") {
      return data(
        { error: "throttled" as const },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    }
    return data({ error: "invalid" as const }, { status: 401 });
  }
  const fallback = result.user.role === "page_admin" ? "/my" : "/home";
  return redirect(safeRedirect(form.get("redirectTo"), fallback), { headers: { "Set-Cookie": result.setCookie } });
}

export default function Login() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card" style={{ maxWidth: "28rem", margin: "2rem auto" }}>
      <h1>{t("login.title")}</h1>
      {actionData?.error ? (
        <p className="form-error" role="alert">
          {actionData.error === "throttled" ? t("login.throttled", { minutes: LOGIN_WINDOW_MINUTES }) : t("login.invalid")}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field label={t("login.email")} name="email" type="email" autoComplete="username" required />
        <Field label={t("login.password")} name="password" type="password" autoComplete="current-password" required />
        <button type="submit" className="primary" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
    </section>
  );
}

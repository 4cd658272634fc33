import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale, localeCookie } from "../i18n";
import { safeRedirect } from "../services/auth.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  if (!isLocale(locale)) throw new Response("Unknown locale", { status: 400 });
  return redirect(safeRedirect(form.get("redirectTo"), "/"), { headers: { "Set-Cookie": localeCookie(locale) } });
}

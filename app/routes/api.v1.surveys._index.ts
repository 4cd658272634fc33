import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "../services/api-tokens.server";
import { apiCreateSurvey, apiListSurveys } from "../services/survey-api.server";
import { readJsonBody } from "../utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireApiUser(context.app, request, "surveys:manage");
  const result = await apiListSurveys(context.app);
  return Response.json(result.body, { status: result.status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireApiUser(context.app, request, "surveys:manage");
  if (request.method !== "POST") return Response.json({ error: "method_not_allowed" }, { status: 405 });
  const body = await readJsonBody(request, 1024 * 1024);
  if (!body.ok) return Response.json({ error: body.error }, { status: body.status });
  const result = await apiCreateSurvey(context.app, user.id, body.value);
  return Response.json(result.body, { status: result.status });
}

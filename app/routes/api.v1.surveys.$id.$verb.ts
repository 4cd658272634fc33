import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "../services/api-tokens.server";
import { apiClose, apiListResponses, apiPublish, apiUpdateDefinition } from "../services/survey-api.server";
import { readJsonBody } from "../utils/http.server";

function surveyId(raw: string | undefined): number | null {
  const id = Number(raw);
  return Number.isInteger(id) && id > 0 && id <= 2_147_483_647 ? id : null;
}

const notFound = () => Response.json({ error: "not_found" }, { status: 404 });

/** GET /api/v1/surveys/:id/responses */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireApiUser(context.app, request, "surveys:manage");
  const id = surveyId(params.id);
  if (!id || params.verb !== "responses") return notFound();
  const result = await apiListResponses(context.app, id, new URL(request.url));
  return Response.json(result.body, { status: result.status });
}

/** PUT /api/v1/surveys/:id/definition, POST /api/v1/surveys/:id/publish, POST /api/v1/surveys/:id/close */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireApiUser(context.app, request, "surveys:manage");
  const id = surveyId(params.id);
  if (!id) return notFound();
  const route = `${request.method} ${params.verb}`;
  let result;
  if (route === "PUT definition") {
    const body = await readJsonBody(request, 1024 * 1024);
    if (!body.ok) return Response.json({ error: body.error }, { status: body.status });
    result = await apiUpdateDefinition(context.app, user.id, id, body.value);
  } else if (route === "POST publish") result = await apiPublish(context.app, user.id, id);
  else if (route === "POST close") result = await apiClose(context.app, user.id, id);
  else return Response.json({ error: "method_not_allowed" }, { status: 405 });
  return Response.json(result.body, { status: result.status });
}

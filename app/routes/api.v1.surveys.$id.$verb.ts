import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireApiOrSessionUser, requireApiUser } from "../services/api-tokens.server";
import { filtersFromUrl, resultsQuerySchema, surveyCrosstab, surveyResults, surveyTextAnswers } from "../services/results.server";
import { apiClose, apiListResponses, apiPublish, apiUpdateDefinition } from "../services/survey-api.server";
import { readJsonBody } from "../utils/http.server";

function surveyId(raw: string | undefined): number | null {
  const id = Number(raw);
  return Number.isInteger(id) && id > 0 && id <= 2_147_483_647 ? id : null;
}

const notFound = () => Response.json({ error: "not_found" }, { status: 404 });

/**
 * GET /api/v1/surveys/:id/responses (token),
 * GET /api/v1/surveys/:id/results?weighted=1&version=&exclude_flagged=1&question=&filter.<q>=<value> (token or session),
 * GET /api/v1/surveys/:id/crosstab?row=<q>&col=<q>&weighted=1&… (token or session),
 * GET /api/v1/surveys/:id/text?question=<q>&search=&before=<id> (token or session)
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  if (params.verb === "results" || params.verb === "crosstab" || params.verb === "text") return resultsLoader(request, context, params);
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

async function resultsLoader(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  await requireApiOrSessionUser(context.app, request, "results:read");
  const id = surveyId(params.id);
  if (!id) return notFound();
  const url = new URL(request.url);
  const query = resultsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return Response.json({ error: "invalid_query", fields: query.error.flatten().fieldErrors }, { status: 400 });
  const scope = { versionId: query.data.version, weighted: query.data.weighted, excludeFlagged: query.data.exclude_flagged, filters: filtersFromUrl(url) };
  const before = Number(url.searchParams.get("before") ?? "");
  const result =
    params.verb === "results"
      ? await surveyResults(context.app, id, { ...scope, question: url.searchParams.get("question") ?? undefined })
      : params.verb === "text"
        ? await surveyTextAnswers(context.app, id, {
            ...scope,
            question: url.searchParams.get("question") ?? "",
            search: url.searchParams.get("search") ?? undefined,
            beforeId: Number.isSafeInteger(before) && before > 0 ? before : undefined,
          })
        : await surveyCrosstab(context.app, id, { ...scope, row: url.searchParams.get("row") ?? "", col: url.searchParams.get("col") ?? "" });
  if (!result.ok) return Response.json({ error: result.errors[0], errors: result.errors }, { status: result.status });
  return Response.json(result.value);
}

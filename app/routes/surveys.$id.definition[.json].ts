import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../services/auth.server";
import { surveyForDesign } from "../services/surveys.server";

/** The latest version's SurveyJS JSON as a file, to reuse elsewhere or keep in `surveys/`. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "surveys:manage");
  const id = Number(params.id);
  const design = Number.isInteger(id) && id > 0 && id < 2_147_483_647 ? await surveyForDesign(context.app, id) : null;
  if (!design) throw new Response("Not found", { status: 404 });
  return new Response(`${JSON.stringify(design.definition, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${design.survey.slug}-v${design.version?.number ?? 1}.json"`,
    },
  });
}

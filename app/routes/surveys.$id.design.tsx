import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import surveyCss from "survey-core/survey-core.fontless.min.css";
import { z } from "zod";
import { SurveyDesigner } from "../components/designer/SurveyDesigner";
import { requirePermission } from "../services/auth.server";
import { saveDefinition, surveyForDesign } from "../services/surveys.server";
import designerCss from "../styles/designer.css";
import { notFound, idParam } from "../utils/http.server";
import { useT } from "../utils/i18n";

// The fontless theme only: the full one pulls fonts from Google.
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: surveyCss },
  { rel: "stylesheet", href: designerCss },
];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.survey.title} — Конструктор опроса` : "Конструктор опроса" }];

/** A positive integer that fits a PostgreSQL integer, else 404 (never a 500 from the database). */

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "surveys:manage");
  const design = await surveyForDesign(context.app, idParam(params.id));
  if (!design) notFound();
  return design;
}

const MAX_DEFINITION_CHARS = 2_000_000;
const saveSchema = z.object({
  definition: z.string({ required_error: "definition.missing", invalid_type_error: "definition.missing" }).trim().min(1, "definition.missing").max(MAX_DEFINITION_CHARS, "definition.tooLarge"),
});

type PathMessage = { path: string; message: string };
const refuse = (errors: Record<string, string>, definitionErrors: PathMessage[] = []) =>
  data({ ok: false as const, errors, definitionErrors }, { status: 422 });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "surveys:manage");
  const id = idParam(params.id);
  const form = await request.formData();
  const parsed = saveSchema.safeParse({ definition: form.get("definition") ?? undefined });
  if (!parsed.success) return refuse({ definition: parsed.error.issues[0]?.message ?? "definition.missing" });
  let json: unknown;
  try {
    json = JSON.parse(parsed.data.definition);
  } catch (error) {
    return refuse({ definition: "definition.json" }, [{ path: "", message: error instanceof Error ? error.message : String(error) }]);
  }
  const result = await saveDefinition(context.app, id, json, user.id);
  if (!result.ok) {
    if (result.errors._form === "notFound") notFound();
    return refuse(result.errors, result.definitionErrors);
  }
  return {
    ok: true as const,
    version: result.version,
    changed: result.changed,
    sanitizedPaths: result.sanitizedPaths,
    warnings: result.warnings,
  };
}

export default function SurveyDesign() {
  const design = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p className="designer-crumbs">
        <Link to={`/surveys/${design.survey.id}`}>← {design.survey.title}</Link>
      </p>
      <h1>
        {t("designer.title")}: {design.survey.title} <code className="slug">{design.survey.slug}</code>
      </h1>
      <SurveyDesigner
        definition={design.definition}
        slug={design.survey.slug}
        version={design.version ? { number: design.version.number, published: design.version.published } : null}
        territories={design.territories}
        organisations={design.organisations}
        result={result}
      />
    </>
  );
}

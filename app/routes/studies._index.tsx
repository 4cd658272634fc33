import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "../components/Field";
import { StudyForm } from "../components/StudyForm";
import { requirePermission } from "../services/auth.server";
import { createStudy, studies } from "../services/surveys.server";
import { formFields } from "../utils/http.server";
import { useT } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "surveys:manage");
  return { studies: await studies(context.app) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "surveys:manage");
  const result = await createStudy(context.app, formFields(await request.formData()), user.id);
  if (!result.ok) return data({ errors: result.errors }, { status: 422 });
  return redirect(`/studies/${result.value}`);
}

export default function Studies() {
  const { studies: rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = result?.errors;
  return (
    <>
      <h1>{t("studies.title")}</h1>
      {rows.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("studies.study")}</th>
                <th>{t("field.kind")}</th>
                <th>{t("studies.customer")}</th>
                <th className="num">{t("studies.surveys")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/studies/${s.id}`}>{s.title}</Link>
                  </td>
                  <td>{t(`studyKind.${s.kind}`)}</td>
                  <td>{s.organisation_name ?? "—"}</td>
                  <td className="num">{s.survey_count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" style={{ marginTop: "1.5rem" }}>
        <h2>{t("studies.create")}</h2>
        <FormError errors={errors} />
        <StudyForm errors={errors} />
      </section>
    </>
  );
}

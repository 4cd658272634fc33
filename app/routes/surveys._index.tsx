import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../services/auth.server";
import { surveys } from "../services/surveys.server";
import { useT } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "surveys:manage");
  return { surveys: await surveys(context.app) };
}

export default function Surveys() {
  const { surveys: rows } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("surveys.title")}</h1>
      <p>
        <Link to="/studies">{t("surveys.createInStudy")}</Link>
      </p>
      {rows.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("surveys.survey")}</th>
                <th>{t("studies.study")}</th>
                <th>{t("surveys.status")}</th>
                <th className="num">{t("surveys.version")}</th>
                <th className="num">{t("surveys.responses")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/surveys/${s.id}`}>{s.title}</Link>
                    <br />
                    <small className="note">/polls/{s.slug}</small>
                  </td>
                  <td>
                    <Link to={`/studies/${s.study_id}`}>{s.study_title}</Link>
                  </td>
                  <td>
                    <span className="badge">{t(`surveyStatus.${s.status}`)}</span>
                  </td>
                  <td className="num">{s.latest_version ?? "—"}</td>
                  <td className="num">{s.response_count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

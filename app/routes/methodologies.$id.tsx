import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, redirect, useActionData, useLoaderData } from "@remix-run/react";
import { GradeChip, usePeerGroupLabel } from "../components/reports/Grade";
import type { Methodology } from "../domain/scoring";
import { localeFromRequest } from "../i18n";
import { requirePermission } from "../services/auth.server";
import { methodologyDetail, previewMethodology, publishDraft, removeDraft, saveDraft } from "../services/methodologies.server";
import { idParam, notFound } from "../utils/http.server";
import { useLocale, useT } from "../utils/i18n";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "methodologies:edit");
  const id = idParam(params.id);
  const row = await methodologyDetail(context.app.db, id);
  if (!row) notFound();
  const preview = new URL(request.url).searchParams.get("preview") === "1" ? await previewMethodology(context.app.db, id, null) : null;
  return { methodology: { id: row.id, code: row.code, version: row.version, title: row.title, status: row.status, active: row.active, document: row.document as Methodology }, preview };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "methodologies:edit");
  const id = idParam(params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const locale = localeFromRequest(request);
  if (intent === "publish") {
    const done = await publishDraft(context.app, id, user.id);
    return done.ok ? redirect(`/methodologies/${id}`) : { errors: [locale === "ru" ? "Опубликовать можно только корректный черновик." : "Only a valid draft can be published."] };
  }
  if (intent === "delete") {
    await removeDraft(context.app, id, user.id);
    return redirect("/methodologies");
  }
  const fields = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const pick = (prefix: string) => Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  const saved = await saveDraft(
    context.app,
    id,
    intent === "json"
      ? { mode: "json", json: fields.json ?? "" }
      : { mode: "form", title: fields.title ?? "", weights: pick("weight."), bands: pick("band."), ratingMinEffectiveN: fields.ratingMinEffectiveN ?? "" },
    user.id,
    locale,
  );
  if (!saved.ok) return { errors: saved.errors };
  return redirect(`/methodologies/${id}?preview=1`);
}

export default function MethodologyPage() {
  const { methodology: m, preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const doc = m.document;
  const draft = m.status === "draft";
  const peerLabel = usePeerGroupLabel();
  return (
    <>
      <p>
        <Link to="/methodologies">← {t("methodologies.title")}</Link>
      </p>
      <h1>
        {m.title} <small>v{m.version}</small>
      </h1>
      <p>
        {t(`methodologies.status.${m.status}`)} {m.active ? <span className="badge ok">{t("methodologies.active")}</span> : null}
        {draft ? null : ` — ${t("methodologies.frozen")}`}
      </p>
      {result && "errors" in result ? (
        <div role="alert" className="errors">
          <ul>
            {result.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post">
        <fieldset disabled={!draft}>
          <label>
            {t("methodologies.name")} <input name="title" defaultValue={doc.title.ru} maxLength={200} />
          </label>
          <h2>{t("methodologies.weights")}</h2>
          <table>
            <tbody>
              {doc.criteria.map((c) => (
                <tr key={c.id}>
                  <td>
                    <label htmlFor={`w-${c.id}`}>{locale === "en" ? c.label.en : c.label.ru}</label>
                  </td>
                  <td>
                    <input id={`w-${c.id}`} name={`weight.${c.id}`} type="number" step="any" min="0" defaultValue={c.weight} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t("methodologies.bands")}</h2>
          <table>
            <tbody>
              {doc.bands.map((b) => (
                <tr key={b.grade}>
                  <td>
                    <GradeChip grade={b.grade} />
                  </td>
                  <td>
                    <label>
                      {t("methodologies.from")} <input name={`band.${b.grade}.from`} type="number" step="any" defaultValue={b.from} />
                    </label>{" "}
                    <label>
                      {t("methodologies.to")} <input name={`band.${b.grade}.to`} type="number" step="any" defaultValue={b.to} />
                    </label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label>
            {t("methodologies.minNEff")} <input name="ratingMinEffectiveN" type="number" step="any" min="0" defaultValue={doc.measurement.ratingMinEffectiveN} />
          </label>
          {draft ? (
            <p>
              <button type="submit" name="intent" value="form">
                {t("methodologies.saveAndPreview")}
              </button>
            </p>
          ) : null}
        </fieldset>
      </Form>
      {draft ? (
        <>
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="publish">
              {t("methodologies.publish")}
            </button>
          </Form>{" "}
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="delete">
              {t("methodologies.delete")}
            </button>
          </Form>{" "}
          <Link to="?preview=1">{t("methodologies.preview")}</Link>
        </>
      ) : (
        <Link to="?preview=1">{t("methodologies.preview")}</Link>
      )}
      {preview ? (
        <section>
          <h2>{t("methodologies.previewFor", { period: preview.period ?? "—" })}</h2>
          <table>
            <thead>
              <tr>
                <th>{t("field.organisation")}</th>
                <th>{t("field.peer_group")}</th>
                <th className="num">{t("methodologies.rankNow")}</th>
                <th className="num">{t("methodologies.rankDraft")}</th>
                <th className="num">{t("reports.change")}</th>
                <th className="num">{t("methodologies.scoreNow")}</th>
                <th className="num">{t("methodologies.scoreDraft")}</th>
                <th>{t("reports.gradeLabel")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.organisationId}>
                  <td>{r.name}</td>
                  <td>{peerLabel(r.peerGroup)}</td>
                  <td className="num">{r.rankBefore ?? "—"}</td>
                  <td className="num">{r.rankAfter ?? "—"}</td>
                  <td className="num">{r.change === null ? "—" : r.change > 0 ? `▲ ${r.change}` : r.change < 0 ? `▼ ${-r.change}` : "="}</td>
                  <td className="num">{r.scoreBefore === null ? "—" : r.scoreBefore.toFixed(1)}</td>
                  <td className="num">{r.scoreAfter === null ? "—" : r.scoreAfter.toFixed(1)}</td>
                  <td>
                    <GradeChip grade={r.gradeAfter} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <details>
        <summary>{t("methodologies.json")}</summary>
        <Form method="post">
          <textarea name="json" rows={24} cols={100} defaultValue={JSON.stringify(doc, null, 2)} readOnly={!draft} aria-label={t("methodologies.json")} />
          {draft ? (
            <p>
              <button type="submit" name="intent" value="json">
                {t("methodologies.saveJson")}
              </button>
            </p>
          ) : null}
        </Form>
      </details>
    </>
  );
}

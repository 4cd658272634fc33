import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError, SelectField } from "../components/Field";
import { FocusGroupTabs } from "../components/focus-groups/FocusGroupTabs";
import { guideText, parseGuideText } from "../domain/focus-groups";
import { formatDateTime } from "../i18n";
import { requirePermission } from "../services/auth.server";
import { createSession, saveGuide } from "../services/focus-groups.server";
import { focusGroupsOverview, regionTime } from "../services/focus-group-sessions.server";
import { formFields, idParam, notFound } from "../utils/http.server";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.study.title} — фокус-группы` : "Фокус-группы" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "focus-groups:manage");
  const overview = await focusGroupsOverview(context.app, idParam(params.id));
  if (!overview) notFound();
  return overview;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "focus-groups:manage");
  const studyId = idParam(params.id);
  const form = await request.formData();
  const intent = z.enum(["new-session", "new-guide"]).safeParse(form.get("intent"));
  if (!intent.success) throw new Response("Unknown intent", { status: 400 });
  if (intent.data === "new-session") {
    const result = await createSession(context.app, studyId, regionTime(formFields(form), context.app.env.REGION_TIMEZONE), user.id);
    if (!result.ok) return data({ intent: "new-session" as const, errors: result.errors as Record<string, string> }, { status: result.status === 404 ? 404 : 422 });
    return redirect(`/focus-groups/${result.value}`);
  }
  const parsed = parseGuideText(String(form.get("text") ?? ""));
  if (!parsed.ok) return data({ intent: "new-guide" as const, errors: { text: parsed.line ? `${parsed.error}|${parsed.line}` : parsed.error } as Record<string, string> }, { status: 422 });
  const result = await saveGuide(context.app, studyId, { title: String(form.get("title") ?? ""), sections: parsed.sections }, user.id);
  if (!result.ok) return data({ intent: "new-guide" as const, errors: result.errors as Record<string, string> }, { status: 422 });
  return { intent: "new-guide" as const, errors: {} as Record<string, string>, version: result.value.version };
}

export default function FocusGroupsPage() {
  const { study, sessions, guides, staff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const sessionErrors = result?.intent === "new-session" ? result.errors : undefined;
  const guideErrors = result?.intent === "new-guide" ? result.errors : undefined;
  const latest = guides[0];
  const guideError = guideErrors?.text ? guideErrors.text.split("|") : null;
  return (
    <>
      <FocusGroupTabs studyId={study.id} studyTitle={study.title} current="sessions" />
      <h2>{t("fg.sessions")}</h2>
      {sessions.length === 0 ? (
        <p>{t("fg.noSessions")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("fg.session")}</th>
                <th>{t("fg.heldAt")}</th>
                <th>{t("fg.mode")}</th>
                <th>{t("fg.status")}</th>
                <th className="num">{t("fg.participantsCount")}</th>
                <th className="num">{t("fg.turns")}</th>
                <th className="num">{t("fg.codings")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/focus-groups/${s.id}`}>{s.title}</Link>
                    {s.place ? <div className="note">{s.place}</div> : null}
                  </td>
                  <td>{s.held_at ? formatDateTime(locale, s.held_at, timeZone) : "—"}</td>
                  <td>{t(`fg.mode.${s.mode}`)}</td>
                  <td>
                    <span className="badge">{t(`fg.status.${s.status}`)}</span>
                  </td>
                  <td className="num">{s.participants}</td>
                  <td className="num">{s.turns}</td>
                  <td className="num">{s.codings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sessions.length > 0 ? (
        <section aria-labelledby="fg-exports" className="card" style={{ marginTop: "1rem" }}>
          <h2 id="fg-exports">{t("fg.exports")}</h2>
          <ul className="link-list">
            {(["segments", "quotes", "codebook"] as const).map((kind) => (
              <li key={kind}>
                {t(`fg.export.${kind}`)}: <a href={`/studies/${study.id}/fg-export/${kind}.xlsx`} download>XLSX</a> · <a href={`/studies/${study.id}/fg-export/${kind}.csv`} download>CSV</a>
              </li>
            ))}
            <li>
              <a href={`/studies/${study.id}/fg-export/project.qdpx`} download>
                {t("fg.export.project")}
              </a>
            </li>
          </ul>
          <p className="note">{t("fg.exportsNote")}</p>
        </section>
      ) : null}
      <div className="cards" style={{ marginTop: "1.5rem" }}>
        <section className="card" aria-labelledby="new-session">
          <h2 id="new-session">{t("fg.newSession")}</h2>
          <FormError errors={sessionErrors} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="new-session" />
            <Field label={t("fg.sessionTitle")} name="title" error={sessionErrors?.title} required maxLength={200} />
            <Field label={t("fg.heldAt")} name="heldAt" type="datetime-local" error={sessionErrors?.heldAt} />
            <SelectField label={t("fg.mode")} name="mode" options={(["in_person", "online"] as const).map((m) => ({ value: m, label: t(`fg.mode.${m}`) }))} />
            <Field label={t("fg.place")} name="place" error={sessionErrors?.place} maxLength={300} />
            <SelectField label={t("fg.moderator")} name="moderatorId" options={[{ value: "", label: "—" }, ...staff.map((u) => ({ value: String(u.id), label: u.display_name }))]} />
            <SelectField label={t("fg.noteTaker")} name="noteTakerId" options={[{ value: "", label: "—" }, ...staff.map((u) => ({ value: String(u.id), label: u.display_name }))]} />
            <SelectField label={t("fg.guide")} name="guideId" options={[{ value: "", label: "—" }, ...guides.map((g) => ({ value: String(g.id), label: `${g.title} (v${g.version})` }))]} />
            <button type="submit" className="primary">
              {t("fg.createSession")}
            </button>
          </Form>
        </section>
        <section className="card" aria-labelledby="guide">
          <h2 id="guide">{t("fg.guideTitle")}</h2>
          {latest ? (
            <details>
              <summary>
                {latest.title} · v{latest.version} · {latest.author ?? "—"}
              </summary>
              {(latest.sections as Array<{ title: string; questions: string[] }>).map((s, i) => (
                <div key={i}>
                  <h3>{s.title}</h3>
                  <ol>
                    {s.questions.map((q, j) => (
                      <li key={j}>{q}</li>
                    ))}
                  </ol>
                </div>
              ))}
            </details>
          ) : (
            <p className="note">{t("fg.noGuide")}</p>
          )}
          {result?.intent === "new-guide" && "version" in result ? <p className="flash">{t("fg.guideSaved", { version: result.version })}</p> : null}
          <FormError errors={guideErrors && !guideErrors.text ? guideErrors : undefined} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="new-guide" />
            <Field label={t("fg.guideName")} name="title" defaultValue={latest?.title ?? ""} error={guideErrors?.title} required maxLength={200} />
            <div className={`field${guideError ? " has-error" : ""}`}>
              <label htmlFor="f-guide-text">{t("fg.guideText")}</label>
              <textarea
                id="f-guide-text"
                name="text"
                rows={12}
                required
                defaultValue={latest ? guideText(latest.sections as Array<{ title: string; questions: string[] }>) : "# Знакомство\n- "}
                aria-describedby="f-guide-text-hint"
              />
              <small id="f-guide-text-hint">{t("fg.guideTextHint")}</small>
              {guideError ? <small className="error">{t(guideError[0] === "guide.empty" ? "fg.guide.empty" : "fg.guide.noHeading", { line: guideError[1] ?? "" })}</small> : null}
            </div>
            <button type="submit">{latest ? t("fg.saveGuideVersion") : t("fg.saveGuide")}</button>
          </Form>
          {guides.length > 1 ? <p className="note">{t("fg.guideVersions", { versions: guides.map((g) => `v${g.version}`).join(", ") })}</p> : null}
        </section>
      </div>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CheckboxField, Field, FormError, SelectField } from "../components/Field";
import { FocusGroupTabs } from "../components/focus-groups/FocusGroupTabs";
import { AGE_BANDS } from "../domain/survey/designer/blocks";
import { requirePermission } from "../services/auth.server";
import { addParticipant, withdrawParticipant } from "../services/focus-groups.server";
import { participantsPage, participantInput } from "../services/focus-group-participants.server";
import { idParam, notFound } from "../utils/http.server";
import { useT } from "../utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.study.title} — участники` : "Участники" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "focus-groups:manage");
  const page = await participantsPage(context.app, idParam(params.id));
  if (!page) notFound();
  return page;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "focus-groups:manage");
  const studyId = idParam(params.id);
  const form = await request.formData();
  const intent = z.enum(["add", "withdraw"]).safeParse(form.get("intent"));
  if (!intent.success) throw new Response("Unknown intent", { status: 400 });
  if (intent.data === "withdraw") {
    const id = z.coerce.number().int().positive().safeParse(form.get("participantId"));
    if (!id.success) return data({ intent: "withdraw" as const, errors: { _form: "participant not found" } as Record<string, string> }, { status: 400 });
    // a participant of another study is not found from here
    const page = await participantsPage(context.app, studyId);
    if (!page?.participants.some((p) => p.id === id.data)) return data({ intent: "withdraw" as const, errors: { _form: "participant not found" } as Record<string, string> }, { status: 404 });
    const result = await withdrawParticipant(context.app, id.data, user.id);
    if (!result.ok) return data({ intent: "withdraw" as const, errors: result.errors as Record<string, string> }, { status: result.status });
    return { intent: "withdraw" as const, errors: {} as Record<string, string>, withdrawn: result.value.code };
  }
  const input = participantInput(form);
  if (!input.ok) return data({ intent: "add" as const, errors: input.errors }, { status: 422 });
  const result = await addParticipant(context.app, studyId, input.value, user.id);
  if (!result.ok) return data({ intent: "add" as const, errors: result.errors as Record<string, string> }, { status: result.status === 404 ? 404 : 422 });
  return { intent: "add" as const, errors: {} as Record<string, string>, added: input.value.code };
}

export default function ParticipantsPage() {
  const { study, participants, territories, attributeKeys } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const errors = result?.intent === "add" ? result.errors : undefined;
  const busy = navigation.state !== "idle";
  return (
    <>
      <FocusGroupTabs studyId={study.id} studyTitle={study.title} current="participants" />
      <p className="note">{t("fg.participantsLead")}</p>
      {result?.intent === "withdraw" && "withdrawn" in result ? <p className="flash">{t("fg.withdrawn", { code: result.withdrawn })}</p> : null}
      {result?.intent === "add" && "added" in result ? <p className="flash">{t("fg.participantAdded", { code: result.added })}</p> : null}
      {result?.intent === "withdraw" ? <FormError errors={result.errors} /> : null}
      {participants.length === 0 ? (
        <p>{t("fg.noParticipants")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("fg.code")}</th>
                <th>{t("fg.sex")}</th>
                <th>{t("fg.ageBand")}</th>
                <th>{t("fg.territory")}</th>
                <th>{t("fg.occupation")}</th>
                {attributeKeys.map((k) => (
                  <th key={k}>{k}</th>
                ))}
                <th>{t("fg.consent")}</th>
                <th className="num">{t("fg.turns")}</th>
                <th>
                  <span className="visually-hidden">{t("fg.withdraw")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {participants.map((p) => (
                <tr key={p.id}>
                  <td>
                    <strong>{p.code}</strong>
                  </td>
                  <td>{p.sex ? t(p.sex === "female" || p.sex === "male" ? `fg.sex.${p.sex}` : "fg.sex.other") : "—"}</td>
                  <td>{p.age_band ?? "—"}</td>
                  <td>{p.territory_name ?? "—"}</td>
                  <td>{p.occupation ?? "—"}</td>
                  {attributeKeys.map((k) => (
                    <td key={k}>{(p.attributes as Record<string, string>)[k] ?? "—"}</td>
                  ))}
                  <td>
                    {p.form_version ? (
                      <>
                        {p.form_version}, {String(p.given_on)}
                        <div className="note">
                          {[p.recording && t("fg.scope.recording"), p.quoting && t("fg.scope.quoting"), p.sharing && t("fg.scope.sharing")].filter(Boolean).join(", ") || t("fg.scope.none")}
                        </div>
                      </>
                    ) : (
                      <span className="badge bad">{t("fg.noConsent")}</span>
                    )}
                  </td>
                  <td className="num">{p.turns}</td>
                  <td>
                    <Form
                      method="post"
                      onSubmit={(e) => {
                        if (!window.confirm(t("fg.withdrawConfirm", { code: p.code, turns: p.turns }))) e.preventDefault();
                      }}
                    >
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="participantId" value={p.id} />
                      <button type="submit" className="danger" disabled={busy}>
                        {t("fg.withdraw")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" style={{ marginTop: "1.5rem" }} aria-labelledby="add-participant">
        <h2 id="add-participant">{t("fg.addParticipant")}</h2>
        <FormError errors={errors} />
        <Form method="post" className="stack" key={participants.length}>
          <input type="hidden" name="intent" value="add" />
          <div className="cards two">
            <div className="stack">
              <Field label={t("fg.code")} name="code" error={errors?.code} required pattern="[A-Za-zА-Яа-я0-9._\-]{1,20}" placeholder="P01" hint={t("fg.codeHint")} />
              <SelectField label={t("fg.sex")} name="sex" options={[{ value: "", label: "—" }, { value: "female", label: t("fg.sex.female") }, { value: "male", label: t("fg.sex.male") }]} />
              <SelectField label={t("fg.ageBand")} name="ageBand" options={[{ value: "", label: "—" }, ...AGE_BANDS.map((a) => ({ value: a, label: a }))]} />
              <SelectField label={t("fg.territory")} name="territoryId" options={[{ value: "", label: "—" }, ...territories.map((tr) => ({ value: String(tr.id), label: tr.name }))]} />
              <Field label={t("fg.occupation")} name="occupation" error={errors?.occupation} maxLength={200} />
              <div className={`field${errors?.attributes ? " has-error" : ""}`}>
                <label htmlFor="f-attributes">{t("fg.freeAttributes")}</label>
                <textarea id="f-attributes" name="attributes" rows={3} placeholder={t("fg.freeAttributesPlaceholder")} aria-describedby="f-attributes-hint" />
                <small id="f-attributes-hint">{t("fg.linesHint")}</small>
                {errors?.attributes ? <small className="error">{errors.attributes}</small> : null}
              </div>
              <div className={`field${errors?.screener ? " has-error" : ""}`}>
                <label htmlFor="f-screener">{t("fg.screener")}</label>
                <textarea id="f-screener" name="screener" rows={3} placeholder={t("fg.screenerPlaceholder")} />
                {errors?.screener ? <small className="error">{errors.screener}</small> : null}
              </div>
            </div>
            <fieldset className="stack">
              <legend>{t("fg.consent")}</legend>
              <Field label={t("fg.consentForm")} name="consentFormVersion" error={errors?.["consent.formVersion"]} required maxLength={60} placeholder="v1-2026" />
              <Field label={t("fg.consentDate")} name="consentGivenOn" type="date" error={errors?.["consent.givenOn"]} required />
              <CheckboxField label={t("fg.scope.recording")} name="consentRecording" defaultChecked />
              <CheckboxField label={t("fg.scope.quoting")} name="consentQuoting" defaultChecked />
              <CheckboxField label={t("fg.scope.sharing")} name="consentSharing" />
              <details>
                <summary>{t("fg.identity")}</summary>
                <p className="note">{t("fg.identityNote")}</p>
                <Field label={t("fg.identityName")} name="identityName" maxLength={200} autoComplete="off" />
                <Field label={t("fg.identityContact")} name="identityContact" maxLength={200} autoComplete="off" />
              </details>
            </fieldset>
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {t("fg.addParticipant")}
          </button>
        </Form>
      </section>
    </>
  );
}

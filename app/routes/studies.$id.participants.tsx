import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError } from "../components/Field";
import { ParticipantFields } from "../components/focus-groups/ParticipantFields";
import { FocusGroupTabs } from "../components/focus-groups/FocusGroupTabs";
import { requirePermission } from "../services/auth.server";
import { addParticipant, updateParticipant, withdrawParticipant } from "../services/focus-groups.server";
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
  const intent = z.enum(["add", "update", "withdraw"]).safeParse(form.get("intent"));
  if (!intent.success) throw new Response("Unknown intent", { status: 400 });
  if (intent.data === "withdraw") {
    const id = z.coerce.number().int().positive().safeParse(form.get("participantId"));
    if (!id.success) return data({ intent: "withdraw" as const, errors: { _form: "participant not found" } as Record<string, string> }, { status: 400 });
    // a participant of another study is not found from here
    const result = await withdrawParticipant(context.app, studyId, id.data, user.id);
    if (!result.ok) return data({ intent: "withdraw" as const, errors: result.errors as Record<string, string> }, { status: result.status });
    return { intent: "withdraw" as const, errors: {} as Record<string, string>, withdrawn: result.value.code };
  }
  const input = participantInput(form);
  if (intent.data === "update") {
    const participantId = Number(form.get("participantId"));
    if (!input.ok) return data({ intent: "update" as const, errors: input.errors, participantId }, { status: 422 });
    const result = await updateParticipant(context.app, studyId, participantId, input.value, user.id);
    if (!result.ok) return data({ intent: "update" as const, errors: result.errors as Record<string, string>, participantId }, { status: result.status === 404 ? 404 : 422 });
    return { intent: "update" as const, errors: {} as Record<string, string>, participantId, updated: true };
  }
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
      {result?.intent === "update" && "updated" in result ? <p className="flash">{t("common.saved")}</p> : null}
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
                    <details className="no-print">
                      <summary>{t("fg.editParticipant")}</summary>
                      {result?.intent === "update" && result.participantId === p.id ? <FormError errors={result.errors} /> : null}
                      <Form method="post" className="stack" style={{ minWidth: "min(40rem, 80vw)" }}>
                        <input type="hidden" name="intent" value="update" />
                        <input type="hidden" name="participantId" value={p.id} />
                        <ParticipantFields prefix={`p${p.id}`} territories={territories} errors={result?.intent === "update" && result.participantId === p.id ? result.errors : undefined} values={{ ...p, attributes: p.attributes as Record<string, string>, screener: p.screener as Record<string, string>, given_on: p.given_on ? String(p.given_on) : null }} />
                        <button type="submit" disabled={busy}>
                          {t("common.save")}
                        </button>
                      </Form>
                    </details>
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
          <Field label={t("fg.code")} name="code" error={errors?.code} required pattern="[A-Za-zА-Яа-я0-9._\-]{1,20}" placeholder="P01" hint={t("fg.codeHint")} />
          <ParticipantFields prefix="new" territories={territories} errors={errors} />
          <button type="submit" className="primary" disabled={busy}>
            {t("fg.addParticipant")}
          </button>
        </Form>
      </section>
    </>
  );
}

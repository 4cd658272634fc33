import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError, SelectField } from "../components/Field";
import { FocusGroupTabs } from "../components/focus-groups/FocusGroupTabs";
import { MemoList } from "../components/focus-groups/MemoList";
import { TranscriptImport } from "../components/focus-groups/TranscriptImport";
import { formatDateTime, localeFromRequest } from "../i18n";
import { requirePermission } from "../services/auth.server";
import { importSessionTranscript } from "../services/focus-groups.server";
import { addMemo, addSessionFile, deleteMemo, regionTime, removeSessionFile, sessionStudyId, sessionWorkspace, updateSession } from "../services/focus-group-sessions.server";
import { dateToZonedLocal } from "../domain/time";
import { formFields, idParam, notFound } from "../utils/http.server";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

const MAX_TRANSCRIPT_BYTES = 5 * 1024 * 1024;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.session.title : "Фокус-группа" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "focus-groups:manage");
  const workspace = await sessionWorkspace(context.app, idParam(params.id));
  if (!workspace) notFound();
  return workspace;
}

type Result = { intent: string; ok: boolean; errors: Record<string, string> | string[]; turns?: number; warnings?: string[] };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "focus-groups:manage");
  const sessionId = idParam(params.id);
  const locale = localeFromRequest(request);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_TRANSCRIPT_BYTES }));
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) return data<Result>({ intent: "import", ok: false, errors: [locale === "ru" ? "Файл больше 5 МБ." : "The file is over 5 MB."] }, { status: 413 });
      throw error;
    }
    const file = form.get("file");
    const map = z.record(z.string().max(40)).safeParse(safeJson(String(form.get("speakerMap") ?? "{}")));
    if (!(file instanceof File) || file.size === 0) return data<Result>({ intent: "import", ok: false, errors: [locale === "ru" ? "Выберите файл расшифровки." : "Choose a transcript file."] }, { status: 422 });
    if (!map.success) return data<Result>({ intent: "import", ok: false, errors: ["speakerMap: not a mapping"] }, { status: 400 });
    const result = await importSessionTranscript(context.app, sessionId, { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, speakerMap: map.data, locale }, user.id);
    if (!result.ok) return data<Result>({ intent: "import", ok: false, errors: result.errors }, { status: result.status });
    return data<Result>({ intent: "import", ok: true, errors: [], turns: result.value.turns, warnings: result.value.warnings });
  }
  const form = await request.formData();
  const intent = z.enum(["edit", "add-file", "remove-file", "add-memo", "delete-memo"]).safeParse(form.get("intent"));
  if (!intent.success) throw new Response("Unknown intent", { status: 400 });
  const studyId = await sessionStudyId(context.app, sessionId);
  if (studyId === null) notFound();
  const outcome =
    intent.data === "edit"
      ? await updateSession(context.app, sessionId, regionTime(formFields(form), context.app.env.REGION_TIMEZONE), user.id)
      : intent.data === "add-file"
      ? await addSessionFile(context.app, sessionId, formFields(form))
      : intent.data === "remove-file"
      ? await removeSessionFile(context.app, sessionId, Number(form.get("fileId")))
      : intent.data === "add-memo"
      ? await addMemo(context.app, studyId, { targetKind: "session", targetId: sessionId, text: form.get("text") }, user.id)
      : await deleteMemo(context.app, studyId, Number(form.get("memoId")), user);
  if (!outcome.ok) return data<Result>({ intent: intent.data, ok: false, errors: outcome.errors }, { status: outcome.status === 404 ? 404 : 422 });
  return data<Result>({ intent: intent.data, ok: true, errors: {} });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const asFieldErrors = (errors: Result["errors"] | undefined) => (errors && !Array.isArray(errors) ? errors : undefined);


export default function SessionPage() {
  const { session, guide, guides, files, attendees, staff, participantCodes, memos } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const busy = navigation.state !== "idle";
  const editErrors = result?.intent === "edit" ? asFieldErrors(result.errors) : undefined;
  const fileErrors = result?.intent === "add-file" ? asFieldErrors(result.errors) : undefined;
  const hasTranscript = session.transcript_format !== null;
  const userOptions = [{ value: "", label: "—" }, ...staff.map((u) => ({ value: String(u.id), label: u.display_name }))];
  return (
    <>
      <FocusGroupTabs studyId={session.study_id} studyTitle={session.study_title} current={null} />
      <h2>{session.title}</h2>
      <p className="note">
        <span className="badge">{t(`fg.status.${session.status}`)}</span> · {t(`fg.mode.${session.mode}`)}
        {session.held_at ? ` · ${formatDateTime(locale, session.held_at, timeZone)}` : ""}
        {session.place ? ` · ${session.place}` : ""}
      </p>
      {hasTranscript ? (
        <p>
          <Link className="button" to={`/focus-groups/${session.id}/coding`}>
            {t("fg.openCoding")}
          </Link>
        </p>
      ) : null}
      <div className="cards two">
        <section className="card" aria-labelledby="transcript">
          <h2 id="transcript">{t("fg.transcript")}</h2>
          {hasTranscript ? (
            <p>
              {t("fg.transcriptInfo", { file: session.transcript_file ?? "—", format: (session.transcript_format ?? "").toUpperCase(), encoding: session.transcript_encoding ?? "" })}{" "}
              {session.transcript_imported_at ? formatDateTime(locale, session.transcript_imported_at, timeZone) : ""}
            </p>
          ) : (
            <p className="note">{t("fg.noTranscript")}</p>
          )}
          {result?.intent === "import" && result.ok ? (
            <div className="flash" role="status">
              {t("fg.imported", { turns: result.turns ?? 0 })}
              {result.warnings?.length ? (
                <ul>
                  {result.warnings.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {result?.intent === "import" && !result.ok ? (
            <ul className="errors" role="alert">
              {(Array.isArray(result.errors) ? result.errors : Object.values(result.errors)).map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          ) : null}
          {participantCodes.length === 0 ? <p className="note">{t("fg.import.addParticipantsFirst")}</p> : null}
          <TranscriptImport participantCodes={participantCodes} busy={busy} coded={session.status === "coded"} />
          <h3>{t("fg.attendees")}</h3>
          <p>{attendees.length ? attendees.map((a) => a.code).join(", ") : "—"}</p>
        </section>
        <section className="card" aria-labelledby="session-edit">
          <h2 id="session-edit">{t("fg.sessionDetails")}</h2>
          {result?.intent === "edit" && result.ok ? <p className="flash">{t("common.saved")}</p> : null}
          <FormError errors={editErrors} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="edit" />
            <Field label={t("fg.sessionTitle")} name="title" defaultValue={session.title} error={editErrors?.title} required maxLength={200} />
            <Field label={t("fg.heldAt")} name="heldAt" type="datetime-local" defaultValue={session.held_at ? dateToZonedLocal(new Date(session.held_at), timeZone) : ""} error={editErrors?.heldAt} />
            <SelectField label={t("fg.mode")} name="mode" defaultValue={session.mode} options={(["in_person", "online"] as const).map((m) => ({ value: m, label: t(`fg.mode.${m}`) }))} />
            <Field label={t("fg.place")} name="place" defaultValue={session.place ?? ""} maxLength={300} />
            <SelectField label={t("fg.moderator")} name="moderatorId" defaultValue={session.moderator_id ? String(session.moderator_id) : ""} options={userOptions} />
            <SelectField label={t("fg.noteTaker")} name="noteTakerId" defaultValue={session.note_taker_id ? String(session.note_taker_id) : ""} options={userOptions} />
            <SelectField label={t("fg.guide")} name="guideId" defaultValue={session.guide_id ? String(session.guide_id) : ""} options={[{ value: "", label: "—" }, ...guides.map((g) => ({ value: String(g.id), label: `${g.title} (v${g.version})` }))]} />
            <SelectField
              label={t("fg.status")}
              name="status"
              defaultValue={session.status}
              error={editErrors?.status}
              options={(["planned", "held", "transcribed", "coded"] as const).map((s) => ({ value: s, label: t(`fg.status.${s}`) }))}
            />
            <button type="submit" className="primary" disabled={busy}>
              {t("common.save")}
            </button>
          </Form>
        </section>
        <section className="card" aria-labelledby="files">
          <h2 id="files">{t("fg.files")}</h2>
          <p className="note">{t("fg.filesNote")}</p>
          {files.length ? (
            <ul>
              {files.map((f) => (
                <li key={f.id}>
                  <span className="badge">{t(`fg.fileKind.${f.kind}`)}</span> {f.reference}
                  {f.note ? <span className="note"> — {f.note}</span> : null}
                  <Form method="post" style={{ display: "inline" }}>
                    <input type="hidden" name="intent" value="remove-file" />
                    <input type="hidden" name="fileId" value={f.id} />
                    <button type="submit" className="link-button" disabled={busy}>
                      {t("fg.delete")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : null}
          <FormError errors={fileErrors} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="add-file" />
            <SelectField label={t("fg.fileKind")} name="kind" options={(["recording", "consent_scans", "other"] as const).map((k) => ({ value: k, label: t(`fg.fileKind.${k}`) }))} />
            <Field label={t("fg.fileReference")} name="reference" error={fileErrors?.reference} required maxLength={500} hint={t("fg.fileReferenceHint")} />
            <Field label={t("fg.fileNote")} name="note" maxLength={500} />
            <button type="submit" disabled={busy}>
              {t("fg.addFile")}
            </button>
          </Form>
        </section>
        <section className="card" aria-labelledby="guide-used">
          <h2 id="guide-used">{t("fg.guide")}</h2>
          {guide ? (
            <>
              <p className="note">
                {guide.title} · v{guide.version}
              </p>
              {(guide.sections as Array<{ title: string; questions: string[] }>).map((s, i) => (
                <details key={i}>
                  <summary>{s.title}</summary>
                  <ol>
                    {s.questions.map((q, j) => (
                      <li key={j}>{q}</li>
                    ))}
                  </ol>
                </details>
              ))}
            </>
          ) : (
            <p className="note">{t("fg.noGuideChosen")}</p>
          )}
        </section>
        <section className="card" aria-labelledby="session-memos">
          <h2 id="session-memos">{t("fg.memos")}</h2>
          <MemoList memos={memos} busy={busy} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="add-memo" />
            <label htmlFor="f-session-memo">{t("fg.newMemo")}</label>
            <textarea id="f-session-memo" name="text" rows={3} required maxLength={8000} />
            <button type="submit" disabled={busy}>
              {t("fg.addMemo")}
            </button>
          </Form>
        </section>
      </div>
    </>
  );
}

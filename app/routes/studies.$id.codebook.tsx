import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CodebookNode } from "../components/focus-groups/CodebookNode";
import { Field, FormError, SelectField } from "../components/Field";
import { FocusGroupTabs } from "../components/focus-groups/FocusGroupTabs";
import { codePathLabel } from "../domain/focus-groups";
import { localeFromRequest } from "../i18n";
import { requirePermission } from "../services/auth.server";
import { codebookPage, createCode, deleteCode, editCode, mergeCode, moveCode } from "../services/focus-group-codebook.server";
import { importQdcCodebook, MAX_QDC_BYTES } from "../services/focus-group-qdc-import.server";
import { addMemo, deleteMemo } from "../services/focus-group-sessions.server";
import { formFields, idParam, notFound } from "../utils/http.server";
import { useT } from "../utils/i18n";
import focusGroupsCss from "../styles/focus-groups.css";

/** Distinct, readable highlight colours offered in turn, so codes differ without anyone picking. */
const CODE_PALETTE = ["#2f6db5", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#be185d", "#4d7c0f", "#1d4ed8"];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: focusGroupsCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.study.title} — кодовая книга` : "Кодовая книга" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "focus-groups:manage");
  const page = await codebookPage(context.app, idParam(params.id));
  if (!page) notFound();
  return page;
}

type Result = { intent: string; ok: boolean; errors: Record<string, string>; codeId?: number; messages?: string[] };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "focus-groups:manage");
  const studyId = idParam(params.id);
  const locale = localeFromRequest(request);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_QDC_BYTES }));
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) return data<Result>({ intent: "import", ok: false, errors: { _form: locale === "ru" ? "Файл больше 2 МБ." : "The file is over 2 MB." } }, { status: 413 });
      throw error;
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return data<Result>({ intent: "import", ok: false, errors: { _form: locale === "ru" ? "Выберите файл .qdc." : "Choose a .qdc file." } }, { status: 422 });
    const result = await importQdcCodebook(context.app, studyId, { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, locale }, user.id);
    if (!result.ok) return data<Result>({ intent: "import", ok: false, errors: {}, messages: result.errors }, { status: result.status });
    return data<Result>({ intent: "import", ok: true, errors: {}, messages: [locale === "ru" ? `Добавлено кодов: ${result.value.added}, уже были: ${result.value.skipped}.` : `Codes added: ${result.value.added}, already there: ${result.value.skipped}.`, ...(result.value.warnings ?? [])] });
  }
  const form = await request.formData();
  const intent = z.enum(["add", "edit", "move", "merge", "delete", "add-memo", "delete-memo"]).safeParse(form.get("intent"));
  if (!intent.success) throw new Response("Unknown intent", { status: 400 });
  const fields = formFields(form);
  const codeId = Number(form.get("codeId")) || undefined;
  const outcome =
    intent.data === "add"
      ? await createCode(context.app, studyId, fields, user.id, locale)
      : intent.data === "edit"
      ? await editCode(context.app, studyId, fields, user.id, locale)
      : intent.data === "move"
      ? await moveCode(context.app, studyId, fields, user.id, locale)
      : intent.data === "merge"
      ? await mergeCode(context.app, studyId, fields, user.id, locale)
      : intent.data === "delete"
      ? await deleteCode(context.app, studyId, Number(form.get("codeId")), user.id)
      : intent.data === "add-memo"
      ? await addMemo(context.app, studyId, { targetKind: "code", targetId: form.get("codeId"), text: form.get("text") }, user.id)
      : await deleteMemo(context.app, studyId, Number(form.get("memoId")), user);
  if (!outcome.ok) {
    const errors = Array.isArray(outcome.errors) ? { _form: outcome.errors.join(" ") } : outcome.errors;
    return data<Result>({ intent: intent.data, ok: false, errors, codeId }, { status: outcome.status === 404 ? 404 : outcome.status === 409 ? 409 : 422 });
  }
  return data<Result>({ intent: intent.data, ok: true, errors: {}, codeId });
}

export default function CodebookPage() {
  const { study, codebook, tree, usage, memos } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state !== "idle";
  const addErrors = result?.intent === "add" ? result.errors : undefined;
  const options = codebook.codes.map((c) => ({ value: c.id, label: codePathLabel(codebook, c.id) })).sort((a, b) => a.label.localeCompare(b.label, "ru"));
  return (
    <>
      <FocusGroupTabs studyId={study.id} studyTitle={study.title} current="codebook" />
      <p className="note">{t("fg.codebookLead")}</p>
      {result?.ok && result.intent !== "import" ? <p className="flash">{t("common.saved")}</p> : null}
      {result && !result.ok && result.intent !== "add" && result.intent !== "import" ? (
        <p className="errors" role="alert">
          {Object.values(result.errors)
            .map((e) => (e === "code.inUse" ? t("fg.codeInUse") : e))
            .join(" ")}
        </p>
      ) : null}
      {tree.length === 0 ? (
        <p>{t("fg.noCodes")}</p>
      ) : (
        <ul className="codebook-tree card">
          {tree.map((n) => (
            <CodebookNode key={n.code.id} node={n} usage={usage} memos={memos} options={options} busy={busy} />
          ))}
        </ul>
      )}
      <div className="cards two" style={{ marginTop: "1.5rem" }}>
        <section className="card" aria-labelledby="add-code">
          <h2 id="add-code">{t("fg.addCode")}</h2>
          <FormError errors={addErrors} />
          {/* a new form after every added code: the last name and parent must not stick */}
          <Form method="post" className="stack" key={codebook.codes.length}>
            <input type="hidden" name="intent" value="add" />
            <Field label={t("fg.codeName")} name="name" error={addErrors?.name} required maxLength={200} />
            <SelectField label={t("fg.parentCode")} name="parentId" options={[{ value: "", label: t("fg.topLevel") }, ...options]} />
            <div className="field">
              <label htmlFor="f-definition">{t("fg.definition")}</label>
              <textarea id="f-definition" name="definition" rows={3} maxLength={4000} />
            </div>
            <Field label={t("fg.colour")} name="colour" type="color" defaultValue={CODE_PALETTE[codebook.codes.length % CODE_PALETTE.length]} />
            <button type="submit" className="primary" disabled={busy}>
              {t("fg.addCode")}
            </button>
          </Form>
        </section>
        <section className="card" aria-labelledby="exchange">
          <h2 id="exchange">{t("fg.exchange")}</h2>
          <p>
            <a href={`/studies/${study.id}/fg-export/codebook.qdc`} download>
              {t("fg.downloadQdc")}
            </a>{" "}
            · <a href={`/studies/${study.id}/fg-export/codebook.xlsx`} download>XLSX</a> · <a href={`/studies/${study.id}/fg-export/codebook.csv`} download>CSV</a>
          </p>
          {result?.intent === "import" ? (
            <ul className={result.ok ? "flash" : "errors"} role={result.ok ? "status" : "alert"}>
              {[...(result.messages ?? []), ...Object.values(result.errors)].map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="stack">
            <div className="field">
              <label htmlFor="f-qdc">{t("fg.importQdc")}</label>
              <input id="f-qdc" type="file" name="file" accept=".qdc,application/xml,text/xml" required aria-describedby="f-qdc-hint" />
              <small id="f-qdc-hint">{t("fg.importQdcHint")}</small>
            </div>
            <button type="submit" disabled={busy}>
              {t("fg.import")}
            </button>
          </Form>
        </section>
      </div>
    </>
  );
}

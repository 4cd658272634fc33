import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  data,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatDateTime } from "../i18n";
import { activityFiles, MAX_ACTIVITY_FILE_BYTES, uploadActivityFile } from "../services/activity-files.server";
import { requirePermission } from "../services/auth.server";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "audits:run");
  const files = await activityFiles(context.app);
  return { files: files.map((f) => ({ ...f, pages: f.pages.length })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "audits:run");
  // a body that is not multipart cannot hold a file: the client's mistake, not a server error
  if (!/^multipart\/form-data\b/i.test(request.headers.get("Content-Type") ?? "")) {
    return data({ ok: false as const, problem: "noFiles" as const }, { status: 415 });
  }
  let form: FormData;
  try {
    form = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_ACTIVITY_FILE_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data({ ok: false as const, problem: "tooLarge" as const }, { status: 413 });
    throw error;
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return data({ ok: false as const, problem: "noFiles" as const }, { status: 422 });
  let content: string;
  try {
    // fatal: a Windows-1251 export must be refused, not silently turned into mojibake
    content = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return data({ ok: false as const, problem: "notText" as const }, { status: 422 });
  }
  const result = await uploadActivityFile(context.app, { name: file.name, content }, user.id);
  if (!result.ok) {
    const { ok: _ok, ...rejection } = result;
    return data({ ok: false as const, problem: "rejected" as const, ...rejection }, { status: 422 });
  }
  return { ok: true as const, records: result.records };
}

export default function ActivityFiles() {
  const { files } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <>
      <p>
        <Link to="/audits">← {t("audits.title")}</Link>
      </p>
      <h1>{t("audits.activity")}</h1>
      <p className="lead">{t("audits.activityLead")}</p>
      {result?.ok ? <p className="flash">{t("audits.activitySaved", { records: result.records })}</p> : null}
      {result && !result.ok ? (
        <div className="form-error" role="alert">
          {result.problem === "rejected" ? (
            <>
              <p>{t("audits.activityRejected")}</p>
              <ul>
                {"errors" in result &&
                  result.errors.map((e, i) => <li key={i}>{t("audits.activityLine", { line: e.line, field: e.field || "—", message: e.message })}</li>)}
              </ul>
              {"unknownPages" in result && result.unknownPages.length > 0 ? <p>{t("audits.activityUnknownPages", { pages: result.unknownPages.join(", ") })}</p> : null}
            </>
          ) : result.problem === "tooLarge" ? (
            t("import.tooLarge", { mb: MAX_MB })
          ) : (
            t(`import.${result.problem}`)
          )}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <div className="field">
          <label htmlFor="activity-file">{t("audits.activityFile")}</label>
          <input id="activity-file" type="file" name="file" accept=".jsonl,.json,.ndjson,application/x-ndjson,text/plain" required />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t("audits.activityUpload")}
        </button>
      </Form>
      <ul className="plain">
        {files.map((f) => (
          <li key={f.id}>
            {f.name} · {formatDateTime(locale, f.uploaded_at, timeZone)} · {t("audits.activityRecords", { records: f.record_count, pages: f.pages })}
          </li>
        ))}
      </ul>
    </>
  );
}

const MAX_MB = MAX_ACTIVITY_FILE_BYTES / (1024 * 1024);

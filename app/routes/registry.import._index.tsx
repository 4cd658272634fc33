import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  data,
  redirect,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { REGISTRY_FILE_KINDS, type RegistryFiles } from "../domain/registry/import-plan";
import { formatDateTime } from "../i18n";
import { requirePermission } from "../services/auth.server";
import { listRegistryImports, MAX_REGISTRY_FILE_BYTES, queueRegistryImport } from "../services/registry-import.server";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "registry:import");
  const imports = await listRegistryImports(context.app.db, 20);
  return { imports: imports.map(({ report: _report, ...rest }) => rest) };
}

type UploadError = "noFiles" | "tooLarge" | "notText";

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "registry:import");
  // a body that is not multipart cannot hold files: the client's mistake, not a server error
  if (!/^multipart\/form-data\b/i.test(request.headers.get("Content-Type") ?? "")) return data({ error: "noFiles" as UploadError }, { status: 415 });
  let form: FormData;
  try {
    form = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_REGISTRY_FILE_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data({ error: "tooLarge" as UploadError }, { status: 413 });
    throw error;
  }
  const files: RegistryFiles = {};
  for (const kind of REGISTRY_FILE_KINDS) {
    const file = form.get(kind);
    if (!(file instanceof Blob) || file.size === 0) continue;
    try {
      // fatal: a Windows-1251 file must be refused, not silently turned into mojibake
      files[kind] = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return data({ error: "notText" as UploadError }, { status: 422 });
    }
  }
  if (Object.keys(files).length === 0) return data({ error: "noFiles" as UploadError }, { status: 422 });
  const importId = await queueRegistryImport(context.app, files, user.id);
  return redirect(`/registry/import/${importId}`);
}

export default function RegistryImport() {
  const { imports } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <>
      <h1>{t("import.title")}</h1>
      <p className="lead">{t("import.lead")}</p>
      <p className="note">{t("import.formats")}</p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error === "tooLarge"
            ? t("import.tooLarge", { mb: MAX_REGISTRY_FILE_BYTES / 1024 / 1024 })
            : t(result.error === "notText" ? "import.notText" : "import.noFiles")}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack card">
        {REGISTRY_FILE_KINDS.map((kind) => (
          <div className="field" key={kind}>
            <label htmlFor={`file-${kind}`}>{t(`import.${kind}`)}</label>
            <input id={`file-${kind}`} type="file" name={kind} accept=".csv,text/csv" />
          </div>
        ))}
        <button type="submit" className="primary" disabled={busy}>
          {t("import.submit")}
        </button>
      </Form>
      <h2>{t("import.history")}</h2>
      {imports.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/registry/import/${i.id}`}>{t("import.report", { id: i.id })}</Link>
                  </td>
                  <td>{formatDateTime(locale, i.created_at, timeZone)}</td>
                  <td>{t(`import.status.${i.status}`)}</td>
                  <td>{i.created_by_email ?? i.origin}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/**
 * /studies/:id/fg-export/:file — a study's focus-group downloads (segments, quotes, codebook as
 * CSV/XLSX, codebook.qdc, project.qdpx), optionally narrowed with ?coder=<userId>&session=<id>.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeFromRequest, translator } from "../i18n";
import { requirePermission } from "../services/auth.server";
import { focusGroupExport, isFgExportFile, parseFgExportFilter } from "../services/focus-group-exports.server";
import { idParam, notFound } from "../utils/http.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "focus-groups:manage");
  const studyId = idParam(params.id);
  const file = params.file ?? "";
  if (!isFgExportFile(file)) notFound();
  const locale = localeFromRequest(request);
  const filter = parseFgExportFilter(new URL(request.url));
  const text = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" };
  if (!filter.ok) return new Response(translator(locale)("fgExports.error.badFilter"), { status: 400, headers: text });
  const download = await focusGroupExport(context.app, studyId, file, { ...filter.value, locale });
  if (!download.ok) return new Response(download.message, { status: download.status, headers: text });
  return new Response(download.body, {
    headers: { ...download.headers, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}

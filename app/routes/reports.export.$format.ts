import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../services/auth.server";
import { briefingPdf } from "../services/briefing.server";
import { rankingExport } from "../services/report-exports.server";
import { parseRankingQuery } from "../services/report-query";
import { localeFromRequest } from "../i18n";

/** /reports/export/csv|xlsx|pdf?<the report's filters> */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "reports:read");
  const format = params.format;
  if (format !== "csv" && format !== "xlsx" && format !== "pdf") throw new Response("Not found", { status: 404 });
  const query = parseRankingQuery(new URL(request.url));
  if (!query.ok) return Response.json({ errors: query.errors }, { status: 400 });
  const locale = localeFromRequest(request);
  const file = format === "pdf" ? await briefingPdf(context.app, { period: query.value.period, locale }) : await rankingExport(context.app.db, query.value, format, locale);
  if (!file) throw new Response("No scores yet", { status: 404 });
  return new Response(new Uint8Array(file.body), {
    headers: { "Content-Type": file.contentType, "Content-Disposition": `attachment; filename="${file.filename}"`, "Cache-Control": "private, no-store" },
  });
}

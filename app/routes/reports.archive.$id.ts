import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../services/auth.server";
import { archivedFile } from "../services/weekly-report.server";
import { idParam } from "../utils/http.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "reports:read");
  const file = await archivedFile(context.app, idParam(params.id));
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.body), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${file.filename}"`, "Cache-Control": "private, no-store" },
  });
}

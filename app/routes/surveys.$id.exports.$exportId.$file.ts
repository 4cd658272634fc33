/** Download of a finished export's file, streamed from disk (results:read, this survey's only). */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../services/auth.server";
import { exportDownload } from "../services/exports.server";
import { idParam, notFound } from "../utils/http.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "results:read");
  const file = await exportDownload(context.app, idParam(params.id), idParam(params.exportId), params.file ?? "");
  if (!file) notFound();
  const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream;
  return new Response(body, {
    headers: {
      "Content-Type": file.type,
      "Content-Length": String(file.size),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}

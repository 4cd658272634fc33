import type { LoaderFunctionArgs } from "@remix-run/node";

/** Liveness: the process answers and reaches its database. */
export async function loader({ context }: LoaderFunctionArgs) {
  return Response.json({ ok: true, database: context.app.db ? "configured" : "missing" });
}

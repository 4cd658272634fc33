import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkReadiness } from "../services/readiness.server";

/** Readiness: 200 when the database (and Redis, when configured) answer; 503 naming what failed. */
export async function loader({ context }: LoaderFunctionArgs) {
  const { ready, ...checks } = await checkReadiness(context.app);
  return Response.json(checks, { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

/** Liveness: the process is up and its event loop answers. No dependency is checked here (see /readyz). */
export function loader() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}

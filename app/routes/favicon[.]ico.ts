/** Browsers ask for /favicon.ico whatever the page links; point them at the SVG icon. */
export function loader() {
  return new Response(null, { status: 301, headers: { Location: "/favicon.svg", "Cache-Control": "public, max-age=86400" } });
}

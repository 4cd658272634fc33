/** Small request/response helpers shared by routes. */

/** As in Epic Stack: throw a Response when a condition fails. */
export function invariantResponse(condition: unknown, message: string, init?: ResponseInit): asserts condition {
  if (!condition) throw new Response(message, { status: 400, ...init });
}

export function notFound(message = "Not found"): never {
  throw new Response(message, { status: 404, statusText: "Not Found" });
}

/** Checkbox-friendly form reading: every field as a string, checkboxes as booleans. */
export function formFields(form: FormData, booleans: readonly string[] = []): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") out[key] = value;
  for (const key of booleans) out[key] = form.get(key) === "on" || form.get(key) === "true";
  return out;
}

export function pageParams(url: URL, pageSize = 50) {
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  return { page, limit: pageSize, offset: (page - 1) * pageSize };
}

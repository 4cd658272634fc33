/**
 * CSRF defence in depth beside SameSite=Lax cookies: a state-changing request from a browser
 * must come from our own origin. Browsers always send Origin on cross-site POSTs, so a missing
 * Origin together with a missing Sec-Fetch-Site means a non-browser client (curl, an API tool).
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossOriginMutation(input: {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  host: string | undefined;
  protocol: string;
  appOrigin?: string;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return false;
  if (input.origin) {
    if (input.origin === "null") return true;
    const expected = input.appOrigin ?? (input.host ? `${input.protocol}://${input.host}` : undefined);
    return !expected || input.origin.toLowerCase() !== expected.toLowerCase();
  }
  if (input.secFetchSite) return !["same-origin", "none"].includes(input.secFetchSite);
  return false;
}

/**
 * A small fetch for connectors on node:http with keep-alive: the requests a connector makes
 * (form or JSON body, text answer) without undici's web streams, which cost a page's audit more
 * CPU than parsing its 200 comments (bench:audit). Only what the connectors use is implemented:
 * method, headers, string or URLSearchParams body, AbortSignal; status, headers.get, text, json.
 */
import http from "node:http";
import https from "node:https";

const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export interface LightResponse {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export function lightFetch(input: string | URL, init: RequestInit = {}): Promise<LightResponse> {
  const url = typeof input === "string" ? new URL(input) : input;
  const transport = url.protocol === "https:" ? https : http;
  const agent = agents[url.protocol as keyof typeof agents];
  const body = init.body == null ? null : typeof init.body === "string" ? init.body : init.body instanceof URLSearchParams ? init.body.toString() : null;
  if (init.body != null && body === null) return Promise.reject(new TypeError("lightFetch sends only string or URLSearchParams bodies"));
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => (headers[name] = value));
  if (init.body instanceof URLSearchParams && !headers["content-type"]) headers["content-type"] = "application/x-www-form-urlencoded;charset=UTF-8";
  if (body !== null) headers["content-length"] = String(Buffer.byteLength(body));
  const signal = init.signal ?? undefined;

  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const request = transport.request(url, { method: init.method ?? "GET", headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.once("error", fail);
      response.once("end", () => {
        signal?.removeEventListener("abort", onAbort);
        const text = Buffer.concat(chunks).toString("utf8");
        const status = response.statusCode ?? 0;
        resolve({
          status,
          ok: status >= 200 && status < 300,
          headers: { get: (name) => { const v = response.headers[name.toLowerCase()]; return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v; } },
          text: async () => text,
          json: async () => JSON.parse(text) as unknown,
        });
      });
    });
    function fail(error: Error) {
      signal?.removeEventListener("abort", onAbort);
      reject(error);
    }
    function onAbort() {
      request.destroy(signal!.reason instanceof Error ? signal!.reason : new Error("aborted"));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    request.once("error", fail);
    request.end(body ?? undefined);
  });
}

import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { contentSecurityPolicy } from "./services/front-door.server";
import { databaseAvailability } from "./services/unavailable.server";
import { NonceContext } from "./utils/nonce";

export const streamTimeout = 5_000;

/**
 * Remix's default logging, except:
 * - a database outage: not a bug but a state, so it marks the database down (the next requests
 *   get a 503 at once, server.ts) and logs one line, no stack;
 * - what is the client's doing and already answered: a body refused as too large at the front
 *   door (front-door.server.ts; matched by name, as server.ts loads its own copy of the class)
 *   and a URL that matches no route.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  if (error instanceof Error && error.name === "BodyTooLargeError") return;
  if (isRouteErrorResponse(error) && error.status === 404) return;
  if (context.app && databaseAvailability(context.app).noteFailure(error)) {
    console.warn(`database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  console.error(isRouteErrorResponse(error) ? ((error as { error?: unknown }).error ?? error) : error);
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  // A fresh nonce per document: an injected <script> cannot guess it, Remix's own scripts carry it.
  const nonce = randomBytes(16).toString("base64");
  responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceContext.Provider>,
      {
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; before it, Remix's handleError logs them.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

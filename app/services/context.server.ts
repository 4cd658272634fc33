/**
 * What every use-case receives: the database, the job runner and the settings. Built once per
 * process by server.ts (or a script, or a test) and handed to Remix as load context.
 */
import { createHmac } from "node:crypto";
import type { Database } from "../../db/client";
import type { JobRunner } from "../../jobs/runner";
import type { Env } from "../utils/env.server";

export interface AppContext {
  db: Database;
  jobs: JobRunner;
  env: Env;
  /** signs cookies and keys the HMACs that stand in for e-mails and client addresses */
  sessionSecret: string;
}

/** A keyed hash: stable for rate limits and dedupe, useless to anyone without the secret. */
export function keyedHash(ctx: Pick<AppContext, "sessionSecret">, purpose: string, value: string): string {
  return createHmac("sha256", ctx.sessionSecret).update(`${purpose}\0${value}`).digest("base64url");
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    app: AppContext;
    /** hashed before it is stored anywhere; never logged */
    clientAddress: string;
    requestId: string;
  }
}

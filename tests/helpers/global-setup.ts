/**
 * Runs once per `vitest run`. Decides which real services the run uses and gives the run an id
 * so every database and queue prefix it creates is its own (and is dropped at the end).
 */
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { dropRunDatabases } from "./postgres";

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const ci = process.env.CI === "true";
  const databaseUrl = process.env.TEST_DATABASE_URL ?? "";
  const redisUrl = process.env.TEST_REDIS_URL ?? "";
  if (ci && (!databaseUrl || !redisUrl)) {
    throw new Error(
      "CI=true needs TEST_DATABASE_URL and TEST_REDIS_URL: database and queue tests never skip in CI",
    );
  }
  project.provide("runId", runId);
  project.provide("testDatabaseUrl", databaseUrl);
  project.provide("testRedisUrl", redisUrl);
  return async () => {
    if (databaseUrl) await dropRunDatabases(databaseUrl, runId);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    runId: string;
    testDatabaseUrl: string;
    testRedisUrl: string;
  }
}

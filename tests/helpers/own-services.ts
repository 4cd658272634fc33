/**
 * Throwaway PostgreSQL and Redis servers for fault tests: tests that stop a service must never
 * touch the shared ones (other test runs use them). Each lives in its own temp folder on a free
 * loopback port and is removed at the end. Binaries missing: null locally (the test skips), an
 * error under CI=true, where fault tests must never skip.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import pg from "pg";

const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

function missing(what: string): null {
  if (process.env.CI === "true") throw new Error(`CI=true but ${what}: fault tests never skip in CI`);
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms`);
}

export interface OwnRedis {
  url: string;
  /** SIGKILL: no chance to save or say goodbye (it keeps no data on disk anyway) */
  stop(): Promise<void>;
  /** again on the same port, empty, as after a crash without persistence */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function which(binary: string): string | null {
  const found = spawnSync("sh", ["-c", `command -v ${binary}`], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : null;
}

export async function startOwnRedis(): Promise<OwnRedis | null> {
  const binary = which("redis-server");
  if (!binary) return missing("redis-server is not installed");
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "rp-redis-"));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
    await waitFor(`redis-server on ${port}`, async () => {
      const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
      client.on("error", () => undefined);
      try {
        await client.connect();
        return (await client.ping()) === "PONG";
      } finally {
        client.disconnect();
      }
    });
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
  };
  await start();
  return {
    url,
    start,
    stop,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OwnPostgres {
  /** the server's `postgres` database, for CREATE DATABASE and the like */
  adminUrl: string;
  urlFor(database: string): string;
  /** `pg_ctl stop -m fast`: sessions are ended, committed work is kept */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** PostgreSQL refuses to run as root: as root the binaries run as the `postgres` OS user. */
function asPostgres(binary: string, args: string[]): [string, string[]] {
  const path = join(PG_BIN, binary);
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, args];
}

function run(binary: string, args: string[]) {
  const [command, argv] = asPostgres(binary, args);
  const result = spawnSync(command, argv, { encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${binary} ${args.join(" ")} failed (${result.status}): ${result.stderr || result.stdout}`);
}

export async function startOwnPostgres(): Promise<OwnPostgres | null> {
  if (!existsSync(join(PG_BIN, "initdb")) || !existsSync(join(PG_BIN, "pg_ctl"))) return missing(`PostgreSQL binaries are not in ${PG_BIN}`);
  if (process.getuid?.() === 0 && (!which("runuser") || spawnSync("id", ["-u", "postgres"]).status !== 0)) {
    return missing("running as root without runuser or a postgres user");
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "rp-pg-"));
  // the postgres user must own the data folder and reach it through the temp folder
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c fsync=off", "-c full_page_writes=off", "-c max_connections=60"].join(" ");
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const start = async () => {
    run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "60", "start"]);
    await waitFor(`PostgreSQL on ${port}`, async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      try {
        await client.connect();
        await client.query("select 1");
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    });
  };
  const stop = async () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
  await start();
  return {
    adminUrl,
    urlFor: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    async destroy() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

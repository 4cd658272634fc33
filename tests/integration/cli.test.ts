/** The command-line entry points, run as a user would run them (separate processes). */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";

const tsx = join(process.cwd(), "node_modules/.bin/tsx");

describe("command-line tools", () => {
  let t: TestDatabase;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    t = await createTestDatabase("cli");
    dir = mkdtempSync(join(tmpdir(), "rp-cli-"));
    // On PostgreSQL the tools share this file's database; on PGlite they get their own data folder.
    env = { ...process.env, DATABASE_URL: t.url, DATA_DIR: join(dir, "data"), LOG_LEVEL: "warn", NODE_ENV: "test", CI: "" };
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[], extraEnv: Record<string, string> = {}) =>
    spawnSync(tsx, args, { env: { ...env, ...extraEnv }, encoding: "utf8", timeout: 60_000 });

  it("imports registry files, reporting every bad row and writing nothing", () => {
    const territories = join(dir, "territories.csv");
    const organisations = join(dir, "organisations.csv");
    writeFileSync(territories, "code,name_ru,kind,population\namur,Амурская область,region,753046\n");
    writeFileSync(organisations, "code,name_ru,kind,territory_code\norg-a,Министерство А,ministry,amur\norg-b,Б,planet,amur\n");
    const bad = run(["scripts/registry-import.ts", territories, organisations]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("organisations.csv:3 [kind]");
    expect(bad.stderr).toContain("nothing was written");

    writeFileSync(organisations, "code,name_ru,kind,territory_code\norg-a,Министерство А,ministry,amur\n");
    const good = run(["scripts/registry-import.ts", territories, organisations]);
    expect(good.status).toBe(0);
    expect(good.stderr).not.toContain("rejected");
    expect(good.stdout).toContain("imported: 1 territories, 1 organisations, 0 pages");
  });

  it("creates users from the command line with the same validation as the UI", () => {
    const bad = run(["scripts/user-create.ts", "--email", "pa@test.local", "--role", "page_admin", "--password", "long-enough-1"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("organisationCode: organisation.requiredForPageAdmin");
    const good = run(["scripts/user-create.ts", "--email", "pa@test.local", "--role", "page_admin", "--organisation", "org-a"]);
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/created user #\d+ pa@test.local \(page_admin\)\npassword: \S{16}/);
  });

  it("refuses a production start without SESSION_SECRET, saying what to set", () => {
    const result = run(["server.ts"], { NODE_ENV: "production", DATABASE_URL: "postgres://postgres@127.0.0.1:1/none", SESSION_SECRET: "" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("SESSION_SECRET is required when NODE_ENV=production with DATABASE_URL");
  });

  it("refuses to seed demo logins into production", () => {
    const result = run(["db/seed/cli.ts"], { NODE_ENV: "production", SESSION_SECRET: "s".repeat(32), DATABASE_URL: t.url || "postgres://x@127.0.0.1:1/none" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("never created in production");
  });
});

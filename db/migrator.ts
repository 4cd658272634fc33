import { Migrator, type Kysely, type MigrationResult } from "kysely";
import { migrations } from "./migrations/index";

/** Brings the schema up to date; Kysely's lock table keeps concurrent starters safe. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? "");
    throw new Error(`migration ${failed?.migrationName ?? "?"} failed: ${cause}`, { cause: error });
  }
  return results ?? [];
}

// Static provider: Kysely's FileMigrationProvider cannot load .ts files, and a bundle has no folder.
import type { Migration } from "kysely";
import * as m0001 from "./0001_foundation";

export const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
};

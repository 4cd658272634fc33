import type { Database } from "../../db/client";

/** What every processor may use besides its payload. */
export interface JobAppContext {
  db: Database;
}

/**
 * Data retention for poll responses: after RESPONSE_METADATA_RETENTION_DAYS the metadata that
 * could single out a device or a person is removed; the answers themselves stay for analysis.
 */
import type { Database } from "../../db/client";
import { anonymiseResponseMetadataBatch, deleteStaleResponseDrafts } from "../../db/queries/operations";

const DAY_MS = 86_400_000;
// small batches: each is one short transaction, so submissions never wait long on row locks
const BATCH = 5000;

export async function anonymiseOldResponseMetadata(db: Database, input: { now: Date; retentionDays: number }) {
  const cutoff = new Date(input.now.getTime() - input.retentionDays * DAY_MS);
  let responses = 0;
  for (;;) {
    const changed = await anonymiseResponseMetadataBatch(db, cutoff, BATCH);
    responses += changed;
    if (changed < BATCH) break;
  }
  const drafts = await deleteStaleResponseDrafts(db, cutoff);
  return { cutoff: cutoff.toISOString(), responses, drafts };
}

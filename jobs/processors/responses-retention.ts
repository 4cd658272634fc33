import { anonymiseOldResponseMetadata } from "../../app/services/retention.server";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

/** Daily: strips identifying metadata from responses older than RESPONSE_METADATA_RETENTION_DAYS. */
export const responsesRetention: Processor<"responses.retention", JobAppContext> = async (_payload, ctx) =>
  anonymiseOldResponseMetadata(ctx.db, { now: new Date(), retentionDays: ctx.env.RESPONSE_METADATA_RETENTION_DAYS });

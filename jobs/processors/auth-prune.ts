import { pruneAuthRecords } from "../../app/services/auth-maintenance.server";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

/** Hourly: expired sessions and login attempts older than the throttle window are deleted. */
export const authPrune: Processor<"auth.prune", JobAppContext> = async (_payload, ctx) => pruneAuthRecords(ctx.db, new Date());

import { closeDueSurveys } from "../../app/services/survey-schedule.server";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

/** Flips published surveys past their closes_at to closed (answers are refused from that instant anyway). */
export const surveysCloseDue: Processor<"surveys.close-due", JobAppContext> = async (_payload, ctx) => {
  const closed = await closeDueSurveys(ctx.db, new Date());
  return { closed };
};

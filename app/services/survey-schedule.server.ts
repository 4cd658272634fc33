import type { Database } from "../../db/client";
import { appendAudit } from "../../db/queries/audit-log";
import { setSurveyStatus, surveysDueForWindowChange } from "../../db/queries/surveys";

/** Closes every published survey whose closing time has passed; returns their ids. */
export async function closeDueSurveys(db: Database, now: Date): Promise<number[]> {
  const due = await surveysDueForWindowChange(db, now);
  for (const survey of due) {
    await setSurveyStatus(db, survey.id, "closed");
    await appendAudit(db, { actorUserId: null, action: "survey.closed-on-schedule", entityType: "survey", entityId: survey.id });
  }
  return due.map((s) => s.id);
}

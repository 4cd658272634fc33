/**
 * The few figures the printable study report needs beyond what the focus-group reader
 * (focus-group-study.ts) and the survey queries already give.
 */
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Participants recorded as present at each session of the study. The transcript import fills
 * fg_session_participants from the mapped speakers, so a silent participant still counts once
 * someone adds them by hand.
 */
export async function sessionParticipantCounts(db: Db, studyId: number) {
  const rows = await db
    .selectFrom("fg_session_participants as sp")
    .innerJoin("fg_sessions as s", "s.id", "sp.session_id")
    .select((eb) => ["sp.session_id", eb.fn.countAll<string | number>().as("n")])
    .where("s.study_id", "=", studyId)
    .groupBy("sp.session_id")
    .execute();
  return new Map(rows.map((r) => [r.session_id, Number(r.n)]));
}

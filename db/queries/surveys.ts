import { sql, type Kysely, type Transaction } from "kysely";
import type { DB, DuplicatePolicy, StudyKind, SurveyStatus } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function listStudies(db: Db) {
  return db
    .selectFrom("studies as s")
    .leftJoin("organisations as o", "o.id", "s.commissioning_organisation_id")
    .select([
      "s.id",
      "s.title",
      "s.kind",
      "s.starts_on",
      "s.ends_on",
      "o.name_ru as organisation_name",
      (eb) => eb.selectFrom("surveys").select((e) => e.fn.countAll<number>().as("n")).whereRef("surveys.study_id", "=", "s.id").as("survey_count"),
    ])
    .orderBy("s.id", "desc")
    .execute();
}

export async function getStudy(db: Db, id: number) {
  return db
    .selectFrom("studies as s")
    .leftJoin("organisations as o", "o.id", "s.commissioning_organisation_id")
    .selectAll("s")
    .select(["o.code as organisation_code", "o.name_ru as organisation_name"])
    .where("s.id", "=", id)
    .executeTakeFirst();
}

export interface StudyFields {
  title: string;
  kind: StudyKind;
  commissioning_organisation_id: number | null;
  starts_on: string | null;
  ends_on: string | null;
  description: string | null;
}

export async function insertStudy(db: Db, fields: StudyFields & { created_by: number | null }) {
  const row = await db.insertInto("studies").values(fields).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updateStudy(db: Db, id: number, fields: StudyFields) {
  await db.updateTable("studies").set({ ...fields, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function listSurveys(db: Db, filter: { studyId?: number } = {}) {
  let q = db
    .selectFrom("surveys as s")
    .innerJoin("studies as st", "st.id", "s.study_id")
    .select([
      "s.id",
      "s.slug",
      "s.title",
      "s.status",
      "s.study_id",
      "st.title as study_title",
      "s.opens_at",
      "s.closes_at",
      "s.duplicate_policy",
      "s.origin",
      "s.updated_at",
      (eb) => eb.selectFrom("responses").select((e) => e.fn.countAll<number>().as("n")).whereRef("responses.survey_id", "=", "s.id").as("response_count"),
      (eb) => eb.selectFrom("survey_versions").select((e) => e.fn.max("version").as("v")).whereRef("survey_versions.survey_id", "=", "s.id").as("latest_version"),
    ])
    .orderBy("s.id", "desc");
  if (filter.studyId) q = q.where("s.study_id", "=", filter.studyId);
  return q.execute();
}

export async function getSurvey(db: Db, id: number) {
  return db.selectFrom("surveys").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function getSurveyBySlug(db: Db, slug: string) {
  return db.selectFrom("surveys").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function insertSurvey(
  db: Db,
  fields: { study_id: number; slug: string; title: string; duplicate_policy: DuplicatePolicy; origin: "ui" | "code" | "api"; created_by: number | null },
) {
  const row = await db.insertInto("surveys").values(fields).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSurveySettings(
  db: Db,
  id: number,
  fields: Partial<{ title: string; opens_at: Date | null; closes_at: Date | null; duplicate_policy: DuplicatePolicy; study_id: number }>,
) {
  await db.updateTable("surveys").set({ ...fields, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function setSurveyStatus(db: Db, id: number, status: SurveyStatus, publishedVersionId?: number) {
  await db
    .updateTable("surveys")
    .set({ status, updated_at: new Date(), ...(publishedVersionId !== undefined && { published_version_id: publishedVersionId }) })
    .where("id", "=", id)
    .execute();
}

export async function latestVersion(db: Db, surveyId: number) {
  return db.selectFrom("survey_versions").selectAll().where("survey_id", "=", surveyId).orderBy("version", "desc").limit(1).executeTakeFirst();
}

export async function getVersion(db: Db, versionId: number) {
  return db.selectFrom("survey_versions").selectAll().where("id", "=", versionId).executeTakeFirst();
}

export async function listVersions(db: Db, surveyId: number) {
  return db
    .selectFrom("survey_versions")
    .select(["id", "version", "definition_hash", "published_at", "created_at", "updated_at"])
    .where("survey_id", "=", surveyId)
    .orderBy("version", "desc")
    .execute();
}

export async function insertVersion(
  db: Db,
  input: { surveyId: number; version: number; definition: Record<string, unknown>; hash: string; createdBy: number | null },
) {
  const row = await db
    .insertInto("survey_versions")
    .values({
      survey_id: input.surveyId,
      version: input.version,
      definition: JSON.stringify(input.definition),
      definition_hash: input.hash,
      created_by: input.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDraftVersion(db: Db, versionId: number, definition: Record<string, unknown>, hash: string) {
  const result = await db
    .updateTable("survey_versions")
    .set({ definition: JSON.stringify(definition), definition_hash: hash, updated_at: new Date() })
    .where("id", "=", versionId)
    .where("published_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markVersionPublished(db: Db, versionId: number) {
  await db.updateTable("survey_versions").set({ published_at: sql`now()` }).where("id", "=", versionId).where("published_at", "is", null).execute();
}

/** Published surveys whose window says they should now be open or closed. */
export async function surveysDueForWindowChange(db: Db, now: Date) {
  return db
    .selectFrom("surveys")
    .select(["id", "status", "opens_at", "closes_at"])
    .where("status", "=", "published")
    .where("closes_at", "<=", now)
    .execute();
}

/**
 * The version results, exports, imports and quality checks read: the one asked for (if it is
 * this survey's), else the published one, else the latest draft. Null when there is none.
 */
export async function surveyVersionFor(db: Db, surveyId: number, versionId?: number | null) {
  const survey = await getSurvey(db, surveyId);
  if (!survey) return null;
  const id = versionId ?? survey.published_version_id;
  const version = id ? await getVersion(db, id) : await latestVersion(db, surveyId);
  if (!version || version.survey_id !== surveyId) return null;
  return { survey, version };
}

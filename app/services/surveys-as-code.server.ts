/**
 * Surveys kept as code in `surveys/<slug>/survey.json` + `meta.json`, synced into the database by
 * `npm run surveys:sync` (and by the demo seed). A new version is made only when the definition's
 * canonical hash changed; `"publish": true` publishes it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { getSurveyBySlug, insertStudy, latestVersion, listStudies } from "../../db/queries/surveys";
import type { AppContext } from "./context.server";
import { createSurvey, publishSurvey, saveDefinition } from "./surveys.server";

export const metaSchema = z
  .object({
    title: z.string().min(1).max(300),
    study: z.object({ title: z.string().min(1).max(300), kind: z.enum(["quantitative", "qualitative", "mixed"]).default("quantitative") }),
    duplicate_policy: z.enum(["open", "device", "invitation"]).default("open"),
    publish: z.boolean().default(false),
  })
  .strict();

export interface SyncLine {
  slug: string;
  action: "created" | "new-version" | "updated-draft" | "unchanged" | "error";
  version?: number;
  published?: boolean;
  message?: string;
}

async function studyIdFor(ctx: AppContext, title: string, kind: "quantitative" | "qualitative" | "mixed") {
  const existing = (await listStudies(ctx.db)).find((s) => s.title === title);
  return existing?.id ?? insertStudy(ctx.db, { title, kind, commissioning_organisation_id: null, starts_on: null, ends_on: null, description: null, created_by: null });
}

async function syncOne(ctx: AppContext, dir: string, slug: string): Promise<SyncLine> {
  let meta: z.infer<typeof metaSchema>;
  let definition: unknown;
  try {
    meta = metaSchema.parse(JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")));
    definition = JSON.parse(readFileSync(join(dir, "survey.json"), "utf8"));
  } catch (error) {
    return { slug, action: "error", message: error instanceof Error ? error.message : String(error) };
  }
  let survey = await getSurveyBySlug(ctx.db, slug);
  let action: SyncLine["action"];
  if (!survey) {
    const studyId = await studyIdFor(ctx, meta.study.title, meta.study.kind);
    const created = await createSurvey(ctx, { study_id: studyId, slug, title: meta.title, duplicate_policy: meta.duplicate_policy }, definition, null, "code");
    if (!created.ok) return { slug, action: "error", message: JSON.stringify(created.definitionErrors ?? created.errors) };
    survey = await getSurveyBySlug(ctx.db, slug);
    action = "created";
  } else {
    const before = await latestVersion(ctx.db, survey.id);
    const saved = await saveDefinition(ctx, survey.id, definition, null);
    if (!saved.ok) return { slug, action: "error", message: JSON.stringify(saved.definitionErrors ?? saved.errors) };
    action = !saved.changed ? "unchanged" : before && saved.versionId === before.id ? "updated-draft" : "new-version";
  }
  const latest = await latestVersion(ctx.db, survey!.id);
  let published = Boolean(latest?.published_at);
  if (meta.publish && !published && survey!.status !== "archived") {
    const result = await publishSurvey(ctx, survey!.id, null);
    if (!result.ok) return { slug, action: "error", message: JSON.stringify(result.errors) };
    published = true;
  }
  return { slug, action, version: latest?.version, published };
}

export async function syncSurveysFromCode(ctx: AppContext, root = resolve("surveys")): Promise<SyncLine[]> {
  if (!existsSync(root)) return [];
  const lines: SyncLine[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!/^[a-z0-9][a-z0-9-]{1,79}$/.test(entry.name)) {
      lines.push({ slug: entry.name, action: "error", message: "folder name must be a slug: a-z, 0-9, -" });
      continue;
    }
    lines.push(await syncOne(ctx, join(root, entry.name), entry.name));
  }
  return lines;
}

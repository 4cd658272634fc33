/** Builds published surveys for tests through the same use-cases the UI calls. */
import type { AppContext } from "../../app/services/context.server";
import { createStudy, createSurvey, publishSurvey } from "../../app/services/surveys.server";

export async function publishedSurvey(
  ctx: AppContext,
  definition: Record<string, unknown>,
  opts: { slug?: string; policy?: "open" | "device" | "invitation" } = {},
) {
  const study = await createStudy(ctx, { title: "Test study", kind: "quantitative" }, null);
  if (!study.ok) throw new Error(JSON.stringify(study.errors));
  const slug = opts.slug ?? `s-${Math.random().toString(36).slice(2, 10)}`;
  const survey = await createSurvey(ctx, { study_id: String(study.value), slug, title: slug, duplicate_policy: opts.policy ?? "open" }, definition, null);
  if (!survey.ok) throw new Error(JSON.stringify(survey.definitionErrors ?? survey.errors));
  const published = await publishSurvey(ctx, survey.value, null);
  if (!published.ok) throw new Error(JSON.stringify(published.errors));
  return { id: survey.value, slug, versionId: published.value };
}

/** A small but complete survey: the demographic block, a choice, a rating and free text. */
export const SMALL_SURVEY = {
  locale: "ru",
  pages: [
    {
      name: "p1",
      elements: [
        { type: "radiogroup", name: "sex", isRequired: true, choices: ["male", "female"] },
        { type: "radiogroup", name: "age_band", isRequired: true, choices: ["18-29", "30-44", "45-59", "60+"] },
        { type: "rating", name: "satisfaction", rateMin: 1, rateMax: 5, isRequired: true },
        { type: "comment", name: "note", maxLength: 200 },
      ],
    },
  ],
};

export const validAnswers = (over: Record<string, unknown> = {}) => ({ sex: "female", age_band: "30-44", satisfaction: 4, ...over });

let counter = 0;
export const newSubmissionId = () => `sub-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

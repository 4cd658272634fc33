/** Ready blocks the designer inserts whole: the demographic screener and the organisation rating. */
import { uniqueName } from "./names";
import { insertElement } from "./questions";
import type { ElementJson, SurveyJson } from "./shape";
import { both } from "./texts";

export const DEMOGRAPHIC_NAMES = ["territory", "sex", "age_band"] as const;
export const AGE_BANDS = ["18-29", "30-44", "45-59", "60+"] as const;
export const ORGANISATION_RATING_KIND = "organisation-rating";

/**
 * The screening questions quotas and weighting rely on: their names and values are a contract.
 * Territories are the region's municipalities (the "region" row itself is not an answer).
 */
export function demographicBlock(territories: { code: string; name: string; kind?: string }[]): ElementJson {
  const ageText: Record<string, [string, string]> = {
    "18-29": ["18–29 лет", "18–29"],
    "30-44": ["30–44 года", "30–44"],
    "45-59": ["45–59 лет", "45–59"],
    "60+": ["60 лет и старше", "60 and over"],
  };
  return {
    type: "panel",
    name: "demographics",
    title: both("О вас", "About you"),
    elements: [
      {
        type: "dropdown",
        name: "territory",
        title: both("Где вы живёте?", "Where do you live?"),
        isRequired: true,
        choices: territories.filter((t) => t.kind !== "region").map((t) => ({ value: t.code, text: t.name })),
      },
      {
        type: "radiogroup",
        name: "sex",
        title: both("Ваш пол", "Your sex"),
        isRequired: true,
        choices: [
          { value: "male", text: both("Мужской", "Male") },
          { value: "female", text: both("Женский", "Female") },
        ],
      },
      {
        type: "radiogroup",
        name: "age_band",
        title: both("Ваш возраст", "Your age"),
        isRequired: true,
        choices: AGE_BANDS.map((v) => ({ value: v, text: both(...ageText[v]!) })),
      },
    ],
  };
}

/** Adds the demographic block to a page; refuses when any of its names is already used. */
export function insertDemographicBlock(survey: SurveyJson, territories: { code: string; name: string; kind?: string }[], pageIndex: number, atIndex?: number): SurveyJson {
  const block = demographicBlock(territories);
  block.name = uniqueName(survey, block.name);
  return insertElement(survey, block, pageIndex, atIndex);
}

const RATING_COLUMNS: [string, string][] = [
  ["очень плохо", "very poor"],
  ["плохо", "poor"],
  ["удовлетворительно", "fair"],
  ["хорошо", "good"],
  ["отлично", "excellent"],
];

/** Residents rate organisations 1–5; reports find it by `"rpKind": "organisation-rating"` (app/domain/survey-properties.ts). */
export function organisationRatingQuestion(organisations: { code: string; name: string }[], name = "org_rating"): ElementJson {
  return {
    type: "matrix",
    name,
    rpKind: ORGANISATION_RATING_KIND,
    title: both("Оцените работу организаций", "Rate how these organisations work"),
    description: both("Если не сталкивались с организацией, пропустите строку.", "Skip a row if you have not dealt with the organisation."),
    rows: organisations.map((o) => ({ value: o.code, text: o.name })),
    columns: RATING_COLUMNS.map(([ru, en], i) => ({ value: i + 1, text: both(`${i + 1} — ${ru}`, `${i + 1} — ${en}`) })),
  };
}

export function insertOrganisationRating(survey: SurveyJson, organisations: { code: string; name: string }[], pageIndex: number, atIndex?: number): { survey: SurveyJson; name: string } {
  const name = uniqueName(survey, "org_rating");
  return { survey: insertElement(survey, organisationRatingQuestion(organisations, name), pageIndex, atIndex), name };
}

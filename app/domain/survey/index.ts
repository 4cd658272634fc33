/**
 * The survey domain module: definition checks and sanitising, the question list, and server-side
 * validation of submitted answers against the stored definition. Pure: no I/O.
 */
import "../survey-properties"; // registers rpKind before any Model is built
export { checkDefinition, listQuestions, surveyTitle, sanitizeDefinition, sanitizeDefinitionWithReport, MAX_DEFINITION_BYTES } from "./definition";
export { sanitizeHtmlString } from "./sanitize";
export { validateResponse } from "./validate-response";
export { MAX_KEYS as MAX_ANSWER_KEYS } from "./strict";
export type {
  AnswerError,
  CheckDefinitionResult,
  ChoiceInfo,
  DefinitionIssue,
  DefinitionIssueCode,
  Locale,
  QuestionInfo,
  SurveyDefinition,
  ValidateOptions,
  ValidateResult,
} from "./types";

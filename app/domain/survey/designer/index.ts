/**
 * The survey designer's model: pure functions over SurveyJS JSON (no React, no I/O, no survey-core,
 * so the designer's bundle stays small and these run the same in Node and the browser).
 * Every operation returns a new object and leaves its input untouched.
 *
 * The public API; the modules' internal helpers (clone, locate, both…) stay unexported here.
 */
export {
  allNames,
  CHOICE_TYPES,
  DesignerOpError,
  findElement,
  listElements,
  MULTI_SELECT_TYPES,
  NAME_PATTERN,
  normalizeSurvey,
  QUESTION_TYPES,
  type ElementJson,
  type ElementRef,
  type JsonObject,
  type Locale,
  type LocalizedText,
  type PageJson,
  type QuestionType,
  type SurveyJson,
} from "./shape";
export { nameProblem, nextQuestionName, uniqueName } from "./names";
export { readText, setLocalizedText, writeText } from "./texts";
export { addPage, deletePage, movePage, renamePage, updatePage } from "./pages";
export {
  addQuestion,
  canMove,
  defaultQuestion,
  deleteQuestion,
  duplicateQuestion,
  insertElement,
  moveQuestion,
  moveQuestionTo,
  renameQuestion,
  replaceQuestion,
  updateQuestion,
} from "./questions";
export {
  addChoice,
  coerceValue,
  defaultValidator,
  duplicateValues,
  insertItem,
  moveChoice,
  moveInArray,
  moveItem,
  patchObject,
  readChoices,
  removeChoice,
  removeItem,
  updateChoice,
  updateItem,
  VALIDATOR_TYPES,
  type ChoiceRow,
  type ChoiceValue,
  type ValidatorType,
} from "./lists";
export {
  answerValues,
  buildCondition,
  CONDITION_OPERATORS,
  LIST_OPERATORS,
  parseSimpleCondition,
  questionsBefore,
  quoteValue,
  UNARY_OPERATORS,
  type ConditionOperator,
  type ConditionScalar,
  type ConditionValue,
  type QuestionOption,
  type SimpleCondition,
} from "./conditions";
export {
  AGE_BANDS,
  DEMOGRAPHIC_NAMES,
  demographicBlock,
  insertDemographicBlock,
  insertOrganisationRating,
  ORGANISATION_RATING_KIND,
  organisationRatingQuestion,
} from "./blocks";

/** Respondent-facing texts for the strict answer checks (survey-core supplies its own texts). */
import type { Locale } from "./types";

type Params = Record<string, string | number> | undefined;
type Msg = (p: Params) => string;

const p = (params: Params, k: string) => String(params?.[k] ?? "");

const EN: Record<string, Msg> = {
  not_object: () => "The answers must be a JSON object.",
  too_many_keys: (x) => `Too many answers in one submission (at most ${p(x, "max")}).`,
  unstorable_text: () => "The answer contains characters that cannot be stored (a NUL or a broken character).",
  unknown_key: () => "This is not a question of this survey.",
  invalid_type: (x) => `The answer has the wrong type (expected ${p(x, "expected")}).`,
  too_long: (x) => `The answer is too long (at most ${p(x, "max")} characters).`,
  out_of_range: (x) => (x?.min !== undefined && x.min !== "" ? `The number must be at least ${p(x, "min")}.` : `The number must be at most ${p(x, "max")}.`),
  out_of_scale: () => "The rating is not on this question's scale.",
  invalid_choice: (x) => `"${p(x, "value")}" is not one of the options.`,
  other_not_allowed: () => "This question has no \"Other\" option.",
  none_not_allowed: () => "This question has no \"None\" option.",
  exclusive_choice: () => "\"None\" cannot be combined with other options.",
  duplicate_choice: () => "The same option is selected twice.",
  too_many_choices: (x) => `Select at most ${p(x, "max")} options.`,
  too_few_choices: (x) => `Select at least ${p(x, "min")} options.`,
  incomplete_ranking: (x) => `Rank all ${p(x, "count")} options.`,
  unknown_row: () => "This row is not in the question.",
  unknown_column: (x) => `"${p(x, "value")}" is not a column of the question.`,
  too_many_items: (x) => `Too many entries (at most ${p(x, "max")}).`,
  too_few_items: (x) => `Too few entries (at least ${p(x, "min")}).`,
  too_large: () => "The answer is too large.",
  hidden_question: () => "This question is not shown for your previous answers, so it cannot be answered.",
  hidden_row: () => "This row is not shown for your previous answers, so it cannot be answered.",
  hidden_column: () => "This column is not shown for your previous answers, so it cannot be answered.",
  unverified_choice: () => "The options of this question are loaded from a web service; the answer was not checked against them.",
  unverified_value: () => "Answers to this question type are stored without checks.",
};

const RU: Record<string, Msg> = {
  not_object: () => "Ответы должны быть объектом JSON.",
  too_many_keys: (x) => `Слишком много ответов в одной отправке (не более ${p(x, "max")}).`,
  unstorable_text: () => "В ответе есть символы, которые нельзя сохранить (NUL или испорченный символ).",
  unknown_key: () => "Такого вопроса в анкете нет.",
  invalid_type: (x) => `Ответ неверного типа (ожидается ${p(x, "expected")}).`,
  too_long: (x) => `Ответ слишком длинный (не более ${p(x, "max")} знаков).`,
  out_of_range: (x) => (x?.min !== undefined && x.min !== "" ? `Число должно быть не меньше ${p(x, "min")}.` : `Число должно быть не больше ${p(x, "max")}.`),
  out_of_scale: () => "Оценка вне шкалы этого вопроса.",
  invalid_choice: (x) => `«${p(x, "value")}» — не один из вариантов ответа.`,
  other_not_allowed: () => "В этом вопросе нет варианта «Другое».",
  none_not_allowed: () => "В этом вопросе нет варианта «Ничего из перечисленного».",
  exclusive_choice: () => "Вариант «Ничего из перечисленного» нельзя сочетать с другими.",
  duplicate_choice: () => "Один и тот же вариант выбран дважды.",
  too_many_choices: (x) => `Выберите не более ${p(x, "max")} вариантов.`,
  too_few_choices: (x) => `Выберите не менее ${p(x, "min")} вариантов.`,
  incomplete_ranking: (x) => `Расставьте по порядку все варианты (${p(x, "count")}).`,
  unknown_row: () => "Такой строки в вопросе нет.",
  unknown_column: (x) => `«${p(x, "value")}» — не столбец этого вопроса.`,
  too_many_items: (x) => `Слишком много записей (не более ${p(x, "max")}).`,
  too_few_items: (x) => `Слишком мало записей (не менее ${p(x, "min")}).`,
  too_large: () => "Ответ слишком большой.",
  hidden_question: () => "При ваших предыдущих ответах этот вопрос не задаётся, отвечать на него нельзя.",
  hidden_row: () => "При ваших предыдущих ответах эта строка не показывается, отвечать на неё нельзя.",
  hidden_column: () => "При ваших предыдущих ответах этот столбец не показывается, отвечать в нём нельзя.",
  unverified_choice: () => "Варианты этого вопроса загружаются с веб-сервиса; ответ с ними не сверялся.",
  unverified_value: () => "Ответы на вопросы этого типа сохраняются без проверки.",
};

export function strictText(code: string, params: Params, locale: Locale | undefined): string {
  const table = locale === "ru" ? RU : EN;
  return (table[code] ?? EN[code] ?? (() => code))(params);
}

/** Prefixes a problem with the question it belongs to, e.g. `Question "Age" (relatives[1].liveage): ...`. */
export function withQuestion(title: string | null, path: string, name: string | null, text: string, locale: Locale | undefined): string {
  if (title === null) return text;
  const where = path && path !== name ? ` (${path})` : "";
  return locale === "ru" ? `Вопрос «${title}»${where}: ${text}` : `Question "${title}"${where}: ${text}`;
}

/** survey-core error type -> our code. */
const CORE_CODES: Record<string, string> = {
  required: "required",
  requireoneanswer: "required_one",
  requirenumeric: "not_numeric",
  exceedsize: "file_too_large",
  otherempty: "other_empty",
  requiredinallrowserror: "required_all_rows",
  eachrowuniqueerror: "rows_not_unique",
  minrowcounterror: "too_few_rows",
  keyduplicationerror: "duplicate_key",
  custom: "validator",
};

export function coreCode(type: string): string {
  return CORE_CODES[type] ?? type;
}

export function plainText(s: string): string {
  return s.replace(/<[^>]*>/g, "").replace(/\s+/g, " ").trim();
}

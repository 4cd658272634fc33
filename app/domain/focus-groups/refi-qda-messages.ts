/** Sentences for REFI-QDA exchange: reading a codebook (.qdc) from NVivo, ATLAS.ti, MAXQDA or QualCoder, writing a project. */
import { problemFactory, type Sentences } from "./problems";

export type RefiProblemCode =
  // errors
  | "not_a_codebook"
  | "wrong_namespace"
  | "missing_codes"
  | "missing_attribute"
  | "invalid_guid"
  | "duplicate_guid"
  | "invalid_boolean"
  // warnings
  | "color_dropped"
  | "is_codable_missing"
  | "sets_ignored"
  | "element_ignored"
  // project export: codings that point at nothing
  | "coding_unknown_code"
  | "coding_unknown_turn"
  | "coding_bad_span"
  | "coding_unknown_coder";

const SENTENCES: Sentences<RefiProblemCode> = {
  not_a_codebook: {
    ru: (p) => `Корневой элемент <${p.found}>, а у кодовой книги REFI-QDA (.qdc) должен быть <CodeBook>`,
    en: (p) => `The root element is <${p.found}>, but a REFI-QDA codebook (.qdc) has <CodeBook>`,
  },
  wrong_namespace: {
    ru: (p) => `Пространство имён «${p.found}», а нужно «${p.expected}»: это не кодовая книга REFI-QDA 1.0`,
    en: (p) => `Namespace "${p.found}" where "${p.expected}" is required: this is not a REFI-QDA 1.0 codebook`,
  },
  missing_codes: {
    ru: () => "В <CodeBook> нет элемента <Codes>",
    en: () => "<CodeBook> has no <Codes> element",
  },
  missing_attribute: {
    ru: (p) => `У <${p.element}> нет обязательного атрибута «${p.attribute}»`,
    en: (p) => `<${p.element}> lacks the required attribute "${p.attribute}"`,
  },
  invalid_guid: {
    ru: (p) => `«${p.value}» — не GUID вида 1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294`,
    en: (p) => `"${p.value}" is not a GUID like 1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294`,
  },
  duplicate_guid: {
    ru: (p) => `GUID ${p.guid} уже встречался в строке ${p.firstLine}`,
    en: (p) => `GUID ${p.guid} was already used on line ${p.firstLine}`,
  },
  invalid_boolean: {
    ru: (p) => `isCodable="${p.value}": допустимо только true, false, 1 или 0`,
    en: (p) => `isCodable="${p.value}": only true, false, 1 or 0 are allowed`,
  },
  color_dropped: {
    ru: (p) => `Цвет «${p.value}» кода «${p.name}» не распознан и не перенесён`,
    en: (p) => `Colour "${p.value}" of code "${p.name}" was not understood and was left out`,
  },
  is_codable_missing: {
    ru: (p) => `У кода «${p.name}» нет атрибута isCodable: код считается применимым`,
    en: (p) => `Code "${p.name}" has no isCodable attribute: it is taken as codable`,
  },
  sets_ignored: {
    ru: (p) => `Наборы кодов (<Sets>, ${p.count}) не переносятся: в Region Pulse их нет`,
    en: (p) => `Code sets (<Sets>, ${p.count}) are not imported: Region Pulse has no sets`,
  },
  element_ignored: {
    ru: (p) => `Элемент <${p.name}> пропущен: он не относится к кодовой книге`,
    en: (p) => `Element <${p.name}> was skipped: it is not part of a codebook`,
  },
  coding_unknown_code: {
    ru: (p) => `Кодировка ${p.coding} ссылается на код ${p.code}, которого нет в кодовой книге`,
    en: (p) => `Coding ${p.coding} points at code ${p.code}, which is not in the codebook`,
  },
  coding_unknown_turn: {
    ru: (p) => `Кодировка ${p.coding} ссылается на реплику ${p.turn} сессии ${p.session}, которой нет`,
    en: (p) => `Coding ${p.coding} points at turn ${p.turn} of session ${p.session}, which does not exist`,
  },
  coding_bad_span: {
    ru: (p) => `Кодировка ${p.coding}: фрагмент ${p.start}–${p.end} не помещается в реплику длиной ${p.length}`,
    en: (p) => `Coding ${p.coding}: span ${p.start}–${p.end} does not fit a turn of length ${p.length}`,
  },
  coding_unknown_coder: {
    ru: (p) => `Кодировка ${p.coding} сделана кодировщиком ${p.coder}, которого нет в списке`,
    en: (p) => `Coding ${p.coding} was made by coder ${p.coder}, who is not in the list`,
  },
};

export const refiProblem = problemFactory(SENTENCES);

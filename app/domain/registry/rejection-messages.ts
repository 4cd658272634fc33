/**
 * Human sentences for registry import rejections and warnings. The planner only emits codes
 * listed here (its types enforce it), so a person never sees a bare machine code.
 */
import type { RegistryImportWarning, Rejection } from "./import-plan";

export const REJECTION_CODES = [
  // whole file / CSV shape
  "empty_file",
  "missing_column",
  "duplicate_column",
  "unclosed_quote",
  "column_count",
  "malformed_csv",
  "unstorable_text",
  // cells
  "required",
  "invalid_code",
  "unknown_kind",
  "duplicate_code",
  "invalid_number",
  "invalid_year",
  "invalid_oktmo",
  "invalid_boolean",
  // references
  "unknown_parent",
  "self_parent",
  "parent_cycle",
  "unknown_territory",
  "unknown_organisation",
  // pages
  "unknown_platform",
  "invalid_platform_id",
  "invalid_url",
  "url_platform_mismatch",
  "url_without_id",
  "duplicate_page",
  "page_owned_by_other",
  // warnings (never block an import)
  "unknown_column",
  "population_without_year",
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const WARNING_CODES = ["unknown_column", "population_without_year"] as const satisfies readonly RejectionCode[];

export type Locale = "ru" | "en";

interface Ctx {
  field: string;
  value: string;
  p: (key: string) => string;
}

type Sentences = Record<RejectionCode, Record<Locale, (c: Ctx) => string>>;

const SENTENCES: Sentences = {
  unstorable_text: {
    ru: () => "В строке есть символ, который нельзя сохранить (NUL или испорченный символ): файл не в той кодировке?",
    en: () => "The line holds a character that cannot be stored (a NUL or a broken character): is the file in another encoding?",
  },
  empty_file: {
    ru: () => "Файл пуст: нет ни заголовка, ни строк",
    en: () => "The file is empty: no header and no rows",
  },
  missing_column: {
    ru: (c) =>
      c.p("or")
        ? `Нет столбца «${c.field}» или «${c.p("or")}»: нужен хотя бы один из них`
        : `Нет обязательного столбца «${c.field}»`,
    en: (c) =>
      c.p("or")
        ? `Neither column "${c.field}" nor "${c.p("or")}" is present: at least one is needed`
        : `Required column "${c.field}" is missing`,
  },
  duplicate_column: {
    ru: (c) => `Столбец «${c.p("column")}» встречается в заголовке больше одного раза`,
    en: (c) => `Column "${c.p("column")}" appears more than once in the header`,
  },
  unclosed_quote: {
    ru: () => "Кавычка, открытая в этой строке, нигде не закрыта: файл дальше не читается",
    en: () => "A quote opened on this line is never closed, so the rest of the file cannot be read",
  },
  column_count: {
    ru: (c) => `Число столбцов в строке (${c.p("actual")}) не совпадает с заголовком (${c.p("expected")})`,
    en: (c) => `The row has ${c.p("actual")} columns but the header has ${c.p("expected")}`,
  },
  malformed_csv: {
    ru: (c) => `Файл не разбирается как CSV: ${c.p("detail")}`,
    en: (c) => `The file cannot be read as CSV: ${c.p("detail")}`,
  },
  required: {
    ru: (c) =>
      c.p("or")
        ? `Заполните «${c.field}» или «${c.p("or")}»`
        : `Не заполнено обязательное поле «${c.field}»`,
    en: (c) =>
      c.p("or") ? `Fill in "${c.field}" or "${c.p("or")}"` : `Required field "${c.field}" is empty`,
  },
  invalid_code: {
    ru: (c) =>
      `Код «${c.value}» недопустим: только латинские строчные буквы, цифры, «.», «_», «-», до 64 знаков`,
    en: (c) =>
      `Code "${c.value}" is not valid: use lower-case Latin letters, digits, ".", "_", "-", up to 64 characters`,
  },
  unknown_kind: {
    ru: (c) => `Неизвестный тип «${c.value}». Допустимо: ${c.p("allowed")}`,
    en: (c) => `Unknown kind "${c.value}". Allowed: ${c.p("allowed")}`,
  },
  duplicate_code: {
    ru: (c) => `Код «${c.value}» уже встречался в строке ${c.p("firstLine")}`,
    en: (c) => `Code "${c.value}" was already used on line ${c.p("firstLine")}`,
  },
  invalid_number: {
    ru: (c) => `«${c.value}» — не целое неотрицательное число (пустая ячейка означает «неизвестно»)`,
    en: (c) => `"${c.value}" is not a whole non-negative number (leave the cell empty if unknown)`,
  },
  invalid_year: {
    ru: (c) => `Год «${c.value}» недопустим: нужен год от 1800 до 2100`,
    en: (c) => `Year "${c.value}" is not valid: use a year from 1800 to 2100`,
  },
  invalid_oktmo: {
    ru: (c) => `Код ОКТМО «${c.value}» недопустим: нужно от 2 до 11 цифр`,
    en: (c) => `OKTMO code "${c.value}" is not valid: use 2 to 11 digits`,
  },
  invalid_boolean: {
    ru: (c) => `«${c.value}» — не «да/нет»: используйте да, нет, true, false, yes, no, 1 или 0`,
    en: (c) => `"${c.value}" is not yes/no: use true, false, yes, no, 1, 0, да or нет`,
  },
  unknown_parent: {
    ru: (c) => `Неизвестный код родителя «${c.value}»: его нет ни в файле, ни в реестре`,
    en: (c) => `Unknown parent code "${c.value}": it is neither in the file nor in the registry`,
  },
  self_parent: {
    ru: (c) => `Запись «${c.value}» указана родителем самой себя`,
    en: (c) => `Row "${c.value}" names itself as its parent`,
  },
  parent_cycle: {
    ru: (c) => `Родители образуют замкнутый круг: ${c.p("cycle")}`,
    en: (c) => `The parents form a loop: ${c.p("cycle")}`,
  },
  unknown_territory: {
    ru: (c) => `Неизвестный код территории «${c.value}»: его нет ни в файле территорий, ни в реестре`,
    en: (c) => `Unknown territory code "${c.value}": it is neither in the territories file nor in the registry`,
  },
  unknown_organisation: {
    ru: (c) => `Неизвестный код организации «${c.value}»: его нет ни в файле организаций, ни в реестре`,
    en: (c) =>
      `Unknown organisation code "${c.value}": it is neither in the organisations file nor in the registry`,
  },
  unknown_platform: {
    ru: (c) => `Неизвестная площадка «${c.value}». Допустимо: ${c.p("allowed")}`,
    en: (c) => `Unknown platform "${c.value}". Allowed: ${c.p("allowed")}`,
  },
  invalid_platform_id: {
    ru: (c) =>
      `Идентификатор страницы «${c.p("id") || c.value}» недопустим: 2–64 знака из латинских букв, цифр, «.», «_», «-»`,
    en: (c) =>
      `Page id "${c.p("id") || c.value}" is not valid: use 2–64 Latin letters, digits, ".", "_", "-"`,
  },
  invalid_url: {
    ru: (c) => `«${c.value}» — не ссылка вида https://…`,
    en: (c) => `"${c.value}" is not an https://… link`,
  },
  url_platform_mismatch: {
    ru: (c) => `Ссылка ведёт на ${c.p("host")}, а это не площадка ${c.p("platform")}`,
    en: (c) => `The link points to ${c.p("host")}, which is not on platform ${c.p("platform")}`,
  },
  url_without_id: {
    ru: (c) => `В ссылке «${c.value}» нет адреса страницы`,
    en: (c) => `Link "${c.value}" does not name a page`,
  },
  duplicate_page: {
    ru: (c) => `Страница ${c.p("key")} уже встречалась в строке ${c.p("firstLine")}`,
    en: (c) => `Page ${c.p("key")} was already listed on line ${c.p("firstLine")}`,
  },
  page_owned_by_other: {
    ru: (c) => `Страница ${c.p("key")} уже закреплена в реестре за организацией «${c.p("organisation")}»`,
    en: (c) => `Page ${c.p("key")} already belongs to organisation "${c.p("organisation")}" in the registry`,
  },
  unknown_column: {
    ru: (c) => `Столбец «${c.field}» не используется и будет пропущен`,
    en: (c) => `Column "${c.field}" is not used and will be ignored`,
  },
  population_without_year: {
    ru: () => "Численность указана без года: без даты её нельзя сравнивать с другими",
    en: () => "Population is given without a year, so it cannot be compared with other figures",
  },
};

const isKnownCode = (code: string): code is RejectionCode => Object.hasOwn(SENTENCES, code);

export function describeRejection(r: Rejection | RegistryImportWarning, locale: Locale): string {
  const params = r.params ?? {};
  const ctx: Ctx = {
    field: r.field ?? "",
    value: "value" in r && r.value !== undefined ? r.value : "",
    p: (key) => (params[key] === undefined ? "" : String(params[key])),
  };
  if (isKnownCode(r.code)) return SENTENCES[r.code][locale](ctx);
  // An unknown code means planner and messages drifted apart; still tell the person where to look.
  return locale === "ru"
    ? `Ошибка «${r.code}»${r.field ? ` в поле «${r.field}»` : ""}`
    : `Problem "${r.code}"${r.field ? ` in field "${r.field}"` : ""}`;
}

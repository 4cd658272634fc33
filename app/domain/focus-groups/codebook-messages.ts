/** Sentences for codebook edits and .qdc codebook imports. */
import { problemFactory, type Sentences } from "./problems";

export type CodebookProblemCode =
  | "empty_name"
  | "name_too_long"
  | "duplicate_sibling_name"
  | "invalid_color"
  | "duplicate_id"
  | "unknown_code"
  | "unknown_parent"
  | "parent_cycle"
  | "merge_into_itself"
  | "merge_into_descendant"
  | "empty_codebook";

const SENTENCES: Sentences<CodebookProblemCode> = {
  empty_name: {
    ru: () => "У кода должно быть название",
    en: () => "A code needs a name",
  },
  name_too_long: {
    ru: (p) => `Название кода «${p.name}…» длиннее ${p.max} знаков`,
    en: (p) => `Code name "${p.name}…" is longer than ${p.max} characters`,
  },
  duplicate_sibling_name: {
    ru: (p) =>
      `Код «${p.name}» уже есть на этом уровне${
        p.parent ? ` в «${p.parent}»` : ""
      }: названия соседних кодов не должны совпадать`,
    en: (p) =>
      `Code "${p.name}" already exists at this level${
        p.parent ? ` in "${p.parent}"` : ""
      }: sibling codes need different names`,
  },
  invalid_color: {
    ru: (p) => `Цвет «${p.color}» записан неверно: нужно #RRGGBB, например #1F77B4`,
    en: (p) => `Colour "${p.color}" is not valid: use #RRGGBB, e.g. #1F77B4`,
  },
  duplicate_id: {
    ru: (p) => `Идентификатор кода ${p.id} встречается дважды`,
    en: (p) => `Code id ${p.id} appears twice`,
  },
  unknown_code: {
    ru: (p) => `Кода ${p.id} нет в кодовой книге`,
    en: (p) => `Code ${p.id} is not in the codebook`,
  },
  unknown_parent: {
    ru: (p) => `Родительского кода ${p.id} нет в кодовой книге`,
    en: (p) => `Parent code ${p.id} is not in the codebook`,
  },
  parent_cycle: {
    ru: (p) => `Код «${p.name}» нельзя вложить в самого себя или в свой подкод`,
    en: (p) => `Code "${p.name}" cannot be placed inside itself or one of its subcodes`,
  },
  merge_into_itself: {
    ru: (p) => `Код «${p.name}» нельзя объединить сам с собой`,
    en: (p) => `Code "${p.name}" cannot be merged into itself`,
  },
  merge_into_descendant: {
    ru: (p) => `Код «${p.name}» нельзя влить в его собственный подкод «${p.into}»`,
    en: (p) => `Code "${p.name}" cannot be merged into its own subcode "${p.into}"`,
  },
  empty_codebook: {
    ru: () => "В кодовой книге нет ни одного кода",
    en: () => "The codebook has no codes",
  },
};

export const codebookProblem = problemFactory(SENTENCES);

/** Sentences for XML syntax errors: where the file breaks and how, in plain words. */
import { problemFactory, type Sentences } from "./problems";

export type XmlProblemCode =
  | "empty_document"
  | "invalid_char"
  | "doctype_not_supported"
  | "misplaced_declaration"
  | "unexpected_end"
  | "bad_name"
  | "bad_attribute"
  | "duplicate_attribute"
  | "lt_in_attribute"
  | "mismatched_tag"
  | "unclosed_tag"
  | "unknown_entity"
  | "bad_char_reference"
  | "bad_comment"
  | "cdata_end_in_text"
  | "text_outside_root"
  | "multiple_roots"
  | "undeclared_prefix";

const SENTENCES: Sentences<XmlProblemCode> = {
  empty_document: { ru: () => "Файл пуст: XML-документа нет", en: () => "The file is empty: there is no XML document" },
  invalid_char: {
    ru: (p) => `Недопустимый в XML символ ${p.char} (столбец ${p.column})`,
    en: (p) => `Character ${p.char} is not allowed in XML (column ${p.column})`,
  },
  doctype_not_supported: {
    ru: () => "Объявления DOCTYPE не принимаются (кодовые книги REFI-QDA их не используют)",
    en: () => "DOCTYPE declarations are not accepted (REFI-QDA codebooks do not use them)",
  },
  misplaced_declaration: {
    ru: () => "Объявление <?xml …?> может стоять только в самом начале файла",
    en: () => "The <?xml …?> declaration may only appear at the very start of the file",
  },
  unexpected_end: {
    ru: (p) => `Файл обрывается: ожидалось ${p.expected}`,
    en: (p) => `The file ends too early: expected ${p.expected}`,
  },
  bad_name: {
    ru: (p) => `Ожидалось имя элемента или атрибута (столбец ${p.column})`,
    en: (p) => `An element or attribute name was expected (column ${p.column})`,
  },
  bad_attribute: {
    ru: (p) => `Атрибут «${p.name}» записан неверно: нужно ${p.name}="значение" (столбец ${p.column})`,
    en: (p) => `Attribute "${p.name}" is malformed: write ${p.name}="value" (column ${p.column})`,
  },
  duplicate_attribute: {
    ru: (p) => `Атрибут «${p.name}» указан дважды`,
    en: (p) => `Attribute "${p.name}" is given twice`,
  },
  lt_in_attribute: {
    ru: (p) => `Знак «<» внутри значения атрибута «${p.name}»: его нужно записать как &lt;`,
    en: (p) => `A "<" inside the value of attribute "${p.name}": write it as &lt;`,
  },
  mismatched_tag: {
    ru: (p) => `Закрывающий тег </${p.found}> не соответствует открытому <${p.expected}> (строка ${p.openLine})`,
    en: (p) => `Closing tag </${p.found}> does not match <${p.expected}> opened on line ${p.openLine}`,
  },
  unclosed_tag: {
    ru: (p) => `Элемент <${p.name}> не закрыт до конца файла`,
    en: (p) => `Element <${p.name}> is never closed`,
  },
  unknown_entity: {
    ru: (p) => `Неизвестная ссылка на сущность «&${p.name};»: знак & нужно записать как &amp;`,
    en: (p) => `Unknown entity reference "&${p.name};": write a literal & as &amp;`,
  },
  bad_char_reference: {
    ru: (p) => `Ссылка на символ «${p.reference}» недопустима`,
    en: (p) => `Character reference "${p.reference}" is not valid`,
  },
  bad_comment: {
    ru: () => "Комментарий записан неверно: внутри <!-- … --> не может быть «--»",
    en: () => 'Malformed comment: "--" is not allowed inside <!-- … -->',
  },
  cdata_end_in_text: {
    ru: () => "Последовательность «]]>» в тексте должна быть записана как ]]&gt;",
    en: () => 'The sequence "]]>" in text must be written as ]]&gt;',
  },
  text_outside_root: {
    ru: () => "Текст вне корневого элемента",
    en: () => "Text outside the root element",
  },
  multiple_roots: {
    ru: (p) => `Второй корневой элемент <${p.name}>: в документе может быть только один`,
    en: (p) => `A second root element <${p.name}>: a document has exactly one`,
  },
  undeclared_prefix: {
    ru: (p) => `Префикс пространства имён «${p.prefix}» не объявлен`,
    en: (p) => `Namespace prefix "${p.prefix}" is not declared`,
  },
};

export const xmlProblem = problemFactory(SENTENCES);

/**
 * Writing XML without a library: a tree of elements rendered with escaping that cannot be
 * forgotten (text and attribute values are only ever escaped here). Elements holding only
 * elements are indented; an element with text is written inline, because in REFI-QDA text
 * (PlainTextContent, Description) every whitespace character is content.
 */

export interface XmlElement {
  name: string;
  /** in writing order; null/undefined values are left out */
  attributes: ReadonlyArray<readonly [string, string]>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export type AttributeValue = string | number | boolean | null | undefined;

/**
 * XML 1.0 cannot carry C0 controls other than tab and line breaks, lone surrogates, U+FFFE or
 * U+FFFF, not even escaped. Each becomes U+FFFD; a surrogate or control is one UTF-16 unit, so
 * text offsets into the sanitised string stay valid for the original.
 */
export const XML_FORBIDDEN_CHAR =
  // eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const XML_FORBIDDEN_CHARS = new RegExp(XML_FORBIDDEN_CHAR.source, "g");

export function sanitiseXmlChars(text: string): string {
  return text.replace(XML_FORBIDDEN_CHARS, "\uFFFD");
}

/** ">" is escaped too, so "]]>" in text never looks like the end of a CDATA section. */
export function escapeXmlText(text: string): string {
  return sanitiseXmlChars(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

/** Tabs and line breaks as character references: a parser would turn literal ones into spaces. */
export function escapeXmlAttribute(value: string): string {
  return sanitiseXmlChars(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

export function element(
  name: string,
  attributes: Readonly<Record<string, AttributeValue>> = {},
  children: ReadonlyArray<XmlNode | null | undefined | false> = [],
): XmlElement {
  return {
    name,
    attributes: Object.entries(attributes)
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== null && entry[1] !== undefined)
      .map(([key, value]) => [key, String(value)] as const),
    children: children.filter((c): c is XmlNode => c !== null && c !== undefined && c !== false),
  };
}

/** An element with text content, or nothing when the text is empty (optional REFI elements). */
export function textElement(name: string, text: string | null | undefined): XmlElement | null {
  return text === null || text === undefined || text === "" ? null : element(name, {}, [text]);
}

/** `indent` null writes compactly: inside mixed content any added whitespace would become text. */
function render(node: XmlElement, indent: string | null, out: string[]): void {
  const attrs = node.attributes.map(([k, v]) => ` ${k}="${escapeXmlAttribute(v)}"`).join("");
  const pad = indent ?? "";
  if (node.children.length === 0) {
    out.push(`${pad}<${node.name}${attrs}/>`);
    return;
  }
  if (indent === null || node.children.some((c) => typeof c === "string")) {
    const inline: string[] = [];
    for (const child of node.children) {
      if (typeof child === "string") inline.push(escapeXmlText(child));
      else render(child, null, inline);
    }
    out.push(`${pad}<${node.name}${attrs}>${inline.join("")}</${node.name}>`);
    return;
  }
  out.push(`${pad}<${node.name}${attrs}>`);
  for (const child of node.children) render(child as XmlElement, `${indent}  `, out);
  out.push(`${pad}</${node.name}>`);
}

/** A complete UTF-8 document with its declaration and a final newline. */
export function renderXmlDocument(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  render(root, "", out);
  return out.join("\n") + "\n";
}

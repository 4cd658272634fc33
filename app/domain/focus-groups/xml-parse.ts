/**
 * A minimal, strict XML parser, enough for REFI-QDA codebooks (.qdc) without an XML library:
 * elements, attributes, namespaces, text, the five predefined entities and character references,
 * CDATA, comments and processing instructions. Anything malformed is an error with its line;
 * DOCTYPE is refused outright, so no entity expansion (and no "billion laughs") can happen.
 * Iterative rather than recursive, so deep nesting cannot overflow the stack.
 */
import type { Problem } from "./problems";
import { xmlProblem, type XmlProblemCode } from "./xml-messages";
import { XML_FORBIDDEN_CHAR } from "./xml-writer";

export interface ParsedElement {
  /** qualified name as written, e.g. "Code" or "qda:Code" */
  name: string;
  localName: string;
  namespace: string | null;
  /** attributes as written, without namespace declarations */
  attributes: ReadonlyMap<string, string>;
  /** text (adjacent text and CDATA joined) and elements, in document order */
  children: Array<ParsedElement | string>;
  line: number;
}

export type XmlProblem = Problem<XmlProblemCode>;

export type XmlParseResult = { ok: true; root: ParsedElement } | { ok: false; error: XmlProblem };

class SyntaxFailure {
  constructor(readonly problem: XmlProblem) {}
}

const NAME =
  /[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?/y;
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

const isXmlChar = (c: number) =>
  c === 0x9 ||
  c === 0xa ||
  c === 0xd ||
  (c >= 0x20 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd) ||
  (c >= 0x10000 && c <= 0x10ffff);

export function parseXml(input: string): XmlParseResult {
  // XML reads every line end as "\n" (spec §2.11); doing it first keeps positions simple.
  const src = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const newlines: number[] = [];
  for (let i = src.indexOf("\n"); i !== -1; i = src.indexOf("\n", i + 1)) newlines.push(i);
  const lineAt = (pos: number) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return { line: lo + 1, column: pos - (lo === 0 ? 0 : newlines[lo - 1]! + 1) + 1 };
  };
  const fail = (code: XmlProblemCode, pos: number, params: Record<string, string | number> = {}): never => {
    const { line, column } = lineAt(pos);
    throw new SyntaxFailure(xmlProblem(code, line, { column, ...params }));
  };

  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;]*);?/g, (whole, name: string) => {
      if (!whole.endsWith(";") || name === "") return fail("unknown_entity", at, { name: name.slice(0, 12) });
      if (name.startsWith("#")) {
        const code = /^#x[0-9a-fA-F]+$/.test(name)
          ? parseInt(name.slice(2), 16)
          : /^#\d+$/.test(name)
          ? Number(name.slice(1))
          : NaN;
        if (!isXmlChar(code)) return fail("bad_char_reference", at, { reference: whole });
        return String.fromCodePoint(code);
      }
      return PREDEFINED[name] ?? fail("unknown_entity", at, { name });
    });

  try {
    if (src.trim() === "") fail("empty_document", 0);
    const bad = XML_FORBIDDEN_CHAR.exec(src);
    if (bad)
      fail("invalid_char", bad.index, {
        char: `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
      });

    let pos = 0;
    if (/^<\?xml[\s?]/.test(src)) {
      const end = src.indexOf("?>");
      if (end === -1) fail("unexpected_end", src.length, { expected: "?>" });
      pos = end + 2;
    }
    const stack: ParsedElement[] = [];
    const scopes: Array<Map<string, string | null>> = [new Map<string, string | null>([["xml", XML_NAMESPACE]])];
    let root: ParsedElement | null = null;

    const readName = (): string => {
      NAME.lastIndex = pos;
      const match = NAME.exec(src);
      if (!match) fail(pos >= src.length ? "unexpected_end" : "bad_name", pos, { expected: "name" });
      pos += match![0].length;
      return match![0];
    };
    const skipSpace = () => {
      while (pos < src.length && " \t\n".includes(src[pos]!)) pos++;
    };
    const expectEnd = (marker: string, from: number) => {
      const end = src.indexOf(marker, from);
      if (end === -1) fail("unexpected_end", src.length, { expected: marker });
      return end;
    };
    const appendText = (text: string) => {
      const children = stack[stack.length - 1]!.children;
      const last = children.length - 1;
      if (typeof children[last] === "string") children[last] = (children[last] as string) + text;
      else children.push(text);
    };

    while (pos < src.length) {
      if (src[pos] !== "<") {
        const next = src.indexOf("<", pos);
        const end = next === -1 ? src.length : next;
        const raw = src.slice(pos, end);
        if (stack.length === 0) {
          if (raw.trim() !== "") fail("text_outside_root", pos);
        } else {
          if (raw.includes("]]>")) fail("cdata_end_in_text", pos + raw.indexOf("]]>"));
          appendText(decode(raw, pos));
        }
        pos = end;
      } else if (src.startsWith("<!--", pos)) {
        const end = expectEnd("-->", pos + 4);
        const body = src.slice(pos + 4, end);
        if (body.includes("--") || body.endsWith("-")) fail("bad_comment", pos);
        pos = end + 3;
      } else if (src.startsWith("<![CDATA[", pos)) {
        if (stack.length === 0) fail("text_outside_root", pos);
        const end = expectEnd("]]>", pos + 9);
        appendText(src.slice(pos + 9, end));
        pos = end + 3;
      } else if (src.startsWith("<!", pos)) {
        fail("doctype_not_supported", pos);
      } else if (src.startsWith("<?", pos)) {
        const at = pos;
        pos += 2;
        if (readName().toLowerCase() === "xml") fail("misplaced_declaration", at);
        pos = expectEnd("?>", pos) + 2;
      } else if (src.startsWith("</", pos)) {
        const at = pos;
        pos += 2;
        const name = readName();
        skipSpace();
        if (src[pos] !== ">") fail(pos >= src.length ? "unexpected_end" : "bad_name", pos, { expected: ">" });
        pos++;
        const open = stack.pop();
        if (!open || open.name !== name) {
          fail("mismatched_tag", at, { found: name, expected: open?.name ?? "—", openLine: open?.line ?? "—" });
        }
        scopes.pop();
      } else {
        const at = pos;
        pos++;
        const name = readName();
        const attributes = new Map<string, string>();
        const declared = new Map<string, string | null>();
        for (;;) {
          const beforeSpace = pos;
          skipSpace();
          if (pos >= src.length) fail("unexpected_end", pos, { expected: ">" });
          if (src.startsWith("/>", pos) || src[pos] === ">") break;
          if (pos === beforeSpace) fail("bad_name", pos);
          const attrAt = pos;
          const attr = readName();
          skipSpace();
          if (src[pos] !== "=") fail("bad_attribute", attrAt, { name: attr });
          pos++;
          skipSpace();
          const quote = src[pos];
          if (quote !== '"' && quote !== "'") fail("bad_attribute", attrAt, { name: attr });
          const close = expectEnd(quote!, pos + 1);
          const raw = src.slice(pos + 1, close);
          if (raw.includes("<")) fail("lt_in_attribute", attrAt, { name: attr });
          pos = close + 1;
          // Attribute-value normalisation (spec §3.3.3): literal tabs and line ends read as spaces.
          const value = decode(raw.replace(/[\t\n]/g, " "), attrAt);
          const declaresPrefix = attr === "xmlns" ? "" : attr.startsWith("xmlns:") ? attr.slice(6) : null;
          if (declaresPrefix === null ? attributes.has(attr) : declared.has(declaresPrefix)) {
            fail("duplicate_attribute", attrAt, { name: attr });
          }
          if (declaresPrefix === null) attributes.set(attr, value);
          else declared.set(declaresPrefix, value === "" && declaresPrefix === "" ? null : value);
        }
        const selfClosing = src[pos] === "/";
        pos += selfClosing ? 2 : 1;
        const scope = new Map([...scopes[scopes.length - 1]!, ...declared]);
        const colon = name.indexOf(":");
        const prefix = colon === -1 ? "" : name.slice(0, colon);
        for (const qualified of [name, ...attributes.keys()]) {
          const p = qualified.includes(":") ? qualified.slice(0, qualified.indexOf(":")) : "";
          if (p !== "" && !scope.has(p)) fail("undeclared_prefix", at, { prefix: p });
        }
        const element: ParsedElement = {
          name,
          localName: colon === -1 ? name : name.slice(colon + 1),
          namespace: scope.get(prefix) ?? null,
          attributes,
          children: [],
          line: lineAt(at).line,
        };
        if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
        else if (root !== null) fail("multiple_roots", at, { name });
        else root = element;
        if (!selfClosing) {
          stack.push(element);
          scopes.push(scope);
        }
      }
    }
    if (stack.length > 0) fail("unclosed_tag", src.length, { name: stack[stack.length - 1]!.name });
    if (root === null) return fail("unexpected_end", src.length, { expected: "<root>" });
    return { ok: true, root };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, error: error.problem };
    throw error;
  }
}

/** Child elements with this local name in this namespace. */
export function childElements(parent: ParsedElement, localName: string, namespace: string | null): ParsedElement[] {
  return parent.children.filter(
    (c): c is ParsedElement => typeof c !== "string" && c.localName === localName && c.namespace === namespace,
  );
}

/** All text inside the element, nested elements included. */
export function textContent(element: ParsedElement): string {
  return element.children.map((c) => (typeof c === "string" ? c : textContent(c))).join("");
}

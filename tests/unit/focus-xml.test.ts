/** The small XML writer and strict parser behind REFI-QDA exchange. */
import { describe, expect, it } from "vitest";
import { stableGuid, isGuid, normaliseGuid } from "../../app/domain/focus-groups/guid";
import { childElements, parseXml, textContent, type ParsedElement } from "../../app/domain/focus-groups/xml-parse";
import {
  element,
  escapeXmlAttribute,
  escapeXmlText,
  renderXmlDocument,
  sanitiseXmlChars,
} from "../../app/domain/focus-groups/xml-writer";

const root = (xml: string): ParsedElement => {
  const r = parseXml(xml);
  if (!r.ok) throw new Error(r.error.en);
  return r.root;
};
const failure = (xml: string) => {
  const r = parseXml(xml);
  return r.ok ? null : [r.error.code, r.error.line];
};

describe("escaping", () => {
  it("escapes markup in text and attributes, keeping attribute line breaks as references", () => {
    expect(escapeXmlText(`Жители & «власть» <b> ]]> "да"`)).toBe(`Жители &amp; «власть» &lt;b&gt; ]]&gt; "да"`);
    expect(escapeXmlAttribute(`a"b'<c>&\nd\te\r`)).toBe(`a&quot;b'&lt;c&gt;&amp;&#10;d&#9;e&#13;`);
  });

  it("replaces characters XML cannot carry one for one, so offsets into the text stay valid", () => {
    const text = "до\u0001после\uFFFFконец\uD800!😀";
    const clean = sanitiseXmlChars(text);
    expect(clean).toBe("до\uFFFDпосле\uFFFDконец\uFFFD!😀");
    expect(clean.length).toBe(text.length);
  });
});

describe("rendering", () => {
  it("indents element-only content, writes text inline, skips null attributes", () => {
    const doc = renderXmlDocument(
      element("Codes", { xmlns: "urn:x", skipped: null, n: 3, b: true }, [
        element("Code", { name: "Мэр & «город»" }, [element("Description", {}, ["  пробелы\nсохраняются  "])]),
        element("Empty"),
      ]),
    );
    expect(doc).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<Codes xmlns="urn:x" n="3" b="true">',
        '  <Code name="Мэр &amp; «город»">',
        "    <Description>  пробелы\nсохраняются  </Description>",
        "  </Code>",
        "  <Empty/>",
        "</Codes>",
        "",
      ].join("\n"),
    );
  });

  it("round-trips awkward text and attributes through the parser unchanged", () => {
    const text = " a < b && c > d ]]> \"q\" 'a' \r\n\tконец ";
    const attr = 'line1\nline2\ttab "quoted" & <angle>';
    const parsed = root(renderXmlDocument(element("r", { attr }, [element("t", {}, [text])])));
    expect(parsed.attributes.get("attr")).toBe(attr);
    expect(textContent(childElements(parsed, "t", null)[0]!)).toBe(text);
  });
});

describe("parsing", () => {
  it("reads namespaces, attributes, entities, character references, CDATA, comments and PIs", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<!-- header comment -->
<?app-instruction data?>
<q:Root xmlns:q="urn:q" xmlns="urn:default" a='1' b="&lt;&amp;&#x41;&#66;&quot;&apos;&gt;">
  <Child c="x&#10;y">Текст <![CDATA[<не разметка> & всё]]> хвост</Child>
  <q:Other/>
  <Plain xmlns="">без пространства</Plain>
</q:Root>
<!-- trailing comment -->`;
    const r = root(xml);
    expect([r.localName, r.namespace, r.line]).toEqual(["Root", "urn:q", 4]);
    expect(r.attributes.get("b")).toBe(`<&AB"'>`);
    expect([...r.attributes.keys()]).toEqual(["a", "b"]);
    const child = childElements(r, "Child", "urn:default")[0]!;
    expect(child.attributes.get("c")).toBe("x\ny");
    expect(textContent(child)).toBe("Текст <не разметка> & всё хвост");
    expect(childElements(r, "Other", "urn:q")).toHaveLength(1);
    expect(childElements(r, "Plain", null)).toHaveLength(1);
  });

  it("refuses malformed documents with a line", () => {
    expect(failure("")).toEqual(["empty_document", 1]);
    expect(failure("<a>\n<b></a>")).toEqual(["mismatched_tag", 2]);
    expect(failure("<a>\n<b>")).toEqual(["unclosed_tag", 2]);
    expect(failure("<a>&nbsp;</a>")).toEqual(["unknown_entity", 1]);
    expect(failure("<a>AT&T</a>")).toEqual(["unknown_entity", 1]);
    expect(failure("<a>&#1;</a>")).toEqual(["bad_char_reference", 1]);
    expect(failure('<a x="1" x="2"/>')).toEqual(["duplicate_attribute", 1]);
    expect(failure("<a x=1/>")).toEqual(["bad_attribute", 1]);
    expect(failure('<a x="<"/>')).toEqual(["lt_in_attribute", 1]);
    expect(failure('<a x="1"y="2"/>')).toEqual(["bad_name", 1]);
    expect(failure("<a><!-- a -- b --></a>")).toEqual(["bad_comment", 1]);
    expect(failure("<a>]]></a>")).toEqual(["cdata_end_in_text", 1]);
    expect(failure("<a/>\n<b/>")).toEqual(["multiple_roots", 2]);
    expect(failure("text<a/>")).toEqual(["text_outside_root", 1]);
    expect(failure("<a/>\n\n<?xml version='1.0'?>")).toEqual(["misplaced_declaration", 3]);
    expect(failure('<!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><a>&x;</a>')).toEqual(["doctype_not_supported", 1]);
    expect(failure("<x:a/>")).toEqual(["undeclared_prefix", 1]);
    expect(failure('<a x:y="1"/>')).toEqual(["undeclared_prefix", 1]);
    expect(failure("<a>\u0007</a>")).toEqual(["invalid_char", 1]);
    expect(failure("<a")).toEqual(["unexpected_end", 1]);
    expect(failure("<a><!-- never closed")).toEqual(["unexpected_end", 1]);
    expect(failure("<?xml version='1.0'?>")).toEqual(["unexpected_end", 1]);
  });

  it("explains errors in both languages", () => {
    const r = parseXml("<Codes>\n  <Code>\n</Codes>");
    expect(r.ok ? null : [r.error.ru, r.error.en]).toEqual([
      "Закрывающий тег </Codes> не соответствует открытому <Code> (строка 2)",
      "Closing tag </Codes> does not match <Code> opened on line 2",
    ]);
  });

  it("handles deep nesting without recursion limits", () => {
    const depth = 20_000;
    const r = parseXml("<a>".repeat(depth) + "</a>".repeat(depth));
    expect(r.ok).toBe(true);
  });
});

describe("GUIDs", () => {
  it("derives stable RFC 9562 version-8 GUIDs that differ by study, kind and record", () => {
    const g = stableGuid("study-1", "code", "42");
    expect(g).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(stableGuid("study-1", "code", "42")).toBe(g);
    expect(
      new Set([
        g,
        stableGuid("study-2", "code", "42"),
        stableGuid("study-1", "source", "42"),
        stableGuid("study-1", "code", "43"),
      ]).size,
    ).toBe(4);
  });

  it("recognises GUIDs with or without braces and normalises them", () => {
    expect(isGuid("{2a9e0c4d-1b7f-4e55-9a0b-6f1c2d3e4f50}")).toBe(true);
    expect(isGuid("2a9e0c4d-1b7f-4e55-9a0b-6f1c2d3e4f50")).toBe(true);
    expect(isGuid("{2a9e0c4d-1b7f-4e55-9a0b-6f1c2d3e4f50")).toBe(false);
    expect(isGuid("roads")).toBe(false);
    expect(normaliseGuid("{2a9e0c4d-1b7f-4e55-9a0b-6f1c2d3e4f50}")).toBe("2A9E0C4D-1B7F-4E55-9A0B-6F1C2D3E4F50");
  });
});

/**
 * Reading a REFI-QDA codebook (.qdc) into a Region Pulse codebook, all or nothing: a codebook
 * with a missing name or a repeated GUID would be imported as a different codebook than the one
 * the team agreed on. Code ids are the file's GUIDs (upper-case, no braces), so exporting the
 * codebook again keeps them. Things Region Pulse has no place for (code sets) are skipped with a
 * warning; a colour it cannot read is dropped with a warning rather than refusing the file.
 */
import { nameKey, nameProblems, tidyName, type Code, type Codebook } from "./codebook";
import { codebookProblem } from "./codebook-messages";
import { isGuid, normaliseGuid } from "./guid";
import type { Problem } from "./problems";
import { QDC_NAMESPACE } from "./refi-qda";
import { refiProblem } from "./refi-qda-messages";
import { childElements, parseXml, textContent, type ParsedElement } from "./xml-parse";

export type QdcReadResult =
  | { ok: true; codebook: Codebook; warnings: Problem[] }
  | { ok: false; errors: Problem[]; warnings: Problem[] };

/** "#abc" -> "#AABBCC", "#a1b2c3" -> "#A1B2C3"; the schema allows both lengths. */
function readColor(value: string): string | null {
  const v = value.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(v)) return v.toUpperCase();
  if (/^#[0-9a-fA-F]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join("")}`.toUpperCase();
  return null;
}

export function readQdc(xml: string): QdcReadResult {
  const parsed = parseXml(xml);
  if (!parsed.ok) return { ok: false, errors: [parsed.error], warnings: [] };
  const root = parsed.root;
  if (root.localName !== "CodeBook") {
    return { ok: false, errors: [refiProblem("not_a_codebook", root.line, { found: root.name })], warnings: [] };
  }
  if (root.namespace !== QDC_NAMESPACE) {
    const found = root.namespace ?? "—";
    return {
      ok: false,
      errors: [refiProblem("wrong_namespace", root.line, { found, expected: QDC_NAMESPACE })],
      warnings: [],
    };
  }
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const codes: Code[] = [];
  const guidLines = new Map<string, number>();
  const siblingNames = new Map<string, number>();

  const readCode = (el: ParsedElement, parentId: string | null, parentName: string) => {
    const rawGuid = el.attributes.get("guid");
    const rawName = el.attributes.get("name");
    let id: string | null = null;
    if (rawGuid === undefined)
      errors.push(refiProblem("missing_attribute", el.line, { element: "Code", attribute: "guid" }));
    else if (!isGuid(rawGuid.trim())) errors.push(refiProblem("invalid_guid", el.line, { value: rawGuid }));
    else {
      id = normaliseGuid(rawGuid.trim());
      const firstLine = guidLines.get(id);
      if (firstLine !== undefined) errors.push(refiProblem("duplicate_guid", el.line, { guid: id, firstLine }));
      else guidLines.set(id, el.line);
    }
    const name = tidyName(rawName ?? "");
    if (rawName === undefined)
      errors.push(refiProblem("missing_attribute", el.line, { element: "Code", attribute: "name" }));
    else for (const p of nameProblems(name)) errors.push({ ...p, line: el.line });
    if (name !== "") {
      const key = `${parentId ?? ""}\u0000${nameKey(name)}`;
      if (siblingNames.has(key))
        errors.push(codebookProblem("duplicate_sibling_name", el.line, { name, parent: parentName }));
      siblingNames.set(key, el.line);
    }
    const codable = el.attributes.get("isCodable");
    let isCodable = true;
    if (codable === undefined) warnings.push(refiProblem("is_codable_missing", el.line, { name }));
    else if (/^(false|0)$/.test(codable.trim())) isCodable = false;
    else if (!/^(true|1)$/.test(codable.trim()))
      errors.push(refiProblem("invalid_boolean", el.line, { value: codable }));
    const rawColor = el.attributes.get("color");
    const color = rawColor === undefined ? null : readColor(rawColor);
    if (rawColor !== undefined && color === null)
      warnings.push(refiProblem("color_dropped", el.line, { value: rawColor, name }));

    const description = childElements(el, "Description", QDC_NAMESPACE)[0];
    const codeId = id ?? `invalid-${el.line}`;
    codes.push({
      id: codeId,
      parentId,
      name,
      definition: description ? textContent(description).trim() : "",
      color,
      ...(isCodable ? {} : { isCodable: false }),
    });
    for (const child of el.children) {
      if (typeof child === "string") continue;
      if (child.namespace === QDC_NAMESPACE && child.localName === "Code") readCode(child, codeId, name);
      else if (!(child.namespace === QDC_NAMESPACE && child.localName === "Description")) {
        warnings.push(refiProblem("element_ignored", child.line, { name: child.name }));
      }
    }
  };

  const codesElement = childElements(root, "Codes", QDC_NAMESPACE)[0];
  if (!codesElement) errors.push(refiProblem("missing_codes", root.line));
  else {
    const top = childElements(codesElement, "Code", QDC_NAMESPACE);
    if (top.length === 0) errors.push(codebookProblem("empty_codebook", codesElement.line));
    for (const el of top) readCode(el, null, "");
  }
  const sets = childElements(root, "Sets", QDC_NAMESPACE)[0];
  if (sets)
    warnings.push(refiProblem("sets_ignored", sets.line, { count: childElements(sets, "Set", QDC_NAMESPACE).length }));

  if (errors.length > 0) return { ok: false, errors, warnings };
  return { ok: true, codebook: { codes }, warnings };
}

/**
 * REFI-QDA exchange (www.qdasoftware.org), the format NVivo, ATLAS.ti, MAXQDA and QualCoder
 * share. This file writes a codebook as a .qdc document (Codebook.xsd, urn:QDA-XML:codebook:1.0)
 * and holds what the project writer (refi-qda-project.ts) shares with it; reading a .qdc is in
 * refi-qda-qdc-read.ts. Element order follows the schemas' xs:sequence exactly, because
 * validating readers reject anything else.
 */
import {
  codebookTree,
  validateCodebook,
  type Code,
  type Codebook,
  type CodebookProblem,
  type CodeTreeNode,
} from "./codebook";
import { codebookProblem } from "./codebook-messages";
import { isGuid, normaliseGuid, stableGuid } from "./guid";
import { element, renderXmlDocument, textElement, type XmlElement } from "./xml-writer";

export const QDC_NAMESPACE = "urn:QDA-XML:codebook:1.0";
export const QDE_NAMESPACE = "urn:QDA-XML:project:1.0";
export const EXPORT_ORIGIN = "Region Pulse";

/**
 * A code whose id already is a GUID (it came from a .qdc or .qdpx) keeps it, so a codebook
 * travels NVivo -> Region Pulse -> NVivo with its identity; other ids get a stable derived GUID.
 */
export function codeGuid(studyId: string, code: Pick<Code, "id">): string {
  return isGuid(code.id) ? normaliseGuid(code.id) : stableGuid(studyId, "code", code.id);
}

/** <Code> elements for the tree; the same shape is valid in both the .qdc and the .qde schema. */
export function codeElements(studyId: string, nodes: readonly CodeTreeNode[]): XmlElement[] {
  return nodes.map(({ code, children }) =>
    element(
      "Code",
      {
        guid: codeGuid(studyId, code),
        name: code.name,
        isCodable: code.isCodable !== false,
        color: code.color ?? undefined,
      },
      [textElement("Description", code.definition), ...codeElements(studyId, children)],
    ),
  );
}

/** Codebook.xsd requires at least one <Code>, and a broken tree would export a different one. */
export function exportableCodebookProblems(codebook: Codebook): CodebookProblem[] {
  if (codebook.codes.length === 0) return [codebookProblem("empty_codebook", null)];
  return validateCodebook(codebook);
}

export type QdcWriteResult = { ok: true; xml: string } | { ok: false; errors: CodebookProblem[] };

export function writeQdc(codebook: Codebook, options: { studyId: string; origin?: string }): QdcWriteResult {
  const errors = exportableCodebookProblems(codebook);
  if (errors.length > 0) return { ok: false, errors };
  const root = element("CodeBook", { xmlns: QDC_NAMESPACE, origin: options.origin ?? EXPORT_ORIGIN }, [
    element("Codes", {}, codeElements(options.studyId, codebookTree(codebook))),
  ]);
  return { ok: true, xml: renderXmlDocument(root) };
}

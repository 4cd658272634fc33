/**
 * Checks for JSON typed or imported into the designer: syntax (with line and column) here, the
 * SurveyJS schema through survey-core's own loader, fetched only when needed (it is a large module).
 */
export interface JsonProblem {
  message: string;
  line?: number;
  column?: number;
  /** Element name and property the problem belongs to, when survey-core says. */
  path?: string;
  /** Set when the problem is an element type survey-core does not know. */
  unknownType?: string;
}

export function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(position, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** JSON.parse with the position turned into line/column (V8 says "position N", Firefox "line L column C"). */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonProblem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lc = /line (\d+) column (\d+)/i.exec(message);
    if (lc) return { ok: false, problem: { message, line: Number(lc[1]), column: Number(lc[2]) } };
    const pos = /position (\d+)/i.exec(message);
    if (pos) return { ok: false, problem: { message, ...lineColumn(text, Number(pos[1])) } };
    if (/end of (json|data)|unexpected end/i.test(message)) return { ok: false, problem: { message, ...lineColumn(text, text.length) } };
    return { ok: false, problem: { message } };
  }
}

/** Our own properties are registered with survey-core (domain/survey-properties); none is unknown. */
export function isOwnMarker(_error: { type?: string; propertyName?: string }): boolean {
  return false;
}

/** survey-core's complaints about a definition (unknown types and properties, malformed values). */
export async function schemaProblems(json: unknown): Promise<JsonProblem[]> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return [{ message: "The survey must be a JSON object ({ … })." }];
  const { Model } = await import("survey-core");
  await import("../../domain/survey-properties");
  let errors: SurveyCoreError[];
  try {
    errors = (new Model(json).jsonErrors ?? []) as SurveyCoreError[];
  } catch (error) {
    // survey-core throws on some malformed values (e.g. a number where it expects a string).
    return [{ message: `survey-core: ${error instanceof Error ? error.message : String(error)}` }];
  }
  return errors.filter((e) => !isOwnMarker(e)).map(describe);
}

interface SurveyCoreError {
  message: string;
  type?: string;
  propertyName?: string;
  className?: string;
  element?: { name?: string };
  jsonObj?: { name?: unknown; type?: unknown };
}

function describe(e: SurveyCoreError): JsonProblem {
  const name = e.element?.name ?? (typeof e.jsonObj?.name === "string" ? e.jsonObj.name : undefined);
  // An element of an unknown type is reported against its container's "elements" property.
  if (e.type === "incorrecttypeproperty" && typeof e.jsonObj?.type === "string") return { message: e.message, path: name, unknownType: e.jsonObj.type };
  return { message: e.message, path: [name ?? e.className, e.propertyName].filter(Boolean).join(".") || undefined };
}

/** Grade bands of a stored methodology (for territory colours), falling back to the default's. */
import { DEFAULT_METHODOLOGY, gradeFor, validateMethodology, type Band } from "../domain/scoring";

export { DEFAULT_METHODOLOGY, gradeFor };

export function parseMethodologyBands(document: unknown): Band[] | null {
  const v = validateMethodology(document);
  return v.ok ? v.methodology.bands : null;
}

/**
 * Our own SurveyJS properties, registered with survey-core's serializer so a definition that uses
 * them loads without "unknown property" errors in Node, in the designer and in the poll page.
 * `rpKind: "organisation-rating"` marks the matrix whose rows are registry organisation codes and
 * whose columns are a 1–5 scale: compliance reports read residents' ratings from it.
 */
import { Serializer } from "survey-core";

export const ORGANISATION_RATING = "organisation-rating";

if (!Serializer.findProperty("question", "rpKind")) {
  Serializer.addProperty("question", { name: "rpKind", visible: false, isSerializable: true });
}

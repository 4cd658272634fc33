/**
 * The question list for an export: listQuestions() plus the few facts it does not carry and an
 * export needs to lay out columns correctly (imagepicker multiSelect, the "other" item, comment
 * areas, numeric text inputs). Read from the same cached, pristine survey-core model the
 * validator uses, so they match what respondents saw.
 */
import { listQuestions, type SurveyDefinition } from "../survey";
import { getPrepared } from "../survey/prepared";
import type { ExportQuestion } from "./types";

export function exportQuestions(def: SurveyDefinition): ExportQuestion[] {
  const prep = getPrepared(def);
  return listQuestions(def).map((info): ExportQuestion => {
    const root = prep.byName.get(info.name);
    if (!root) return info;
    const { spec, q } = root;
    const out: ExportQuestion = { ...info };
    if (spec.kind === "select") {
      out.multiple = spec.multiple;
      out.otherValue = q.showOtherItem ? (q.otherItem?.value ?? "other") : null;
      // With "other" stored as a comment, `<key>-Comment` is the other text, not a comment.
      out.commentArea = !!q.showCommentArea && !(out.otherValue !== null && !spec.otherAsText);
    } else {
      if (spec.kind === "matrix") out.multiple = spec.multiple;
      out.otherValue = null;
      out.commentArea = !!q.showCommentArea;
    }
    if (spec.kind === "text") out.numeric = spec.numeric;
    return out;
  });
}

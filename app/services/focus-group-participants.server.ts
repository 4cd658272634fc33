/**
 * The participants page: pseudonymous participants with attributes, consent and how much they
 * said, the registry's territories to choose from, and the add form read into the shape
 * addParticipant validates. Identities (names, contacts) are written by addParticipant and read
 * by nothing here.
 */
import { listTerritories } from "../../db/queries/territories";
import { studyParticipantRows } from "../../db/queries/focus-group-study";
import { participantTurnCounts } from "../../db/queries/focus-group-workspace";
import { getStudy } from "../../db/queries/surveys";
import { parseAttributeLines } from "../domain/focus-groups";
import type { AppContext } from "./context.server";

export async function participantsPage(ctx: Pick<AppContext, "db">, studyId: number) {
  const study = await getStudy(ctx.db, studyId);
  if (!study) return null;
  const [participants, territories, turns] = await Promise.all([studyParticipantRows(ctx.db, studyId), listTerritories(ctx.db), participantTurnCounts(ctx.db, studyId)]);
  const turnsOf = new Map(turns.map((r) => [r.participant_id, Number(r.n)]));
  const attributeKeys = [...new Set(participants.flatMap((p) => Object.keys(p.attributes as Record<string, string>)))].sort((a, b) => a.localeCompare(b, "ru"));
  return {
    study: { id: study.id, title: study.title },
    participants: participants.map((p) => ({ ...p, turns: turnsOf.get(p.id) ?? 0 })),
    territories: territories.filter((t) => t.kind !== "region").map((t) => ({ id: t.id, name: t.name_ru })),
    attributeKeys,
  };
}

/** The add form's fields as addParticipant's input; free lines that cannot be read are field errors. */
export function participantInput(form: FormData): { ok: true; value: Record<string, unknown> & { code: string } } | { ok: false; errors: Record<string, string> } {
  const text = (name: string) => String(form.get(name) ?? "");
  const attributes = parseAttributeLines(text("attributes"));
  const screener = parseAttributeLines(text("screener"));
  const errors: Record<string, string> = {};
  if (!attributes.ok) errors.attributes = `line ${attributes.line}: write "name: value"`;
  if (!screener.ok) errors.screener = `line ${screener.line}: write "question: answer"`;
  if (!attributes.ok || !screener.ok) return { ok: false, errors };
  const checked = (name: string) => form.get(name) === "on" || form.get(name) === "true";
  return {
    ok: true,
    value: {
      code: text("code").trim(),
      sex: text("sex"),
      ageBand: text("ageBand"),
      territoryId: text("territoryId") || undefined,
      occupation: text("occupation"),
      attributes: attributes.values,
      screener: screener.values,
      consent: { formVersion: text("consentFormVersion"), givenOn: text("consentGivenOn"), recording: checked("consentRecording"), quoting: checked("consentQuoting"), sharing: checked("consentSharing") },
      identity: { name: text("identityName"), contact: text("identityContact") },
    },
  };
}

/**
 * Seeds the demo region's focus-group study (db/seed/demo-focus-groups.ts) through the same
 * services a sociologist's clicks go through, so the demo holds nothing the app could not have
 * made itself: the study, its guide, participants with consent, two held sessions with imported
 * transcripts, the codebook and two coders' codings.
 */
import { sessionTurns } from "../../db/queries/focus-groups";
import {
  DEMO_FG_CODEBOOK,
  DEMO_FG_CODINGS,
  DEMO_FG_GUIDE,
  DEMO_FG_PARTICIPANTS,
  DEMO_FG_SESSIONS,
  DEMO_FG_STUDY,
  demoTranscriptBytes,
  type DemoFgCoding,
  type DemoFgSessionKey,
} from "../../db/seed/demo-focus-groups";
import { MODERATOR } from "../domain/focus-groups";
import type { AppContext } from "./context.server";
import { addCode, addParticipant, codeSpan, createSession, importSessionTranscript, saveGuide } from "./focus-groups.server";
import { territories } from "./registry.server";
import { createStudy, studies } from "./surveys.server";

export interface DemoFocusGroupsResult {
  studyId: number;
  /** false when the study was already there (a second seed leaves it alone) */
  created: boolean;
}

type Turn = { id: number; text: string };

/** The span of `phrase` in the one turn of the session that contains it. */
export function locatePhrase(turns: readonly Turn[], phrase: string, where: string): { turnId: number; start: number; end: number } {
  const hits = turns.filter((t) => t.text.includes(phrase));
  if (hits.length === 0) throw new Error(`demo focus groups: the phrase «${phrase}» is not in the ${where} transcript`);
  if (hits.length > 1) throw new Error(`demo focus groups: the phrase «${phrase}» is in ${hits.length} turns of the ${where} transcript; make it unique`);
  const turn = hits[0]!;
  const start = turn.text.indexOf(phrase);
  return { turnId: turn.id, start, end: start + phrase.length };
}

function must<T>(what: string, outcome: { ok: true; value: T } | { ok: false; errors: unknown }): T {
  if (!outcome.ok) throw new Error(`demo focus groups: ${what} refused: ${JSON.stringify(outcome.errors)}`);
  return outcome.value;
}

export async function seedDemoFocusGroups(ctx: AppContext, users: { lead: number; second: number }): Promise<DemoFocusGroupsResult> {
  const existing = (await studies(ctx)).find((s) => s.title === DEMO_FG_STUDY.title);
  if (existing) return { studyId: existing.id, created: false };

  const studyId = must("study", await createStudy(ctx, { ...DEMO_FG_STUDY }, users.lead));
  const guide = must("guide", await saveGuide(ctx, studyId, DEMO_FG_GUIDE, users.lead));

  const territoryIds = new Map((await territories(ctx)).map((t) => [t.name_ru, t.id]));
  for (const p of DEMO_FG_PARTICIPANTS) {
    const territoryId = territoryIds.get(p.territory);
    if (territoryId === undefined) throw new Error(`demo focus groups: no territory «${p.territory}» in the registry (participant ${p.code})`);
    const { code, sex, ageBand, occupation, attributes, screener, consent } = p;
    must(`participant ${code}`, await addParticipant(ctx, studyId, { code, sex, ageBand, territoryId, occupation, attributes, screener, consent }, users.lead));
  }

  const turnsBySession = new Map<DemoFgSessionKey, Turn[]>();
  for (const s of DEMO_FG_SESSIONS) {
    const sessionId = must(
      `session ${s.key}`,
      await createSession(
        ctx,
        studyId,
        { title: s.title, heldAt: s.heldAt, mode: s.mode, place: s.place, moderatorId: users.lead, noteTakerId: s.secondTookNotes ? users.second : undefined, guideId: guide.id },
        users.lead,
      ),
    );
    const speakerMap: Record<string, string> = { [s.moderatorLabel]: MODERATOR };
    for (const p of DEMO_FG_PARTICIPANTS) if (p.session === s.key) speakerMap[p.label] = p.code;
    must(`transcript ${s.file}`, await importSessionTranscript(ctx, sessionId, { bytes: demoTranscriptBytes(s.file), fileName: s.file, speakerMap, locale: "ru" }, users.lead));
    turnsBySession.set(s.key, await sessionTurns(ctx.db, sessionId));
  }

  const codeIds = new Map<string, number>();
  for (const c of DEMO_FG_CODEBOOK) {
    const parentId = c.parent === null ? null : codeIds.get(c.parent);
    if (parentId === undefined) throw new Error(`demo focus groups: code «${c.name}» is listed before its parent ${c.parent}`);
    codeIds.set(c.key, await addCode(ctx, studyId, { name: c.name, parentId, definition: c.definition, colour: c.colour }));
  }

  for (const coding of DEMO_FG_CODINGS) {
    for (const coder of ["lead", "second"] as const) {
      if (coding.by !== undefined && coding.by !== coder) continue;
      await applyCoding(ctx, coding, coder, turnsBySession.get(coding.session)!, codeIds.get(coding.code)!, users[coder]);
    }
  }
  return { studyId, created: true };
}

async function applyCoding(ctx: AppContext, coding: DemoFgCoding, coder: "lead" | "second", turns: Turn[], codeId: number, coderId: number) {
  const phrase = coder === "second" ? (coding.secondPhrase ?? coding.phrase) : coding.phrase;
  const span = locatePhrase(turns, phrase, coding.session);
  const quote = coding.quote?.by === coder;
  // the plain memo belongs to the lead, or to whoever alone applied the code
  const memo = quote ? coding.quote!.note : coding.memo !== undefined && (coder === "lead" || coding.by === "second") ? coding.memo : null;
  const id = must(`coding «${phrase}»`, await codeSpan(ctx, { ...span, codeId, quote, memo }, coderId));
  if (id === null) throw new Error(`demo focus groups: the coding «${phrase}» (${coding.code}, ${coder}) is listed twice`);
}

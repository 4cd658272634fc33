/**
 * Focus-group records on a real database: a session with a versioned guide, participants with
 * consent (a name kept only in the restricted identities table), a WebVTT transcript imported
 * with its speakers mapped, a Windows-1251 plain transcript, refusals that store nothing (unknown
 * speaker, a code that is not a participant, a coded transcript), codings checked against the
 * text, and a withdrawal that takes the participant's turns and codings with them.
 */
import { createStudy } from "../../app/services/surveys.server";
import { addCode, addParticipant, codeSpan, createSession, importSessionTranscript, saveGuide, withdrawParticipant } from "../../app/services/focus-groups.server";
import type { AppContext } from "../../app/services/context.server";
import { encodeWindows1251, fixtureBytes } from "../fixtures/focus-groups/load";
import type { TestDatabase } from "../helpers/postgres";
import { createServiceWorld, insertTestUser } from "../helpers/service-context";

describe("focus-group records", () => {
  let t: TestDatabase;
  let ctx: AppContext;
  let close: () => Promise<void>;
  let studyId: number;
  let userId: number;

  beforeAll(async () => {
    ({ t, ctx, close } = await createServiceWorld("focus"));
    const study = await createStudy(ctx, { title: "Доверие к госпабликам", kind: "qualitative" }, null);
    if (!study.ok) throw new Error("study");
    studyId = study.value;
    userId = await insertTestUser({ t }, "soc@test.local", "Социолог");
  });
  afterAll(async () => close?.());

  const consent = { formVersion: "v2-2026", givenOn: "2026-03-14", recording: true, quoting: true, sharing: false };
  const count = async (table: "fg_turns" | "fg_participants" | "fg_codings" | "fg_consents" | "fg_participant_identities" | "fg_transcripts") =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  let sessionId: number;

  it("creates a session with a guide and participants with consent, names kept apart", async () => {
    const guide = await saveGuide(ctx, studyId, { title: "Гайд", sections: [{ title: "Знакомство", questions: ["Как вы узнаёте новости района?"] }] }, userId);
    expect(guide).toEqual({ ok: true, value: { id: expect.any(Number), version: 1 } });
    expect((await saveGuide(ctx, studyId, { title: "Гайд", sections: [{ title: "Знакомство", questions: ["Откуда новости?"] }] }, userId)).ok).toBe(true);
    const session = await createSession(ctx, studyId, { title: "Якутск, группа 2", mode: "online", heldAt: "2026-03-14T10:00:00+09:00", guideId: String((guide as { value: { id: number } }).value.id) }, userId);
    if (!session.ok) throw new Error(JSON.stringify(session.errors));
    sessionId = session.value;
    for (const code of ["P01", "P02"]) {
      const added = await addParticipant(ctx, studyId, { code, sex: "female", ageBand: "30-44", occupation: "учитель", consent, identity: code === "P01" ? { name: "Ирина Петрова", contact: "+7 914 000-00-00" } : undefined }, userId);
      expect(added.ok).toBe(true);
    }
    expect(await addParticipant(ctx, studyId, { code: "P01", consent }, userId)).toMatchObject({ ok: false, status: 400, errors: { code: expect.any(String) } });
    expect(await addParticipant(ctx, studyId, { code: "bad code!", consent: { ...consent, givenOn: "14.03.2026" } }, userId)).toMatchObject({ ok: false, status: 400, errors: { code: expect.any(String), "consent.givenOn": "YYYY-MM-DD" } });
    expect(await count("fg_participants")).toBe(2);
    expect(await count("fg_consents")).toBe(2);
    expect(await count("fg_participant_identities")).toBe(1);
    // the audit log names the pseudonym, never the name
    const audit = await t.db.selectFrom("audit_log").select("details").where("action", "=", "focus-group.participant.add").execute();
    expect(JSON.stringify(audit)).not.toContain("Ирина");
  });

  it("refuses a transcript with an unknown speaker or a code that is no participant, storing nothing", async () => {
    const bytes = fixtureBytes("fg-yakutsk-teams.vtt");
    const unmapped = await importSessionTranscript(ctx, sessionId, { bytes, fileName: "fg.vtt", speakerMap: { Модератор: "moderator", Ирина: "P01" }, locale: "ru" }, userId);
    expect(unmapped.ok).toBe(false);
    expect(JSON.stringify(unmapped)).toContain("Сергей");
    const noSuch = await importSessionTranscript(ctx, sessionId, { bytes, speakerMap: { Модератор: "moderator", Ирина: "P01", Сергей: "P09" }, locale: "ru" }, userId);
    expect(noSuch).toEqual({ ok: false, status: 400, errors: ["«Сергей»: нет участника с кодом P09"] });
    expect(await count("fg_turns")).toBe(0);
    expect(await count("fg_transcripts")).toBe(0);
  });

  it("imports a WebVTT transcript with timestamps and mapped speakers, then codes spans of it", async () => {
    const imported = await importSessionTranscript(ctx, sessionId, { bytes: fixtureBytes("fg-yakutsk-teams.vtt"), fileName: "fg.vtt", speakerMap: { Модератор: "moderator", Ирина: "P01", Сергей: "P02" }, locale: "ru" }, userId);
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(imported.value).toMatchObject({ format: "vtt", encoding: "utf-8" });
    const turns = await t.db.selectFrom("fg_turns").selectAll().where("session_id", "=", sessionId).orderBy("idx").execute();
    expect(turns.length).toBe(imported.value.turns);
    expect(turns.every((x) => x.start_ms !== null)).toBe(true);
    expect(new Set(turns.map((x) => x.speaker_kind))).toEqual(new Set(["moderator", "participant"]));
    const session = await t.db.selectFrom("fg_sessions").select("status").where("id", "=", sessionId).executeTakeFirstOrThrow();
    expect(session.status).toBe("transcribed");
    const code = await addCode(ctx, studyId, { name: "Доверие" });
    const turn = turns.find((x) => x.speaker_kind === "participant")!;
    expect((await codeSpan(ctx, { turnId: turn.id, codeId: code, start: 0, end: 5, quote: true }, userId)).ok).toBe(true);
    expect(await codeSpan(ctx, { turnId: turn.id, codeId: code, start: 0, end: turn.text.length + 1 }, userId)).toMatchObject({ ok: false, status: 400, errors: { end: expect.any(String) } });
    expect(await codeSpan(ctx, { turnId: 999_999, codeId: code, start: 0, end: 1 }, userId)).toMatchObject({ ok: false, status: 404 });
    // a coded transcript is not replaced underneath its codings
    const again = await importSessionTranscript(ctx, sessionId, { bytes: fixtureBytes("fg-yakutsk-teams.vtt"), speakerMap: { Модератор: "moderator", Ирина: "P01", Сергей: "P02" }, locale: "en" }, userId);
    expect(again).toEqual({ ok: false, status: 409, errors: ["The transcript is already coded: delete its codings first."] });
    expect(await count("fg_codings")).toBe(1);
  });

  it("reads a Windows-1251 plain transcript", async () => {
    const other = await createSession(ctx, studyId, { title: "Нюрба", mode: "in_person", place: "Нюрба, библиотека" }, userId);
    if (!other.ok) throw new Error("session");
    await addParticipant(ctx, studyId, { code: "P03", consent }, userId);
    const text = "Модератор: Кто подписан на страницу района?\nP03: Я подписан, читаю про паводок.\nМодератор: Спасибо.\n";
    const imported = await importSessionTranscript(ctx, other.value, { bytes: encodeWindows1251(text), fileName: "nyurba.txt", speakerMap: { Модератор: "moderator", P03: "P03" }, locale: "ru" }, userId);
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(imported.value).toMatchObject({ format: "plain", encoding: "windows-1251", turns: 3 });
    const said = await t.db.selectFrom("fg_turns").select("text").where("session_id", "=", other.value).orderBy("idx").execute();
    expect(said[1]!.text).toBe("Я подписан, читаю про паводок.");
  });

  it("withdraws a participant with their turns, codings, consent and name", async () => {
    const p01 = await t.db.selectFrom("fg_participants").select("id").where("code", "=", "P01").executeTakeFirstOrThrow();
    const before = await count("fg_turns");
    const theirs = Number((await t.db.selectFrom("fg_turns").select((eb) => eb.fn.countAll<number>().as("n")).where("participant_id", "=", p01.id).executeTakeFirstOrThrow()).n);
    expect(theirs).toBeGreaterThan(0);
    expect(await withdrawParticipant(ctx, studyId + 1000, p01.id, userId)).toMatchObject({ ok: false, status: 404 });
    expect(await withdrawParticipant(ctx, studyId, p01.id, userId)).toEqual({ ok: true, value: { code: "P01" } });
    expect(await count("fg_turns")).toBe(before - theirs);
    expect(await count("fg_participant_identities")).toBe(0);
    expect(await t.db.selectFrom("fg_consents").select("id").where("participant_id", "=", p01.id).execute()).toEqual([]);
    expect(await withdrawParticipant(ctx, studyId, p01.id, userId)).toMatchObject({ ok: false, status: 404 });
  });
});

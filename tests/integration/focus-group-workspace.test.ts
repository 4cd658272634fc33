/**
 * The focus-group workspace on a real database: session edits with status rules, file references,
 * memos kept to their study, codes applied by two coders separately (each removes only their own),
 * a turn corrected with its codings following their words (or refused when coded words go), and
 * codebook edits: duplicate names and cycles refused, a merge that collapses identical codings
 * and keeps both memos, a code in use that cannot be deleted.
 */
import { createStudy } from "../../app/services/surveys.server";
import { addParticipant, createSession, importSessionTranscript, updateParticipant } from "../../app/services/focus-groups.server";
import { addMemo, addSessionFile, deleteMemo, removeSessionFile, sessionWorkspace, updateSession } from "../../app/services/focus-group-sessions.server";
import { applyCodes, codingWorkspace, editTurn, removeCoding, updateCoding } from "../../app/services/focus-group-coding.server";
import { codebookPage, createCode, deleteCode, editCode, mergeCode, moveCode } from "../../app/services/focus-group-codebook.server";
import type { AppContext } from "../../app/services/context.server";
import type { TestDatabase } from "../helpers/postgres";
import { createServiceWorld, insertTestUser } from "../helpers/service-context";

const TRANSCRIPT = [
  "Модератор: Откуда вы узнаёте новости района?",
  "Анна: Из телеграм-канала администрации, но на комментарии там не отвечают.",
  "Борис: Я читаю страницу во ВКонтакте. Писал про яму на Ленина — ответа нет.",
  "Модератор: Спасибо.",
].join("\n");

describe("focus-group workspace", () => {
  let t: TestDatabase;
  let ctx: AppContext;
  let close: () => Promise<void>;
  let studyId: number;
  let otherStudyId: number;
  let sessionId: number;
  let lead: { id: number; role: string };
  let second: { id: number; role: string };
  const code: Record<string, number> = {};

  const user = async (email: string) => ({ id: await insertTestUser({ t }, email), role: "sociologist" });
  const turns = () => t.db.selectFrom("fg_turns").select(["id", "idx", "text", "speaker_kind", "participant_id"]).where("session_id", "=", sessionId).orderBy("idx").execute();
  const status = async () => (await t.db.selectFrom("fg_sessions").select("status").where("id", "=", sessionId).executeTakeFirstOrThrow()).status;

  beforeAll(async () => {
    ({ t, ctx, close } = await createServiceWorld("fgworkspace"));
    const study = await createStudy(ctx, { title: "Госпаблики глазами жителей", kind: "qualitative" }, null);
    const other = await createStudy(ctx, { title: "Другое исследование", kind: "qualitative" }, null);
    if (!study.ok || !other.ok) throw new Error("study");
    studyId = study.value;
    otherStudyId = other.value;
    lead = await user("lead@test.local");
    second = await user("second@test.local");
    const consent = { formVersion: "v1", givenOn: "2026-10-01", recording: true, quoting: true, sharing: false };
    for (const c of ["P01", "P02"]) expect((await addParticipant(ctx, studyId, { code: c, consent }, lead.id)).ok).toBe(true);
    const session = await createSession(ctx, studyId, { title: "Благовещенск", mode: "in_person" }, lead.id);
    if (!session.ok) throw new Error("session");
    sessionId = session.value;
  });
  afterAll(async () => close?.());

  it("edits a session, refusing a transcribed status without a transcript, and keeps file references", async () => {
    expect(await updateSession(ctx, sessionId, { title: "Благовещенск, группа 1", mode: "in_person", status: "transcribed" }, lead.id)).toEqual({ ok: false, status: 400, errors: { status: "status.noTranscript" } });
    expect(await updateSession(ctx, sessionId, { title: "Благовещенск, группа 1", mode: "in_person", status: "held", place: "ЦУР, зал 2", heldAt: "2026-10-08T09:30:00.000Z", moderatorId: String(lead.id) }, lead.id)).toEqual({ ok: true, value: null });
    expect(await updateSession(ctx, sessionId, { title: "", mode: "sometimes", status: "held" }, lead.id)).toMatchObject({ ok: false, status: 400, errors: { title: expect.any(String), mode: expect.any(String) } });
    const file = await addSessionFile(ctx, sessionId, { kind: "recording", reference: "archive://2026/fg-01.mp3", note: "" });
    expect(file.ok).toBe(true);
    expect(await addSessionFile(ctx, sessionId, { kind: "video", reference: "" })).toMatchObject({ ok: false, status: 400 });
    const ws = await sessionWorkspace(ctx, sessionId);
    expect(ws?.session).toMatchObject({ title: "Благовещенск, группа 1", status: "held", place: "ЦУР, зал 2", moderator_id: lead.id });
    expect(ws?.session.held_at?.toISOString()).toBe("2026-10-08T09:30:00.000Z");
    expect(ws?.files).toEqual([{ id: expect.any(Number), kind: "recording", reference: "archive://2026/fg-01.mp3", note: null }]);
    if (file.ok) expect(await removeSessionFile(ctx, sessionId + 1000, file.value)).toMatchObject({ ok: false, status: 404 });
  });

  it("corrects a participant's attributes and narrows their consent, keeping the code", async () => {
    const p02 = await t.db.selectFrom("fg_participants").select("id").where("study_id", "=", studyId).where("code", "=", "P02").executeTakeFirstOrThrow();
    const changed = await updateParticipant(ctx, studyId, p02.id, { sex: "male", ageBand: "45-59", occupation: "водитель", attributes: { Соцсети: "редко" }, screener: {}, consent: { formVersion: "v1", givenOn: "2026-10-01", recording: true, quoting: false, sharing: false } }, lead.id);
    expect(changed).toEqual({ ok: true, value: null });
    const row = await t.db.selectFrom("fg_participants as p").innerJoin("fg_consents as c", "c.participant_id", "p.id").select(["p.code", "p.sex", "p.age_band", "p.attributes", "c.quoting"]).where("p.id", "=", p02.id).execute();
    expect(row).toEqual([{ code: "P02", sex: "male", age_band: "45-59", attributes: { Соцсети: "редко" }, quoting: false }]);
    expect(await updateParticipant(ctx, otherStudyId, p02.id, { consent: { formVersion: "v1", givenOn: "2026-10-01", recording: true, quoting: true, sharing: false } }, lead.id)).toMatchObject({ ok: false, status: 404 });
    expect(await updateParticipant(ctx, studyId, p02.id, { consent: { formVersion: "", givenOn: "01.10.2026", recording: true, quoting: true, sharing: false } }, lead.id)).toMatchObject({ ok: false, status: 400, errors: { "consent.formVersion": expect.any(String), "consent.givenOn": "YYYY-MM-DD" } });
  });

  it("keeps memos to their own study and lets only the author delete one", async () => {
    const memo = await addMemo(ctx, studyId, { targetKind: "session", targetId: sessionId, text: "Зал был шумным" }, lead.id);
    expect(memo.ok).toBe(true);
    expect(await addMemo(ctx, otherStudyId, { targetKind: "session", targetId: sessionId, text: "x" }, lead.id)).toMatchObject({ ok: false, status: 404 });
    if (!memo.ok) return;
    expect(await deleteMemo(ctx, studyId, memo.value, second)).toMatchObject({ ok: false, status: 404 });
    expect(await deleteMemo(ctx, studyId, memo.value, lead)).toEqual({ ok: true, value: null });
  });

  it("builds a codebook, refusing duplicate sibling names and cycles", async () => {
    for (const [name, parent] of [["Обратная связь", null], ["Нет ответа", "Обратная связь"], ["Каналы", null], ["Telegram", "Каналы"], ["ВКонтакте", "Каналы"]] as const) {
      const made = await createCode(ctx, studyId, { name, parentId: parent ? String(code[parent]) : "", definition: `Когда говорят про ${name}`, colour: "#aa3300" }, lead.id, "ru");
      if (!made.ok) throw new Error(JSON.stringify(made.errors));
      code[name] = made.value;
    }
    const dup = await createCode(ctx, studyId, { name: "  telegram ", parentId: String(code["Каналы"]) }, lead.id, "en");
    expect(dup).toMatchObject({ ok: false, status: 400, errors: { name: expect.stringContaining("already exists") } });
    expect(await createCode(ctx, studyId, { name: "Ок", colour: "red" }, lead.id, "ru")).toMatchObject({ ok: false, status: 400, errors: { colour: expect.any(String) } });
    expect(await moveCode(ctx, studyId, { codeId: code["Каналы"], parentId: code["Telegram"] }, lead.id, "en")).toMatchObject({ ok: false, status: 400, errors: { parentId: expect.any(String) } });
    expect(await editCode(ctx, studyId, { codeId: code["ВКонтакте"], name: "VK", definition: "Страница во ВКонтакте", colour: "#0077ff" }, lead.id, "ru")).toEqual({ ok: true, value: null });
    const page = await codebookPage(ctx, studyId);
    expect(page?.codebook.codes.find((c) => c.id === String(code["ВКонтакте"]))).toMatchObject({ name: "VK", definition: "Страница во ВКонтакте", color: "#0077FF", parentId: String(code["Каналы"]) });
  });

  it("imports the transcript; two coders code it separately, each changing only their own codings", async () => {
    const imported = await importSessionTranscript(ctx, sessionId, { bytes: new TextEncoder().encode(TRANSCRIPT), fileName: "g1.txt", speakerMap: { Модератор: "moderator", Анна: "P01", Борис: "P02" }, locale: "ru" }, lead.id);
    expect(imported.ok).toBe(true);
    expect(await status()).toBe("transcribed");
    const [, anna, boris] = await turns();
    const span = (text: string, phrase: string) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });
    const a1 = await applyCodes(ctx, sessionId, { turnId: anna!.id, codeIds: [code["Telegram"], code["Нет ответа"]], ...span(anna!.text, "на комментарии там не отвечают"), quote: true, memo: "ключевая жалоба" }, lead.id);
    expect(a1).toEqual({ ok: true, value: { added: 2, already: 0 } });
    expect(await status()).toBe("coded");
    expect(await applyCodes(ctx, sessionId, { turnId: boris!.id, codeIds: [code["Нет ответа"]], ...span(boris!.text, "ответа нет") }, lead.id)).toMatchObject({ ok: true });
    expect(await applyCodes(ctx, sessionId, { turnId: boris!.id, codeIds: [code["Нет ответа"]], ...span(boris!.text, "Писал про яму на Ленина — ответа нет") }, second.id)).toMatchObject({ ok: true });
    // a repeat is counted, not duplicated; a span past the text, a foreign code and no code are refused
    expect(await applyCodes(ctx, sessionId, { turnId: boris!.id, codeIds: [code["Нет ответа"]], ...span(boris!.text, "ответа нет") }, lead.id)).toEqual({ ok: true, value: { added: 0, already: 1 } });
    expect(await applyCodes(ctx, sessionId, { turnId: boris!.id, codeIds: [code["Нет ответа"]], start: 0, end: boris!.text.length + 1 }, lead.id)).toMatchObject({ ok: false, status: 400, errors: { end: expect.any(String) } });
    const foreign = await createCode(ctx, otherStudyId, { name: "Чужой" }, lead.id, "ru");
    if (!foreign.ok) throw new Error("foreign");
    expect(await applyCodes(ctx, sessionId, { turnId: boris!.id, codeIds: [foreign.value], start: 0, end: 3 }, lead.id)).toMatchObject({ ok: false, status: 400, errors: { codeIds: expect.any(String) } });
    expect(await applyCodes(ctx, sessionId, { turnId: boris!.id, codeIds: [], start: 0, end: 3 }, lead.id)).toMatchObject({ ok: false, status: 400 });
    expect(await applyCodes(ctx, sessionId + 999, { turnId: boris!.id, codeIds: [code["Нет ответа"]], start: 0, end: 3 }, lead.id)).toMatchObject({ ok: false, status: 404 });

    const mine = await codingWorkspace(ctx, sessionId, lead.id, { coder: lead.id });
    const theirs = await codingWorkspace(ctx, sessionId, lead.id, { coder: second.id });
    expect(mine?.editable).toBe(true);
    expect(theirs?.editable).toBe(false);
    expect(mine?.codings).toHaveLength(3);
    expect(theirs?.codings).toHaveLength(1);
    expect(mine?.coders.map((c) => c.codings).sort()).toEqual([1, 3]);
    const secondsCoding = theirs!.codings[0]!;
    expect(await removeCoding(ctx, sessionId, secondsCoding.id, lead)).toMatchObject({ ok: false, status: 403 });
    expect(await updateCoding(ctx, sessionId, secondsCoding.id, { quote: true }, lead)).toMatchObject({ ok: false, status: 403 });
    expect(await updateCoding(ctx, sessionId, secondsCoding.id, { quote: true, memo: "сильная цитата" }, second)).toEqual({ ok: true, value: null });
    expect((await codingWorkspace(ctx, sessionId, second.id, { coder: second.id }))?.codings[0]).toMatchObject({ quote: true, memo: "сильная цитата" });
  });

  it("corrects a turn: codings follow their words; deleting coded words is refused", async () => {
    const boris = (await turns())[2]!;
    const fixed = boris.text.replace("Я читаю", "Я давно читаю");
    expect(await editTurn(ctx, sessionId, boris.id, { text: fixed, speaker: "" }, lead.id)).toEqual({ ok: true, value: { moved: 2 } });
    const after = await t.db.selectFrom("fg_codings").select(["start_offset", "end_offset"]).where("turn_id", "=", boris.id).execute();
    for (const c of after) expect(["ответа нет", "Писал про яму на Ленина — ответа нет"]).toContain(fixed.slice(c.start_offset, c.end_offset));
    const cut = fixed.replace(" — ответа нет", ".");
    const refused = await editTurn(ctx, sessionId, boris.id, { text: cut }, lead.id);
    expect(refused).toMatchObject({ ok: false, status: 409, errors: { text: expect.stringContaining("«ответа нет»") } });
    expect((await turns())[2]!.text).toBe(fixed);
    // a mis-mapped speaker is corrected; an unknown code is refused
    expect(await editTurn(ctx, sessionId, boris.id, { text: fixed, speaker: "P09" }, lead.id)).toMatchObject({ ok: false, status: 400, errors: { speaker: expect.any(String) } });
    expect(await editTurn(ctx, sessionId, boris.id, { text: fixed, speaker: "moderator" }, lead.id)).toMatchObject({ ok: true });
    expect((await turns())[2]).toMatchObject({ speaker_kind: "moderator", participant_id: null });
    expect(await editTurn(ctx, sessionId, boris.id, { text: fixed, speaker: "P02" }, lead.id)).toMatchObject({ ok: true });
  });

  it("merges a code into another: identical codings collapse with both memos, subcodes move", async () => {
    const anna = (await turns())[1]!;
    const phrase = "на комментарии там не отвечают";
    const start = anna.text.indexOf(phrase);
    // the lead coder coded this span with both Telegram and Нет ответа: merging Telegram into Нет ответа leaves one coding
    await t.db.updateTable("fg_codings").set({ memo: "про Telegram" }).where("code_id", "=", code["Telegram"]!).execute();
    const merged = await mergeCode(ctx, studyId, { codeId: code["Telegram"], intoId: code["Нет ответа"] }, lead.id, "ru");
    expect(merged).toEqual({ ok: true, value: { collapsed: 1 } });
    const left = await t.db.selectFrom("fg_codings").select(["code_id", "memo", "quote"]).where("turn_id", "=", anna.id).where("start_offset", "=", start).execute();
    expect(left).toEqual([{ code_id: code["Нет ответа"], memo: "ключевая жалоба\n\nпро Telegram", quote: true }]);
    expect(await t.db.selectFrom("fg_codes").select("id").where("id", "=", code["Telegram"]!).execute()).toEqual([]);
    // merging into one's own subcode is refused
    expect(await mergeCode(ctx, studyId, { codeId: code["Обратная связь"], intoId: code["Нет ответа"] }, lead.id, "ru")).toMatchObject({ ok: false, status: 400 });
    // a code in use cannot be deleted; an unused one can
    expect(await deleteCode(ctx, studyId, code["Нет ответа"]!, lead.id)).toMatchObject({ ok: false, status: 409 });
    expect(await deleteCode(ctx, studyId, code["ВКонтакте"]!, lead.id)).toEqual({ ok: true, value: null });
  });

  it("removing the last coding takes the session back to transcribed", async () => {
    for (const coder of [lead, second]) {
      const ws = await codingWorkspace(ctx, sessionId, coder.id, { coder: coder.id });
      for (const c of ws!.codings) expect(await removeCoding(ctx, sessionId, c.id, coder)).toEqual({ ok: true, value: null });
    }
    expect(await status()).toBe("transcribed");
  });
});

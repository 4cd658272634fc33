/**
 * The demo region's focus-group study on a real database: two held sessions whose shipped
 * transcripts import with every speaker mapped, participants with attributes and consent, a
 * two-level codebook, and two coders whose codings lie inside their turns, quote only those who
 * agreed to be quoted, and agree as real coders do (κ clearly above chance, clearly below 1).
 */
import { coderAgreement, type AgreementSegment } from "../../app/domain/focus-groups/agreement";
import { AGE_BANDS } from "../../app/domain/survey/designer/blocks";
import type { AppContext } from "../../app/services/context.server";
import { locatePhrase, seedDemoFocusGroups } from "../../app/services/demo-focus-groups.server";
import { importRegistry } from "../../app/services/registry-import.server";
import { DEMO_FG_CODEBOOK, DEMO_FG_CODINGS, DEMO_FG_PARTICIPANTS, DEMO_FG_STUDY } from "../../db/seed/demo-focus-groups";
import { demoRegionFiles } from "../../db/seed/demo-region";
import type { TestDatabase } from "../helpers/postgres";
import { createServiceWorld, insertTestUser } from "../helpers/service-context";

describe("the demo focus-group study", () => {
  let t: TestDatabase;
  let ctx: AppContext;
  let close: () => Promise<void>;
  let lead: number;
  let second: number;
  let studyId: number;

  beforeAll(async () => {
    ({ t, ctx, close } = await createServiceWorld("demo_fg"));
    // participants' territories and the commissioning ministry come from the demo registry
    const registry = await importRegistry(t.db, demoRegionFiles(), null);
    expect(registry.status).toBe("succeeded");
    const user = (email: string) => insertTestUser({ t }, email);
    lead = await user("lead@test.local");
    second = await user("second@test.local");
    const seeded = await seedDemoFocusGroups(ctx, { lead, second });
    expect(seeded.created).toBe(true);
    studyId = seeded.studyId;
  });
  afterAll(async () => close?.());

  const sessions = () => t.db.selectFrom("fg_sessions").selectAll().where("study_id", "=", studyId).orderBy("held_at").execute();
  const turnsOf = (sessionIds: number[]) =>
    t.db
      .selectFrom("fg_turns as t")
      .leftJoin("fg_participants as p", "p.id", "t.participant_id")
      .select(["t.id", "t.session_id", "t.idx", "t.speaker_kind", "t.text", "t.start_ms", "p.code"])
      .where("t.session_id", "in", sessionIds)
      .orderBy("t.session_id")
      .orderBy("t.idx")
      .execute();
  const codings = () =>
    t.db
      .selectFrom("fg_codings as c")
      .innerJoin("fg_turns as t", "t.id", "c.turn_id")
      .innerJoin("fg_codes as k", "k.id", "c.code_id")
      .leftJoin("fg_participants as p", "p.id", "t.participant_id")
      .select(["c.id", "c.coder_id", "c.code_id", "c.start_offset", "c.end_offset", "c.quote", "c.memo", "t.id as turn_id", "t.session_id", "t.text", "t.speaker_kind", "p.code as participant_code", "k.name as code_name"])
      .where("k.study_id", "=", studyId)
      .execute();

  it("is a qualitative study with a guide and two held sessions, both transcribed", async () => {
    const study = await t.db.selectFrom("studies").select(["title", "kind", "commissioning_organisation_id"]).where("id", "=", studyId).executeTakeFirstOrThrow();
    expect(study).toMatchObject({ title: DEMO_FG_STUDY.title, kind: "qualitative", commissioning_organisation_id: expect.any(Number) });
    const guides = await t.db.selectFrom("fg_guides").select(["id", "version", "sections"]).where("study_id", "=", studyId).execute();
    expect(guides).toHaveLength(1);
    const sections = guides[0]!.sections;
    expect(sections.length).toBeGreaterThanOrEqual(4);
    for (const s of sections) expect(s.questions.length).toBeGreaterThanOrEqual(3);
    const rows = await sessions();
    expect(rows.map((s) => s.mode)).toEqual(["in_person", "online"]);
    for (const s of rows) {
      expect(["transcribed", "coded"]).toContain(s.status);
      expect(s.held_at!.toISOString() >= "2026-09-01" && s.held_at!.toISOString() < "2026-12-01").toBe(true);
      expect(s).toMatchObject({ moderator_id: lead, guide_id: guides[0]!.id, place: expect.any(String) });
    }
    const transcripts = await t.db.selectFrom("fg_transcripts").select(["session_id", "format"]).where("session_id", "in", rows.map((s) => s.id)).orderBy("session_id").execute();
    expect(transcripts.map((x) => x.format)).toEqual(["vtt", "plain"]);
  });

  it("has every speaker mapped, every participant speaking, and attributes and consent for all", async () => {
    const rows = await sessions();
    const turns = await turnsOf(rows.map((s) => s.id));
    expect(rows.map((s) => turns.filter((x) => x.session_id === s.id).length)).toEqual([54, 57]);
    expect(turns.filter((x) => x.speaker_kind === "unmapped")).toEqual([]);
    expect(turns.every((x) => x.start_ms !== null && x.text.trim() !== "")).toBe(true);
    const participants = await t.db
      .selectFrom("fg_participants as p")
      .innerJoin("fg_consents as c", "c.participant_id", "p.id")
      .select(["p.id", "p.code", "p.sex", "p.age_band", "p.territory_id", "p.occupation", "p.attributes", "c.form_version", "c.recording", "c.quoting", "c.sharing"])
      .where("p.study_id", "=", studyId)
      .orderBy("p.code")
      .execute();
    expect(participants.map((p) => p.code)).toEqual(DEMO_FG_PARTICIPANTS.map((p) => p.code));
    expect(new Set(turns.filter((x) => x.speaker_kind === "participant").map((x) => x.code))).toEqual(new Set(participants.map((p) => p.code)));
    for (const p of participants) {
      expect(AGE_BANDS).toContain(p.age_band);
      expect(["female", "male"]).toContain(p.sex);
      expect(p.territory_id).not.toBeNull();
      expect(p.occupation).toBeTruthy();
      expect(Object.keys(p.attributes).length).toBeGreaterThan(0);
      expect(p.recording).toBe(true);
    }
    expect(participants.filter((p) => !p.quoting).map((p) => p.code)).toEqual(["P08"]);
    expect(new Set(participants.map((p) => p.sharing))).toEqual(new Set([true, false]));
    const attended = await t.db.selectFrom("fg_session_participants").select("session_id").where("session_id", "in", rows.map((s) => s.id)).execute();
    expect(attended).toHaveLength(12);
    // no names anywhere but the transcript labels: the seed keeps no identities
    expect(await t.db.selectFrom("fg_participant_identities").select("participant_id").execute()).toEqual([]);
  });

  it("has a two-level codebook with definitions and colours", async () => {
    const codes = await t.db.selectFrom("fg_codes").select(["id", "parent_id", "name", "definition", "colour"]).where("study_id", "=", studyId).execute();
    expect(codes).toHaveLength(DEMO_FG_CODEBOOK.length);
    const top = codes.filter((c) => c.parent_id === null);
    expect(top.map((c) => c.name).sort()).toEqual(["Доверие", "Каналы информации", "Обратная связь", "Цифровое неравенство"]);
    const topIds = new Set(top.map((c) => c.id));
    expect(codes.every((c) => c.parent_id === null || topIds.has(c.parent_id))).toBe(true);
    expect(codes.every((c) => (c.definition ?? "").length > 20 && /^#[0-9a-f]{6}$/.test(c.colour))).toBe(true);
    expect(new Set(codes.map((c) => c.colour)).size).toBe(codes.length);
  });

  it("is coded by two coders on both sessions, with spans inside their turns on the phrases listed", async () => {
    const rows = await codings();
    const phrases = new Set(DEMO_FG_CODINGS.flatMap((c) => [c.phrase, c.secondPhrase ?? c.phrase]));
    for (const coder of [lead, second]) {
      const mine = rows.filter((c) => c.coder_id === coder);
      expect(mine.length).toBeGreaterThanOrEqual(40);
      expect(mine.length).toBeLessThanOrEqual(80);
      expect(new Set(mine.map((c) => c.session_id)).size).toBe(2);
    }
    for (const c of rows) {
      expect(c.start_offset).toBeGreaterThanOrEqual(0);
      expect(c.end_offset).toBeLessThanOrEqual(c.text.length);
      expect(phrases.has(c.text.slice(c.start_offset, c.end_offset))).toBe(true);
      expect(c.speaker_kind).toBe("participant");
    }
  });

  it("flags quotes with a note, only from participants who consented to quotes", async () => {
    const rows = await codings();
    const quotes = rows.filter((c) => c.quote);
    expect(quotes.length).toBeGreaterThanOrEqual(10);
    expect(new Set(quotes.map((q) => q.coder_id))).toEqual(new Set([lead, second]));
    expect(quotes.every((q) => (q.memo ?? "").length > 10)).toBe(true);
    expect(quotes.filter((q) => q.participant_code === "P08")).toEqual([]);
    // the participant who declined quotes is still coded, with a memo saying so
    expect(rows.some((c) => c.participant_code === "P08" && !c.quote && c.memo?.includes("согласия"))).toBe(true);
  });

  it("gives coder agreement clearly above chance and below perfect for the main codes", async () => {
    const rows = await codings();
    const turns = await turnsOf((await sessions()).map((s) => s.id));
    // turns of both sessions pooled: the turn id is a unique unit index across the study
    const segments = (coder: number): AgreementSegment[] =>
      rows.filter((c) => c.coder_id === coder).map((c) => ({ turnIndex: c.turn_id, start: c.start_offset, end: c.end_offset, codeId: c.code_name }));
    const input = { turns: turns.map((x) => ({ index: x.id, text: x.text })), coderA: segments(lead), coderB: segments(second) };
    const byTurn = coderAgreement({ ...input, unit: "turn" });
    const byCharacter = coderAgreement({ ...input, unit: "character" });
    expect(byTurn.ignoredSegments).toBe(0);
    const main = byTurn.codes.filter((c) => c.table.both >= 3);
    expect(main.length).toBeGreaterThanOrEqual(10);
    for (const code of main) {
      expect(code.kappa, code.codeId).not.toBeNull();
      expect(code.kappa!, code.codeId).toBeGreaterThanOrEqual(0.4);
      expect(code.kappa!, code.codeId).toBeLessThanOrEqual(0.95);
      const chars = byCharacter.codes.find((c) => c.codeId === code.codeId)!;
      expect(chars.kappa!, code.codeId).toBeGreaterThanOrEqual(0.4);
      expect(chars.kappa!, code.codeId).toBeLessThanOrEqual(0.95);
    }
    // most codes land in the range a reviewer expects from trained coders
    expect(main.filter((c) => c.kappa! >= 0.6 && c.kappa! <= 0.85).length).toBeGreaterThanOrEqual(Math.ceil(main.length * 0.75));
  });

  it("is seeded once: a second run leaves the study alone", async () => {
    const again = await seedDemoFocusGroups(ctx, { lead, second });
    expect(again).toEqual({ studyId, created: false });
    const studies = await t.db.selectFrom("studies").select("id").where("title", "=", DEMO_FG_STUDY.title).execute();
    expect(studies).toHaveLength(1);
  });

  it("stops with a clear error when a phrase is missing or found in more than one turn", () => {
    const turns = [
      { id: 1, text: "Ноль ответа. Через неделю комментарий пропал." },
      { id: 2, text: "Ответили быстро, и ответ был толковый." },
    ];
    expect(locatePhrase(turns, "комментарий пропал", "test")).toEqual({ turnId: 1, start: 26, end: 44 });
    expect(() => locatePhrase(turns, "такого нет", "test")).toThrow(/«такого нет» is not in the test transcript/);
    expect(() => locatePhrase(turns, "ответ", "test")).toThrow(/in 2 turns/);
  });
});

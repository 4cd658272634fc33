/**
 * Focus-group analysis and the study report on a real database, against figures worked out by
 * hand: a small study with three sessions, three participants (one without consent to quoting),
 * four codes (one a sub-code) and two coders, Анна (U1) and Борис (U2). Then the two pages over
 * HTTP on the production build: a sociologist reads them, a page administrator may not.
 *
 * The material (offsets are [start, end) in the turn's text):
 *   S1 "Якутск, группа 2" (fg-yakutsk-teams.vtt; Ирина's two cues merge into one turn):
 *     t0 moderator · t1 P01 (129 chars) · t2 P02 · t3 moderator · t4 P02
 *   S2 "Нюрба" (plain): n0 moderator "Вопрос про" (10) · n1 P01 "Да, доверяю соседям." (20) · n2 P02 "Не верю им" (10)
 *   S3 "Мирный" (plain): m0 P03 "Верю, когда есть сроки."
 *   Codes: B "Доверие", A "Источники" with A1 "ВКонтакте" under it, C "Сроки" (reading order B, A, A1, C).
 *   Participants: P01 female 30-44 quoting ✓ · P02 male 45-59 quoting ✗ · P03 female quoting ✓.
 *   U1: t1 A1[0,20) quote · t1 B[10,30) · t1 B[89,129) quote · t2 A[0,10) quote · t4 B[0,7) · t4 C[20,30)
 *       n1 B[4,11) · n2 B[0,10) · m0 C[0,4)
 *   U2: t1 A1[0,20) · t1 B[89,129) quote · t2 C[0,10) · t3 B[0,5) · t4 B[0,7) · t4 C[20,30)
 *       n1 B[0,11) · n2 B[3,10)
 */
import { analysisQuerySchema, studyAnalysis, type AgreementView } from "../../app/services/focus-group-analysis.server";
import { addCode, addParticipant, codeSpan, createSession, importSessionTranscript } from "../../app/services/focus-groups.server";
import { studyReport } from "../../app/services/study-report.server";
import { createStudy, createSurvey, publishSurvey } from "../../app/services/surveys.server";
import type { AppContext } from "../../app/services/context.server";
import { fixtureBytes } from "../fixtures/focus-groups/load";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";
import { newSubmissionId } from "../helpers/surveys";

const close = (actual: number | null | undefined, expected: number) => expect(actual).toBeCloseTo(expected, 9);

describe("focus-group analysis and the study report", () => {
  let server: TestServer;
  let ctx: AppContext;
  let studyId: number;
  let emptyStudyId: number;
  const s: Record<"S1" | "S2" | "S3", number> = { S1: 0, S2: 0, S3: 0 };
  const code: Record<"A" | "A1" | "B" | "C", number> = { A: 0, A1: 0, B: 0, C: 0 };
  let u1: number;
  let u2: number;

  const analysis = async (query: Record<string, string> = {}) => {
    const result = await studyAnalysis(ctx, studyId, analysisQuerySchema.parse(query));
    if (!result) throw new Error("study not found");
    return result;
  };

  beforeAll(async () => {
    server = await startTestServer("fganalysis");
    ctx = server.app.ctx;
    const study = await createStudy(ctx, { title: "Доверие к госпабликам", kind: "mixed", starts_on: "2024-03-01", ends_on: "2024-04-30", description: "Смешанное исследование." }, null);
    if (!study.ok) throw new Error(JSON.stringify(study.errors));
    studyId = study.value;
    const empty = await createStudy(ctx, { title: "Пустое исследование", kind: "qualitative" }, null);
    if (!empty.ok) throw new Error("empty study");
    emptyStudyId = empty.value;
    const user = (name: string, email: string) =>
      ctx.db.insertInto("users").values({ email, display_name: name, password_hash: "x", role: "sociologist" }).returning("id").executeTakeFirstOrThrow();
    u1 = (await user("Анна", "anna@test.local")).id;
    u2 = (await user("Борис", "boris@test.local")).id;

    const consent = (quoting: boolean) => ({ formVersion: "v1", givenOn: "2024-03-01", recording: true, quoting, sharing: false });
    for (const p of [
      { code: "P01", sex: "female", ageBand: "30-44", occupation: "учитель", consent: consent(true) },
      { code: "P02", sex: "male", ageBand: "45-59", consent: consent(false) },
      { code: "P03", sex: "female", consent: consent(true) },
    ]) {
      const added = await addParticipant(ctx, studyId, p, u1);
      if (!added.ok) throw new Error(JSON.stringify(added.errors));
    }
    const session = async (title: string, extra: Record<string, string>) => {
      const created = await createSession(ctx, studyId, { title, ...extra }, u1);
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      return created.value;
    };
    s.S1 = await session("Якутск, группа 2", { mode: "online", heldAt: "2024-03-14T10:00:00+09:00" });
    s.S2 = await session("Нюрба", { mode: "in_person", place: "Нюрба, библиотека", heldAt: "2024-03-20T15:00:00+09:00" });
    s.S3 = await session("Мирный", { mode: "in_person", heldAt: "2024-03-25T15:00:00+09:00" });
    const load = async (sessionId: number, bytes: Uint8Array, fileName: string, speakerMap: Record<string, string>) => {
      const imported = await importSessionTranscript(ctx, sessionId, { bytes, fileName, speakerMap, locale: "ru" }, u1);
      if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    };
    const utf8 = (text: string) => new TextEncoder().encode(text);
    await load(s.S1, fixtureBytes("fg-yakutsk-teams.vtt"), "fg.vtt", { Модератор: "moderator", Ирина: "P01", Сергей: "P02" });
    await load(s.S2, utf8("Модератор: Вопрос про\nP01: Да, доверяю соседям.\nP02: Не верю им\n"), "nyurba.txt", { Модератор: "moderator", P01: "P01", P02: "P02" });
    await load(s.S3, utf8("P03: Верю, когда есть сроки.\n"), "mirny.txt", { P03: "P03" });

    code.B = await addCode(ctx, studyId, { name: "Доверие", definition: "Доверие к сообщениям госпабликов" });
    code.A = await addCode(ctx, studyId, { name: "Источники", definition: "Откуда узнают новости" });
    code.A1 = await addCode(ctx, studyId, { name: "ВКонтакте", parentId: code.A });
    code.C = await addCode(ctx, studyId, { name: "Сроки" });

    const turns = await ctx.db.selectFrom("fg_turns").select(["id", "session_id", "idx", "text"]).orderBy("session_id").orderBy("idx").execute();
    const turn = (sessionId: number, idx: number) => turns.find((x) => x.session_id === sessionId && x.idx === idx)!;
    expect(turns.filter((x) => x.session_id === s.S1).length).toBe(5);
    expect(turn(s.S1, 1).text.slice(89, 129)).toBe("Но на комментарии они почти не отвечают.");
    type Span = [session: number, idx: number, codeId: number, start: number, end: number, quote?: boolean];
    const apply = async (coderId: number, spans: Span[]) => {
      for (const [sessionId, idx, codeId, start, end, quote = false] of spans) {
        const done = await codeSpan(ctx, { turnId: turn(sessionId, idx).id, codeId, start, end, quote }, coderId);
        if (!done.ok) throw new Error(JSON.stringify(done.errors));
      }
    };
    await apply(u1, [
      [s.S1, 1, code.A1, 0, 20, true],
      [s.S1, 1, code.B, 10, 30],
      [s.S1, 1, code.B, 89, 129, true],
      [s.S1, 2, code.A, 0, 10, true],
      [s.S1, 4, code.B, 0, 7],
      [s.S1, 4, code.C, 20, 30],
      [s.S2, 1, code.B, 4, 11],
      [s.S2, 2, code.B, 0, 10],
      [s.S3, 0, code.C, 0, 4],
    ]);
    await apply(u2, [
      [s.S1, 1, code.A1, 0, 20],
      [s.S1, 1, code.B, 89, 129, true],
      [s.S1, 2, code.C, 0, 10],
      [s.S1, 3, code.B, 0, 5],
      [s.S1, 4, code.B, 0, 7],
      [s.S1, 4, code.C, 20, 30],
      [s.S2, 1, code.B, 0, 11],
      [s.S2, 2, code.B, 3, 10],
    ]);
  });
  afterAll(async () => server?.stop());

  const ids = () => [code.B, code.A, code.A1, code.C].map(String);

  it("counts code frequencies by session and by a participant attribute", async () => {
    const a = await analysis({ coder: String(u1) });
    expect(a.mixesCoders).toBe(false);
    expect(a.segments).toBe(9);
    const f = a.frequencies;
    expect(f.codes.map((c) => c.path)).toEqual(["Доверие", "Источники", "Источники / ВКонтакте", "Сроки"]);
    expect(f.codes.map((c) => c.id)).toEqual(ids());
    expect(f.bySession.groups.map((g) => g.name)).toEqual(["Якутск, группа 2", "Нюрба", "Мирный"]);
    const cell = (segments: number, turns: number, participants: number) => ({ segments, turns, participants });
    // Доверие: S1 t1 twice + t4 (3 segments, 2 turns, P01 and P02); S2 n1 + n2; S3 none
    expect(f.bySession.cells[0]).toEqual([cell(3, 2, 2), cell(2, 2, 2), cell(0, 0, 0)]);
    // Сроки: S1 t4 (P02); S3 m0 (P03)
    expect(f.bySession.cells[3]).toEqual([cell(1, 1, 1), cell(0, 0, 0), cell(1, 1, 1)]);
    // study-wide: Доверие 5 segments on 4 turns by 2 people; Сроки 2 on 2 by 2 (P02, P03)
    expect(f.bySession.totals).toEqual([cell(5, 4, 2), cell(1, 1, 1), cell(1, 1, 1), cell(2, 2, 2)]);

    // by sex: women P01 and P03 spoke (base 2), the man P02 (base 1)
    const bySex = f.byAttribute;
    expect(bySex.attribute).toBe("sex");
    expect(bySex.groups).toEqual([{ value: "женский", size: 2 }, { value: "мужской", size: 1 }]);
    // Доверие: female = P01's t1 ×2 + n1 (3 segments, 2 turns, 1 person); male = P02's t4 + n2
    // Источники: P02's t2 only; ВКонтакте: P01's t1 only; Сроки: P03's m0 and P02's t4
    expect(bySex.cells).toEqual([
      [cell(3, 2, 1), cell(2, 2, 1)],
      [cell(0, 0, 0), cell(1, 1, 1)],
      [cell(1, 1, 1), cell(0, 0, 0)],
      [cell(1, 1, 1), cell(1, 1, 1)],
    ]);
    expect(bySex.excludedSegments).toBe(0);

    // by age band: P03 has none recorded, so "not recorded" (null) comes last
    const byAge = (await analysis({ coder: String(u1), attribute: "age_band" })).frequencies.byAttribute;
    expect(byAge.groups).toEqual([{ value: "30-44", size: 1 }, { value: "45-59", size: 1 }, { value: null, size: 1 }]);
    expect(byAge.cells[3]).toEqual([cell(0, 0, 0), cell(1, 1, 1), cell(1, 1, 1)]);

    // Борис coded the moderator's t3: a moderator has no attributes, so it is left out and counted
    expect((await analysis({ coder: String(u2) })).frequencies.byAttribute.excludedSegments).toBe(1);
    // one session: only who spoke in Нюрба is the base (P01 and P02)
    const nyurba = await analysis({ coder: String(u1), session: String(s.S2) });
    expect(nyurba.frequencies.bySession.groups.map((g) => g.name)).toEqual(["Нюрба"]);
    expect(nyurba.frequencies.byAttribute.groups).toEqual([{ value: "женский", size: 1 }, { value: "мужской", size: 1 }]);
    // both coders together: flagged, since a passage two coders coded counts twice among segments
    expect((await analysis()).mixesCoders).toBe(true);
  });

  it("builds the co-occurrence matrix for a turn and for overlapping spans", async () => {
    // Анна's codes per turn: t1 {ВКонтакте, Доверие}, t2 {Источники}, t4 {Доверие, Сроки},
    // n1 {Доверие}, n2 {Доверие}, m0 {Сроки}. Rows and columns: Доверие, Источники, ВКонтакте, Сроки.
    const turn = (await analysis({ coder: String(u1), unit: "turn" })).cooccurrence;
    expect(turn.codes.map((c) => c.id)).toEqual(ids());
    expect(turn.counts).toEqual([
      [4, 0, 1, 1],
      [0, 1, 0, 0],
      [1, 0, 1, 0],
      [1, 0, 0, 2],
    ]);
    expect(turn.maxOffDiagonal).toBe(1);
    // spans: t1 ВКонтакте [0,20) meets Доверие [10,30); t4 Доверие [0,7) and Сроки [20,30) do not meet
    const overlap = (await analysis({ coder: String(u1), unit: "overlap" })).cooccurrence;
    expect(overlap.counts).toEqual([
      [4, 0, 1, 0],
      [0, 1, 0, 0],
      [1, 0, 1, 0],
      [0, 0, 0, 2],
    ]);
  });

  it("computes coder agreement per code by turn and by character, with Cohen's κ", async () => {
    const ok = (a: AgreementView) => {
      if (a.state !== "ok") throw new Error(`agreement state ${a.state}`);
      return a;
    };
    // S1 by turn (5 turns), A = Анна, B = Борис:
    //  Доверие:   A {t1,t4}, B {t1,t3,t4} → both 2, onlyA 0, onlyB 1, neither 2; p_o = .8,
    //             p_e = .4·.6 + .6·.4 = .48, κ = .32/.52 = 0.615385
    //  Источники: A {t2}, B {} → p_o = .8, p_e = .2·0 + .8·1 = .8, κ = 0/.2 = 0
    //  ВКонтакте: A {t1}, B {t1} → p_o = 1, p_e = .04 + .64 = .68, κ = 1
    //  Сроки:     A {t4}, B {t2,t4} → both 1, onlyB 1, neither 3; p_o = .8,
    //             p_e = .2·.4 + .8·.6 = .56, κ = .24/.44 = 0.545455
    const byTurn = ok((await analysis({ coder_a: String(u1), coder_b: String(u2), agreement_session: String(s.S1), agreement_unit: "turn" })).agreement);
    expect(byTurn.units).toBe(5);
    expect(byTurn.codes.map((c) => c.path)).toEqual(["Доверие", "Источники", "Источники / ВКонтакте", "Сроки"]);
    expect(byTurn.codes.map((c) => c.table)).toEqual([
      { both: 2, onlyA: 0, onlyB: 1, neither: 2 },
      { both: 0, onlyA: 1, onlyB: 0, neither: 4 },
      { both: 1, onlyA: 0, onlyB: 0, neither: 4 },
      { both: 1, onlyA: 0, onlyB: 1, neither: 3 },
    ]);
    [80, 80, 100, 80].forEach((p, i) => close(byTurn.codes[i]!.percentAgreement, p));
    [0.32 / 0.52, 0, 1, 0.24 / 0.44].forEach((k, i) => close(byTurn.codes[i]!.kappa, k));

    // S2 by character (10 + 20 + 10 = 40 characters), Доверие only:
    //  A: n1 [4,11) + n2 [0,10) = 17; B: n1 [0,11) + n2 [3,10) = 18; both 7 + 7 = 14,
    //  onlyA 3, onlyB 4, neither 19; p_o = 33/40 = .825, p_e = .425·.45 + .575·.55 = .5075,
    //  κ = .3175/.4925 = 0.644670
    const byChar = ok((await analysis({ coder_a: String(u1), coder_b: String(u2), agreement_session: String(s.S2) })).agreement);
    expect(byChar.unit).toBe("character");
    expect(byChar.units).toBe(40);
    expect(byChar.codes).toHaveLength(1);
    expect(byChar.codes[0]!.table).toEqual({ both: 14, onlyA: 3, onlyB: 4, neither: 19 });
    close(byChar.codes[0]!.percentAgreement, 82.5);
    close(byChar.codes[0]!.kappa, 0.3175 / 0.4925);
    // by turn the same coders agree fully on S2: both coded n1 and n2, neither n0
    close(ok((await analysis({ agreement_session: String(s.S2), agreement_unit: "turn" })).agreement).codes[0]!.kappa, 1);

    // only Анна coded Мирный: nothing to compare
    const alone = (await analysis({ agreement_session: String(s.S3) })).agreement;
    expect(alone).toMatchObject({ state: "too_few_coders", coders: [{ name: "Анна" }] });
    expect((await analysis({ coder_a: String(u1), coder_b: String(u1) })).agreement.state).toBe("same_coder");
  });

  it("lists quotes with attributes, withholding those without consent, filtered by code and attribute", async () => {
    // flagged: Анна t1 [0,20) and t1 [89,129) (P01), Анна t2 [0,10) (P02, no consent),
    // Борис t1 [89,129) again (the same span: one quote)
    const all = (await analysis()).quotes;
    expect(all.withheld).toBe(1);
    expect(all.quotes.map((q) => q.text)).toEqual(["В основном из группы", "Но на комментарии они почти не отвечают."]);
    expect(all.quotes[0]).toMatchObject({
      session: "Якутск, группа 2",
      date: "2024-03-14",
      turn: 2,
      time: "00:00:10",
      participant: "P01",
      // every code applied over the quote: ВКонтакте (itself) and Анна's Доверие [10,30)
      codes: "Доверие; Источники / ВКонтакте",
    });
    expect(all.quotes[0]!.attributes.map((x) => [x.key, x.value])).toEqual([["sex", "женский"], ["age_band", "30-44"], ["occupation", "учитель"]]);
    const nobody = JSON.stringify(all);
    expect(nobody).not.toContain("Ирина");
    expect(nobody).not.toContain("Сергей");

    // Источники with its sub-code ВКонтакте: the t1 quote, and P02's t2 quote withheld
    const sources = (await analysis({ quote_code: String(code.A) })).quotes;
    expect([sources.quotes.map((q) => q.text), sources.withheld]).toEqual([["В основном из группы"], 1]);
    expect((await analysis({ quote_code: String(code.A1) })).quotes.withheld).toBe(0);
    const trust = (await analysis({ quote_code: String(code.B) })).quotes;
    expect([trust.quotes.length, trust.withheld]).toEqual([2, 0]);
    const men = (await analysis({ quote_by: "sex=мужской" })).quotes;
    expect([men.quotes.length, men.withheld, men.by]).toEqual([0, 1, "sex=мужской"]);
    expect((await analysis({ quote_by: "sex=женский" })).quotes.quotes).toHaveLength(2);
  });

  it("refuses a malformed query and answers null for an unknown study", async () => {
    expect(analysisQuerySchema.safeParse({ unit: "page" }).success).toBe(false);
    expect(analysisQuerySchema.safeParse({ session: "abc" }).success).toBe(false);
    expect(analysisQuerySchema.safeParse({ quote_by: "sex" }).success).toBe(false);
    expect(await studyAnalysis(ctx, 999_999, analysisQuerySchema.parse({}))).toBeNull();
    // an unknown attribute falls back to the first one rather than breaking a bookmarked view
    expect((await analysis({ attribute: "shoe_size" })).frequencies.byAttribute.attribute).toBe("sex");
  });

  it("reports the study: surveys (with and without answers) and the focus groups", async () => {
    const definition = {
      pages: [
        {
          name: "p1",
          elements: [
            { type: "radiogroup", name: "trust", title: "Доверяете ли вы госпабликам?", choices: [{ value: "yes", text: "Да" }, { value: "no", text: "Нет" }, { value: "dk", text: "Затрудняюсь ответить" }] },
            { type: "comment", name: "why", title: "Почему?" },
          ],
        },
      ],
    };
    const survey = async (slug: string) => {
      const created = await createSurvey(ctx, { study_id: String(studyId), slug, title: slug, duplicate_policy: "open" }, definition, null);
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      const published = await publishSurvey(ctx, created.value, null);
      if (!published.ok) throw new Error(JSON.stringify(published.errors));
      return { id: created.value, versionId: published.value };
    };
    const answered = await survey("trust-2024");
    await survey("trust-empty");
    for (const trust of ["yes", "yes", "yes", "no"]) {
      await ctx.db
        .insertInto("responses")
        .values({ survey_id: answered.id, version_id: answered.versionId, submission_id: newSubmissionId(), answers: JSON.stringify({ trust }), raw: JSON.stringify({}), duration_ms: 60_000 })
        .execute();
    }

    // a session still to be held is counted, not listed among those held
    const planned = await createSession(ctx, studyId, { title: "Алдан", mode: "in_person" }, u1);
    expect(planned.ok).toBe(true);

    const report = await studyReport(ctx, studyId);
    if (!report) throw new Error("no report");
    expect(report.study).toMatchObject({ title: "Доверие к госпабликам", startsOn: "2024-03-01", endsOn: "2024-04-30" });
    expect(report.surveys.map((x) => x.title)).toEqual(["trust-2024", "trust-empty"]);
    const [full, empty] = report.surveys;
    // no weights uploaded: unweighted shares, n_eff = n, deff = 1; the comment question is not closed
    expect(full).toMatchObject({ weighting: "no_weights", responses: 4, error: null, moreQuestions: 0 });
    expect(full!.questions).toHaveLength(1);
    const q = full!.questions[0]!;
    expect([q.n, q.nEff, q.deff]).toEqual([4, 4, 1]);
    // Да 3 of 4, Нет 1 of 4, «Затрудняюсь» unchosen and left out; ±1.959964·√(.75·.25/4) = 0.424341
    expect(q.categories.map((c) => [c.label, c.count])).toEqual([["Да", 3], ["Нет", 1]]);
    close(q.categories[0]!.share, 0.75);
    expect(q.categories[0]!.moe95).toBeCloseTo(1.959964 * Math.sqrt((0.75 * 0.25) / 4), 6);
    // a survey without answers: a base of 0 and no categories, not a crash
    expect(empty).toMatchObject({ error: null, responses: 0 });
    expect(empty!.questions[0]).toMatchObject({ n: 0, categories: [] });

    const fg = report.focusGroups;
    // participants present, as the transcript import recorded them
    expect(fg.sessions.map((x) => [x.name, x.date, x.mode, x.participants])).toEqual([
      ["Якутск, группа 2", "2024-03-14", "online", 2],
      ["Нюрба", "2024-03-20", "in_person", 2],
      ["Мирный", "2024-03-25", "in_person", 1],
    ]);
    expect(fg.sessions[1]!.place).toBe("Нюрба, библиотека");
    expect(fg.planned).toBe(1);
    // both coders, by distinct turns: Доверие {t1,t3,t4,n1,n2} = 5 (P01, P02; t3 is the moderator),
    // Сроки {t2,t4,m0} = 3 (P02, P03), Источники {t2} = 1, ВКонтакте {t1} = 1 (ties by path)
    expect(fg.topCodes.map((c) => [c.path, c.turns, c.participants, c.segments])).toEqual([
      ["Доверие", 5, 2, 10],
      ["Сроки", 3, 2, 4],
      ["Источники", 1, 1, 1],
      ["Источники / ВКонтакте", 1, 1, 2],
    ]);
    expect(fg.topCodes[0]!.definition).toBe("Доверие к сообщениям госпабликов");
    // quotes by top-level code: Доверие has the t1 [89,129) quote (flagged by both, shown once);
    // Источники has ВКонтакте's t1 [0,20) and P02's t2 quote, withheld
    expect(fg.quoteGroups.map((g) => [g.name, g.quotes.map((x) => x.text)])).toEqual([
      ["Доверие", ["Но на комментарии они почти не отвечают."]],
      ["Источники", ["В основном из группы"]],
    ]);
    expect(fg.withheld).toBe(1);

    // a study with neither surveys nor focus groups still reports
    const bare = await studyReport(ctx, emptyStudyId);
    expect(bare).toMatchObject({ surveys: [], focusGroups: { sessions: [], planned: 0, topCodes: [], quoteGroups: [], withheld: 0 } });
    expect(await studyReport(ctx, 999_999)).toBeNull();
  });

  let soc: Browserish;

  it("lets a sociologist open both pages and refuses a page administrator", async () => {
    await ctx.db.insertInto("organisations").values({ code: "org-test", name_ru: "Министерство", kind: "ministry", peer_group: "regional_executive" }).execute();
    const sociologist = await addUser(server, "sociologist");
    const pageAdmin = await addUser(server, "page_admin", { organisationCode: "org-test" });
    soc = new Browserish(server.url);
    expect((await soc.login(sociologist.email, sociologist.password)).status).toBe(302);
    const admin = new Browserish(server.url);
    expect((await admin.login(pageAdmin.email, pageAdmin.password)).status).toBe(302);
    const status = async (client: Browserish, path: string) => {
      const response = await client.get(path);
      await response.arrayBuffer();
      return response.status;
    };
    for (const path of [`/studies/${studyId}/analysis`, `/studies/${studyId}/analysis?coder=${u1}&attribute=age_band&unit=overlap&agreement_unit=turn&quote_by=sex%3Dfemale`, `/studies/${studyId}/report`, `/studies/${emptyStudyId}/analysis`, `/studies/${emptyStudyId}/report`]) {
      expect(await status(soc, path), path).toBe(200);
    }
    expect(await status(soc, "/studies/999999/analysis")).toBe(404);
    expect(await status(soc, "/studies/999999/report")).toBe(404);
    expect(await status(soc, `/studies/${studyId}/analysis?unit=page`)).toBe(400);
    for (const path of [`/studies/${studyId}/analysis`, `/studies/${studyId}/report`]) {
      expect(await status(admin, path), path).toBe(403);
      const stranger = await new Browserish(server.url).get(path);
      await stranger.arrayBuffer();
      expect([stranger.status, (stranger.headers.get("location") ?? "").split("?")[0]], path).toEqual([302, "/login"]);
    }
  });

  it("renders the analysis sections and the report", async () => {
    const analysisPage = await (await soc.get(`/studies/${studyId}/analysis?coder=${u1}&quote_code=${code.A}`)).text();
    for (const text of ["Частота кодов", "Совместная встречаемость кодов", "Согласованность кодировщиков", "Как читать κ", "Цитаты", "«В основном из группы»", "Не показано цитат: 1"]) {
      expect(analysisPage).toContain(text);
    }
    const report = await (await soc.get(`/studies/${studyId}/report`)).text();
    for (const text of ["Отчёт по исследованию", "Печать", "Частые коды", "Нюрба, библиотека", "«Но на комментарии они почти не отвечают.»", "Доверяете ли вы госпабликам?"]) {
      expect(report).toContain(text);
    }
    const bare = await (await soc.get(`/studies/${emptyStudyId}/report`)).text();
    for (const text of ["В исследовании нет опросов.", "В исследовании нет фокус-групп."]) expect(bare).toContain(text);
  });
});

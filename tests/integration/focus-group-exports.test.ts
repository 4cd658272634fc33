/**
 * Focus-group exports and REFI-QDA exchange on a real database: a study with two coded sessions
 * (a Teams WebVTT transcript and a plain one whose turn starts with "="), participants with and
 * without consent to quotes, one of them with a name in the restricted identities table. Checked:
 * CSV and XLSX read back, the formula guard, no name or contact in any file, withheld quotes, the
 * .qdpx unzipped and its project.qde and the .qdc validated against the REFI-QDA schemas, .qdc
 * import (hierarchy and GUIDs kept, re-import skips all, broken files write nothing), and the
 * download route over HTTP against the production build (skipped locally when there is no build).
 */
import { existsSync } from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync, zipSync } from "fflate";
import { internalReferences } from "../../app/domain/focus-groups/qdpx-archive";
import type { AppContext } from "../../app/services/context.server";
import { focusGroupExport, type FgDownload } from "../../app/services/focus-group-exports.server";
import { importQdcCodebook, MAX_QDC_BYTES } from "../../app/services/focus-group-qdc-import.server";
import { addCode, addParticipant, codeSpan, createSession, importSessionTranscript } from "../../app/services/focus-groups.server";
import { createStudy } from "../../app/services/surveys.server";
import { fixtureBytes } from "../fixtures/focus-groups/load";
import { CODEBOOK_XSD, itValidates, PROJECT_XSD, schemaErrors } from "../helpers/xml-schema";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";
import type { TestDatabase } from "../helpers/postgres";
import { createServiceWorld, insertTestUser } from "../helpers/service-context";


const FORMULA_TURN = '=HYPERLINK("http://example.test/x","жми")';
const IDENTITY = { name: "Ирина Петрова", contact: "+7 914 000-00-00" };
const consent = (quoting: boolean) => ({ formVersion: "v2-2026", givenOn: "2026-03-14", recording: true, quoting, sharing: false });

const ok = (d: FgDownload) => {
  if (!d.ok) throw new Error(`${d.status}: ${d.message}`);
  return d;
};
const csvRecords = (d: FgDownload): string[][] => parse(Buffer.from(ok(d).body), { bom: true, relax_column_count: false });
/** Every XML part of an XLSX, for "this text is nowhere in the file" checks. */
const xlsxText = (body: Uint8Array) => Object.values(unzipSync(body)).map((b) => strFromU8(b)).join("\n");
async function readXlsx(body: Uint8Array) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(body) as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

describe("focus-group exports and REFI-QDA exchange", () => {
  let t: TestDatabase;
  let ctx: AppContext;
  let close: () => Promise<void>;
  let studyId: number;
  let coderA: number;
  let coderB: number;
  let vttSession: number;
  let plainSession: number;

  beforeAll(async () => {
    ({ t, ctx, close } = await createServiceWorld("fg_exports"));
    const user = (email: string, name: string) => insertTestUser({ t }, email, name);
    coderA = await user("a@test.local", "Социолог А");
    coderB = await user("b@test.local", "Социолог Б");
    const study = await createStudy(ctx, { title: "Доверие к госпабликам: Якутия", kind: "qualitative" }, null);
    if (!study.ok) throw new Error("study");
    studyId = study.value;

    // P01 consents to quotes and has a name on record; P02 does not consent to quotes
    const participants = [
      { code: "P01", sex: "female", ageBand: "30-44", occupation: "учитель", consent: consent(true), identity: IDENTITY },
      { code: "P02", sex: "male", ageBand: "45-59", consent: consent(false) },
      { code: "P03", sex: "male", ageBand: "18-29", attributes: { district: "Центральный" }, consent: consent(true) },
    ];
    for (const p of participants) expect((await addParticipant(ctx, studyId, p, coderA)).ok).toBe(true);

    const vtt = await createSession(ctx, studyId, { title: "Якутск, группа 2", mode: "online", heldAt: "2026-03-14T10:00:00+09:00" }, coderA);
    const plain = await createSession(ctx, studyId, { title: "Нюрба", mode: "in_person", place: "библиотека" }, coderA);
    if (!vtt.ok || !plain.ok) throw new Error("sessions");
    vttSession = vtt.value;
    plainSession = plain.value;
    const speakers = { Модератор: "moderator", Ирина: "P01", Сергей: "P02" };
    const imported = await importSessionTranscript(ctx, vttSession, { bytes: fixtureBytes("fg-yakutsk-teams.vtt"), fileName: "fg.vtt", speakerMap: speakers, locale: "ru" }, coderA);
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const plainText = `Модератор: Что вы пишете в комментариях?\nP03: ${FORMULA_TURN}\n`;
    const importedPlain = await importSessionTranscript(ctx, plainSession, { bytes: new TextEncoder().encode(plainText), speakerMap: { Модератор: "moderator", P03: "P03" }, locale: "ru" }, coderA);
    if (!importedPlain.ok) throw new Error(JSON.stringify(importedPlain.errors));

    const trust = await addCode(ctx, studyId, { name: "Доверие", definition: "Верят ли официальным сообщениям", colour: "#2CA02C" });
    const distrust = await addCode(ctx, studyId, { name: "Недоверие", parentId: trust });
    const channels = await addCode(ctx, studyId, { name: "Каналы" });
    const turns = await t.db.selectFrom("fg_turns as t").innerJoin("fg_participants as p", "p.id", "t.participant_id").select(["t.id", "t.text", "t.session_id", "p.code"]).orderBy("t.session_id").orderBy("t.idx").execute();
    const turnOf = (code: string) => turns.find((x) => x.code === code)!;
    const code = async (coder: number, turn: { id: number; text: string }, codeId: number, quote: boolean, memo: string | null = null) => {
      const r = await codeSpan(ctx, { turnId: turn.id, codeId, start: 0, end: Math.min(20, turn.text.length), quote, memo }, coder);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
    };
    await code(coderA, turnOf("P01"), channels, true, "Главный канал — ВК");
    await code(coderB, turnOf("P01"), channels, false);
    await code(coderA, turnOf("P02"), distrust, true);
    const formulaTurn = turns.find((x) => x.code === "P03")!;
    const whole = await codeSpan(ctx, { turnId: formulaTurn.id, codeId: trust, start: 0, end: formulaTurn.text.length, quote: true }, coderA);
    expect(whole.ok).toBe(true);
  });
  afterAll(async () => close?.());

  const download = (file: string, options: { coderId?: number; sessionId?: number; locale?: "ru" | "en" } = {}) =>
    focusGroupExport(ctx, studyId, file, { locale: "ru", ...options });

  it("exports coded segments as CSV: BOM, CRLF, Russian headers, the formula guard, filters", async () => {
    const d = ok(await download("segments.csv"));
    const text = Buffer.from(d.body).toString("utf8");
    expect(text.startsWith("\uFEFFСессия,Дата,Реплика №,Время,Участник,")).toBe(true);
    expect(text.split("\r\n").length).toBe(6); // header, four codings, the final CRLF
    expect(d.headers["Content-Type"]).toBe("text/csv; charset=utf-8");
    expect(d.headers["Content-Disposition"]).toBe(
      `attachment; filename="study-${studyId}-segments.csv"; filename*=UTF-8''${encodeURIComponent("Доверие к госпабликам_ Якутия - segments.csv")}`,
    );
    const [header, ...rows] = csvRecords(d);
    expect(header).toEqual(["Сессия", "Дата", "Реплика №", "Время", "Участник", "Пол", "Возраст", "Территория", "Род занятий", "district", "Код", "Фрагмент", "Кодировщик", "Мемо"]);
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => [r[0], r[col("Участник")], r[col("Код")], r[col("Кодировщик")]])).toEqual([
      ["Якутск, группа 2", "P01", "Каналы", "Социолог А"],
      ["Якутск, группа 2", "P01", "Каналы", "Социолог Б"],
      ["Якутск, группа 2", "P02", "Доверие / Недоверие", "Социолог А"],
      ["Нюрба", "P03", "Доверие", "Социолог А"],
    ]);
    expect(rows[0]![col("Дата")]).toBe("2026-03-14");
    expect(rows[0]![col("Мемо")]).toBe("Главный канал — ВК");
    expect(rows[3]![col("district")]).toBe("Центральный");
    // Excel would run the turn as a formula: the cell starts with an apostrophe instead
    expect(rows[3]![col("Фрагмент")]).toBe(`'${FORMULA_TURN}`);

    expect(csvRecords(await download("segments.csv", { coderId: coderB }))).toHaveLength(2);
    const nyurba = ok(await download("segments.csv", { sessionId: plainSession }));
    expect(csvRecords(nyurba).slice(1).map((r) => r[4])).toEqual(["P03"]);
    expect(nyurba.headers["Content-Disposition"]).toContain(`filename="study-${studyId}-segments-session-${plainSession}.csv"`);
    expect(await download("segments.csv", { sessionId: 999_999 })).toMatchObject({ ok: false, status: 404 });
    expect(csvRecords(await download("segments.csv", { locale: "en" }))[0]!.slice(0, 3)).toEqual(["Session", "Date", "Turn no."]);
  });

  it("exports coded segments as XLSX: bold frozen header, typed cells, the formula kept as text", async () => {
    const sheet = await readXlsx(ok(await download("segments.xlsx")).body);
    expect(sheet.name).toBe("Фрагменты");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(1).getCell(1).value).toBe("Сессия");
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(2).getCell(3).value).toBe(2); // turn number as a number
    const formula = sheet.getRow(5).getCell(12);
    expect(formula.value).toBe(FORMULA_TURN);
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.formula).toBeUndefined();
    expect(sheet.getColumn(12).width).toBe(60);
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(8);
  });

  it("exports quotes only with consent, counting the withheld ones in a header", async () => {
    const csv = ok(await download("quotes.csv"));
    expect(csv.headers["X-Withheld-Quotes"]).toBe("1");
    const [header, ...rows] = csvRecords(csv);
    expect(header!.slice(-3)).toEqual(["Цитата", "Коды", "Примечание"]);
    expect(rows.map((r) => r[4])).toEqual(["P01", "P03"]);
    expect(rows[0]![header!.indexOf("Коды")]).toBe("Каналы");
    expect(rows[1]![header!.indexOf("Цитата")]).toBe(`'${FORMULA_TURN}`);
    const p02 = await t.db.selectFrom("fg_turns as t").innerJoin("fg_participants as p", "p.id", "t.participant_id").select("t.text").where("p.code", "=", "P02").executeTakeFirstOrThrow();
    expect(Buffer.from(csv.body).toString("utf8")).not.toContain(p02.text.slice(0, 20));

    const xlsx = ok(await download("quotes.xlsx", { locale: "en" }));
    expect(xlsx.headers["X-Withheld-Quotes"]).toBe("1");
    const sheet = await readXlsx(xlsx.body);
    expect(sheet.name).toBe("Quotes");
    expect(sheet.rowCount).toBe(3);
    expect(xlsxText(xlsx.body)).not.toContain(p02.text.slice(0, 20));
    // coder B flagged nothing: nothing to quote, nothing withheld
    expect(ok(await download("quotes.csv", { coderId: coderB })).headers["X-Withheld-Quotes"]).toBe("0");
  });

  it("exports the codebook with paths, counts of codings and coders", async () => {
    const [header, ...rows] = csvRecords(await download("codebook.csv"));
    expect(header).toEqual(["Код (путь)", "Название", "Родительский код", "Определение", "Цвет", "Кодировок", "Кодировщиков"]);
    const byPath = Object.fromEntries(rows.map((r) => [r[0], r]));
    expect(Object.keys(byPath).sort()).toEqual(["Доверие", "Доверие / Недоверие", "Каналы"].sort());
    expect(byPath["Доверие"]).toEqual(["Доверие", "Доверие", "", "Верят ли официальным сообщениям", "#2CA02C", "1", "1"]);
    expect(byPath["Доверие / Недоверие"]!.slice(1, 3)).toEqual(["Недоверие", "Доверие"]);
    expect(byPath["Каналы"]!.slice(5)).toEqual(["2", "2"]);
    // a parent comes before its children
    expect(rows.findIndex((r) => r[0] === "Доверие")).toBeLessThan(rows.findIndex((r) => r[0] === "Доверие / Недоверие"));
    const sheet = await readXlsx(ok(await download("codebook.xlsx")).body);
    expect(sheet.name).toBe("Кодовая книга");
    expect(sheet.rowCount).toBe(4);
  });

  itValidates("exports the codebook as a .qdc that Codebook.xsd accepts", async () => {
    const d = ok(await download("codebook.qdc"));
    expect(d.headers["Content-Type"]).toBe("application/xml; charset=utf-8");
    const xml = strFromU8(d.body);
    expect(schemaErrors(xml, CODEBOOK_XSD)).toBe("");
    expect(xml).toContain('name="Недоверие"');
  });

  itValidates("exports the project as a .qdpx: project.qde valid, every internal source inside", async () => {
    const d = ok(await download("project.qdpx"));
    expect(d.headers["Content-Type"]).toBe("application/zip");
    const files = unzipSync(d.body);
    const project = strFromU8(files["project.qde"]!);
    expect(schemaErrors(project, PROJECT_XSD)).toBe("");
    const refs = internalReferences(project);
    expect(refs).toHaveLength(2); // both sessions
    for (const ref of refs) expect(Object.keys(files), ref).toContain(`sources/${ref}`);
    expect(Object.keys(files).sort()).toEqual(["project.qde", ...refs.map((r) => `sources/${r}`)].sort());
    const sources = refs.map((r) => strFromU8(files[`sources/${r}`]!)).join("\n");
    expect(sources).toContain(`P03: ${FORMULA_TURN}`);
    expect(sources).toContain("Модератор: Добрый вечер!");
    expect(project).toContain('name="Доверие к госпабликам: Якутия"');
  });

  it("puts no participant's name or contact, nor a transcript's speaker label, in any file", async () => {
    const texts: string[] = [];
    for (const file of ["segments.csv", "quotes.csv", "codebook.csv", "codebook.qdc"]) texts.push(strFromU8(ok(await download(file)).body));
    for (const file of ["segments.xlsx", "quotes.xlsx", "codebook.xlsx", "project.qdpx"]) texts.push(xlsxText(ok(await download(file)).body));
    const all = texts.join("\n");
    expect(all).toContain("P01");
    for (const secret of ["Ирина", "Петрова", "000-00-00", "Сергей"]) expect(all, secret).not.toContain(secret);
  });

  it("answers 404 for an unknown study or file and 409 for an empty codebook", async () => {
    expect(await focusGroupExport(ctx, 999_999, "segments.csv", { locale: "ru" })).toMatchObject({ ok: false, status: 404 });
    expect(await download("segments.pdf")).toMatchObject({ ok: false, status: 404 });
    const empty = await createStudy(ctx, { title: "Пустое", kind: "qualitative" }, null);
    if (!empty.ok) throw new Error("study");
    expect(await focusGroupExport(ctx, empty.value, "codebook.qdc", { locale: "en" })).toEqual({
      ok: false,
      status: 409,
      message: "The study's codebook has no codes: there is nothing to export.",
    });
    expect(csvRecords(await focusGroupExport(ctx, empty.value, "segments.csv", { locale: "ru" }))).toHaveLength(1);
    expect(unzipSync(ok(await focusGroupExport(ctx, empty.value, "project.qdpx", { locale: "ru" })).body)["project.qde"]).toBeDefined();
  });

  describe("importing a REFI-QDA codebook", () => {
    const atlas = fixtureBytes("refi-qda/atlas-style-codebook.qdc");
    let target: number;
    const codes = () => t.db.selectFrom("fg_codes").select(["id", "parent_id", "name", "guid", "colour", "definition"]).where("study_id", "=", target).orderBy("id").execute();

    beforeAll(async () => {
      const study = await createStudy(ctx, { title: "Импорт кодовой книги", kind: "qualitative" }, null);
      if (!study.ok) throw new Error("study");
      target = study.value;
    });

    it("adds every code with its hierarchy, GUID, colour and definition; a re-import skips all", async () => {
      const first = await importQdcCodebook(ctx, target, { bytes: atlas, fileName: "atlas.qdc", locale: "ru" }, coderA);
      if (!first.ok) throw new Error(first.errors.join("\n"));
      expect(first.value).toMatchObject({ added: 4, skipped: 0 });
      // code sets have no place in Region Pulse: said, not silently dropped
      expect(first.value.warnings.join("\n")).toContain("<Sets>");
      const rows = await codes();
      const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
      expect(Object.keys(byName).sort()).toEqual(["Доверие к власти", "Доверяет", "Не доверяет", "Обратная связь «госпабликов»"].sort());
      expect(byName["Доверяет"]!.parent_id).toBe(byName["Доверие к власти"]!.id);
      expect(byName["Не доверяет"]!.parent_id).toBe(byName["Доверие к власти"]!.id);
      expect(byName["Доверие к власти"]!.parent_id).toBeNull();
      expect(byName["Доверяет"]!.guid).toBe("2A9E0C4D-1B7F-4E55-9A0B-6F1C2D3E4F50");
      expect(byName["Доверяет"]!.colour).toBe("#00AA00");
      expect(byName["Доверяет"]!.definition).toBe("Участник прямо говорит, что верит официальным сообщениям & ссылается на опыт.");
      expect(byName["Обратная связь «госпабликов»"]!.colour).toBe("#2f6db5"); // no colour in the file: the default

      const again = await importQdcCodebook(ctx, target, { bytes: atlas, locale: "ru" }, coderA);
      expect(again).toMatchObject({ ok: true, value: { added: 0, skipped: 4 } });
      expect(await codes()).toHaveLength(4);
      const audit = await t.db.selectFrom("audit_log").select(["details"]).where("action", "=", "focus-group.codebook.import").where("entity_id", "=", String(target)).execute();
      expect(audit.map((a) => a.details)).toEqual([
        { fileName: "atlas.qdc", added: 4, skipped: 0 },
        { fileName: null, added: 0, skipped: 4 },
      ]);
    });

    itValidates("exports the imported codes with the GUIDs they came with", async () => {
      const xml = strFromU8(ok(await focusGroupExport(ctx, target, "codebook.qdc", { locale: "ru" })).body);
      expect(schemaErrors(xml, CODEBOOK_XSD)).toBe("");
      for (const guid of ["1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294", "2A9E0C4D-1B7F-4E55-9A0B-6F1C2D3E4F50", "4C1E2F30-5B6C-4D7E-9F80-A1B2C3D4E5F6"]) {
        expect(xml).toContain(`guid="${guid}"`);
      }
    });

    it("skips a code already there by name under the same parent and hangs the file's children on it", async () => {
      const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">
  <Codes>
    <Code guid="11111111-2222-4333-8444-555555555555" name="доверие  к власти" isCodable="true">
      <Code guid="11111111-2222-4333-8444-666666666666" name="Доверяет отчасти" isCodable="true"/>
      <Code guid="11111111-2222-4333-8444-777777777777" name="ДОВЕРЯЕТ" isCodable="true"/>
    </Code>
  </Codes>
</CodeBook>`;
      const merged = await importQdcCodebook(ctx, target, { bytes: new TextEncoder().encode(qdc), locale: "en" }, coderA);
      expect(merged).toMatchObject({ ok: true, value: { added: 1, skipped: 2 } });
      const rows = await codes();
      const parent = rows.find((r) => r.name === "Доверие к власти")!;
      expect(rows.find((r) => r.name === "Доверяет отчасти")!.parent_id).toBe(parent.id);
      expect(rows.filter((r) => r.name.toLowerCase() === "доверяет")).toHaveLength(1);
    });

    it("refuses broken files with clear messages and writes nothing", async () => {
      const before = await codes();
      const refused = async (bytes: Uint8Array) => {
        const r = await importQdcCodebook(ctx, target, { bytes, fileName: "x.qdc", locale: "ru" }, coderA);
        if (r.ok) throw new Error("imported a broken file");
        expect(r.status).toBe(400);
        expect(r.errors.length).toBeGreaterThan(0);
        return r.errors.join("\n");
      };
      const text = (s: string) => new TextEncoder().encode(s);
      expect(await refused(text("это не XML"))).toMatch(/Строка 1/);
      expect(await refused(text('<CodeBook xmlns="urn:QDA-XML:codebook:0.9"><Codes><Code guid="11111111-2222-4333-8444-555555555555" name="A" isCodable="true"/></Codes></CodeBook>'))).toContain("urn:QDA-XML:codebook:1.0");
      const twins = '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="11111111-2222-4333-8444-000000000001" name="Новый код" isCodable="true"/>\n<Code guid="11111111-2222-4333-8444-000000000002" name="новый  код" isCodable="true"/>\n</Codes></CodeBook>';
      expect(await refused(text(twins))).toMatch(/Строка 3/);
      const sameGuid = '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="11111111-2222-4333-8444-000000000009" name="Один" isCodable="true"><Code guid="11111111-2222-4333-8444-000000000009" name="Два" isCodable="true"/></Code></Codes></CodeBook>';
      expect(await refused(text(sameGuid))).toContain("11111111-2222-4333-8444-000000000009");
      expect(await refused(new Uint8Array(MAX_QDC_BYTES + 1).fill(0x20))).toContain("2 МБ");
      expect(await refused(zipSync({ "project.qde": text("<Project/>") }))).toContain(".qdpx");
      expect(await refused(new Uint8Array([0x3c, 0xff, 0xfe, 0xfd]))).toContain("UTF-8");
      expect(await refused(new Uint8Array())).toContain("пустой");
      expect(await codes()).toEqual(before);
      expect(await importQdcCodebook(ctx, 999_999, { bytes: atlas, locale: "en" }, coderA)).toEqual({ ok: false, status: 404, errors: ["Study not found."] });
    });
  });
});

const haveBuild = existsSync("build/index.js");
(haveBuild || process.env.CI === "true" ? describe : describe.skip)("the download route over HTTP", () => {
  let server: TestServer;
  let studyId: number;
  const clients: Record<"sociologist" | "analyst", Browserish> = {} as never;

  beforeAll(async () => {
    server = await startTestServer("fg_export_route");
    const ctx = server.app.ctx;
    const study = await createStudy(ctx, { title: "Доверие «Якутия»", kind: "qualitative" }, null);
    if (!study.ok) throw new Error("study");
    studyId = study.value;
    const users = [];
    for (const role of ["sociologist", "analyst"] as const) {
      const user = await addUser(server, role);
      users.push(user);
      clients[role] = new Browserish(server.url);
      expect((await clients[role].login(user.email, user.password)).status).toBe(302);
    }
    expect((await addParticipant(ctx, studyId, { code: "P01", consent: consent(false), identity: IDENTITY }, users[0]!.id)).ok).toBe(true);
    await addCode(ctx, studyId, { name: "Доверие" });
  });
  afterAll(async () => server?.stop());

  it("serves the files to focus-group managers only, with a safe file name", async () => {
    const res = await clients.sociologist.get(`/studies/${studyId}/fg-export/codebook.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="study-${studyId}-codebook.csv"; filename*=UTF-8''${encodeURIComponent("Доверие «Якутия» - codebook.csv")}`,
    );
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.text()).toContain("Доверие");
    const quotes = await clients.sociologist.get(`/studies/${studyId}/fg-export/quotes.xlsx`);
    expect([quotes.status, quotes.headers.get("x-withheld-quotes")]).toEqual([200, "0"]);
    await quotes.arrayBuffer();
    const qdpx = await clients.sociologist.get(`/studies/${studyId}/fg-export/project.qdpx`);
    expect(unzipSync(new Uint8Array(await qdpx.arrayBuffer()))["project.qde"]).toBeDefined();
    const refused = await clients.analyst.get(`/studies/${studyId}/fg-export/codebook.csv`);
    expect(refused.status).toBe(403);
    await refused.arrayBuffer();
    const anonymous = await new Browserish(server.url).get(`/studies/${studyId}/fg-export/codebook.csv`);
    expect([anonymous.status, anonymous.headers.get("location")?.split("?")[0]]).toEqual([302, "/login"]);
    await anonymous.arrayBuffer();
  });

  it("answers 404 for an unknown study or file and 400 for a filter that is not an id", async () => {
    for (const [path, status] of [
      [`/studies/999999/fg-export/codebook.csv`, 404],
      [`/studies/${studyId}/fg-export/codebook.pdf`, 404],
      [`/studies/${studyId}/fg-export/segments.csv?session=999999`, 404],
      [`/studies/${studyId}/fg-export/segments.csv?coder=abc`, 400],
    ] as const) {
      const res = await clients.sociologist.get(path);
      expect(res.status, path).toBe(status);
      await res.arrayBuffer();
    }
  });
});

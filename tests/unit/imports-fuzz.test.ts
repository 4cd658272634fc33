/**
 * Property-based fuzzing of the three file imports against real PostgreSQL: the registry CSVs,
 * responses from CSV, and focus-group transcripts from arbitrary bytes. Whatever the file holds,
 * the import never throws; it is refused with a reason and nothing stored, or stored whole.
 */
import fc from "fast-check";
import { sql } from "kysely";
import type { AppContext } from "../../app/services/context.server";
import { addParticipant, createSession, importSessionTranscript } from "../../app/services/focus-groups.server";
import { importRegistry } from "../../app/services/registry-import.server";
import { importResponses } from "../../app/services/response-import.server";
import { createStudy } from "../../app/services/surveys.server";
import { demoRegionFiles } from "../../db/seed/demo-region";
import { createServiceWorld, insertTestUser, type ServiceWorld } from "../helpers/service-context";
import { publishedSurvey, SMALL_SURVEY } from "../helpers/surveys";

const RUNS = 100;

// a cell: plausible values, CSV's own syntax, formulas, odd unicode, and bytes PostgreSQL refuses
const cell = fc.oneof(
  fc.constantFrom("amur", "amur-zeya", "org-min-fin", "ministry", "region", "city_okrug", "vk", "ok", "telegram", "true", "false", "1", "2025", "-5", "1e9", "male", "female", "30-44", "4", ""),
  fc.constantFrom('"', '""', ",", ";", "\n", "\r\n", "\t", "=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "<script>alert(1)</script>", "' OR 1=1 --", "\u0000", "\uD800", "\uFEFF", "😀", "https://vk.com/x", "javascript:alert(1)"),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 12 }),
);

// quoted as CSV wants it, or left raw so the reader meets broken quoting too
const csvCell = fc.tuple(cell, fc.boolean()).map(([v, quote]) => (quote ? `"${v.replace(/"/g, '""')}"` : v));
const csvRows = (header: string) =>
  fc.tuple(fc.constantFrom(header, header.toUpperCase(), header.split(",").reverse().join(","), header.replace(/,/g, ";"), ""), fc.array(fc.array(csvCell, { maxLength: 9 }), { maxLength: 6 }), fc.constantFrom(",", ";"), fc.constantFrom("\n", "\r\n"))
    .map(([head, rows, sep, eol]) => [head, ...rows.map((r) => r.join(sep))].join(eol));
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 }));

describe("fuzzing the file imports", () => {
  let world: ServiceWorld;
  let ctx: AppContext;
  const files = demoRegionFiles();
  const headerOf = (text: string) => text.slice(0, text.indexOf("\n"));

  beforeAll(async () => {
    world = await createServiceWorld("imports-fuzz");
    ctx = world.ctx;
    // a registry to collide with: the real Amur files
    expect((await importRegistry(ctx.db, files, null)).status).toBe("succeeded");
  });
  afterAll(async () => world?.close());

  /** Count and digest of each table, so "nothing stored" covers updates too. */
  async function snapshot(tables: readonly string[]) {
    const out: Record<string, string> = {};
    for (const table of tables) {
      const row = await sql<{ n: string; digest: string | null }>`select count(*)::text as n, md5(string_agg(t::text, '|' order by t::text)) as digest from ${sql.table(table)} t`.execute(ctx.db);
      out[table] = `${row.rows[0]!.n}:${row.rows[0]!.digest ?? "-"}`;
    }
    return out;
  }
  const rowCount = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(ctx.db)).rows[0]!.n);

  it("registry import: refused and unchanged, or stored whole", async () => {
    const tables = ["territories", "organisations", "official_pages", "audit_log"] as const;
    const registryFiles = fc.record(
      {
        territories: fc.oneof(csvRows(headerOf(files.territories)), anyText),
        organisations: fc.oneof(csvRows(headerOf(files.organisations)), anyText),
        pages: fc.oneof(csvRows(headerOf(files.pages)), anyText),
      },
      { requiredKeys: [] },
    );
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(registryFiles, async (input) => {
        const before = await snapshot(tables);
        const report = await importRegistry(ctx.db, input, null);
        const after = await snapshot(tables);
        if (report.status === "rejected") {
          expect(report.rejections.length).toBeGreaterThan(0);
          expect(after).toEqual(before);
        } else {
          stored += 1;
          expect(report.status).toBe("succeeded");
          // the audit row is written in the same transaction as the rows it reports
          expect(Number(after.audit_log!.split(":")[0])).toBe(Number(before.audit_log!.split(":")[0]) + 1);
        }
      }),
      { numRuns: RUNS },
    );
    expect(stored).toBeGreaterThanOrEqual(0);
  });

  it("response import: refused and unchanged, or every row stored", async () => {
    const { id: surveyId } = await publishedSurvey(ctx, SMALL_SURVEY);
    const header = "submission_id,sex,age_band,satisfaction,note";
    const fileArb = fc.oneof(
      csvRows(header).map((text) => new TextEncoder().encode(text)),
      anyText.map((text) => new TextEncoder().encode(text)),
      fc.uint8Array({ maxLength: 300 }),
    );
    await fc.assert(
      fc.asyncProperty(fileArb, fc.constantFrom("auto", "codes", "labels", "values" as const), fc.constantFrom("r.csv", "r.xlsx", "r.txt"), async (bytes, mode, fileName) => {
        const before = await rowCount("responses");
        const audit = await rowCount("audit_log");
        const outcome = await importResponses(ctx, surveyId, null, { fileName, bytes, mode: mode as "auto" });
        if (!outcome.ok) {
          expect(outcome.errors.length).toBeGreaterThan(0);
          expect(await rowCount("responses")).toBe(before);
          expect(await rowCount("audit_log")).toBe(audit);
        } else {
          expect(await rowCount("responses")).toBe(before + outcome.imported);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("transcript import: refused and unchanged, or every turn stored", async () => {
    const userId = await insertTestUser(world, "fuzz@test.local");
    const study = await createStudy(ctx, { title: "Фазз", kind: "qualitative" }, null);
    if (!study.ok) throw new Error("study");
    const consent = { formVersion: "v1", givenOn: "2026-03-14", recording: true, quoting: true, sharing: false };
    expect((await addParticipant(ctx, study.value, { code: "P01", consent }, userId)).ok).toBe(true);
    const speaker = fc.constantFrom("Модератор", "P01", "Ирина", "<img src=x onerror=alert(1)>", "", "00:00:01.000 --> 00:00:02.000");
    const line = fc.oneof(fc.tuple(speaker, cell).map(([s, c]) => `${s}: ${c}`), cell, fc.constantFrom("WEBVTT", "1", "00:00:01,000 --> 00:00:02,000", "<v Ирина>привет</v>", ""));
    const textFile = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom("\n", "\r\n", "\r")).map(([lines, eol]) => new TextEncoder().encode(lines.join(eol)));
    const bytesArb = fc.oneof(textFile, fc.uint8Array({ maxLength: 400 }), anyText.map((t) => new TextEncoder().encode(t)));
    const speakerMap = fc.constantFrom<Record<string, string>>({}, { Модератор: "moderator", P01: "P01" }, { Модератор: "moderator", P01: "P01", Ирина: "P01", "<img src=x onerror=alert(1)>": "moderator" }, { x: "P99" });
    await fc.assert(
      fc.asyncProperty(bytesArb, speakerMap, fc.constantFrom(undefined, "t.txt", "t.vtt", "t.srt", "t.docx", "t"), async (bytes, map, fileName) => {
        // a fresh session each time: an imported transcript would otherwise be replaced by the next
        const session = await createSession(ctx, study.value, { title: "Сессия", mode: "online" }, userId);
        if (!session.ok) throw new Error(JSON.stringify(session.errors));
        const turns = await rowCount("fg_turns");
        const transcripts = await rowCount("fg_transcripts");
        const outcome = await importSessionTranscript(ctx, session.value, { bytes, fileName, speakerMap: map, locale: "ru" }, userId);
        if (!outcome.ok) {
          expect(outcome.status).toBeGreaterThanOrEqual(400);
          expect(outcome.status).toBeLessThan(500);
          expect(await rowCount("fg_turns")).toBe(turns);
          expect(await rowCount("fg_transcripts")).toBe(transcripts);
        } else {
          expect(await rowCount("fg_turns")).toBe(turns + outcome.value.turns);
          expect(await rowCount("fg_transcripts")).toBe(transcripts + 1);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses or stores, never throws, on files that are valid but for a NUL or a broken character", async () => {
    const { id: surveyId } = await publishedSurvey(ctx, SMALL_SURVEY);
    for (const bad of ["a\u0000b", "\uD800", "=1+2"]) {
      const before = await snapshot(["territories", "organisations", "official_pages", "responses", "fg_turns"]);
      const registry = await importRegistry(ctx.db, { organisations: `${headerOf(files.organisations)}\norg-fuzz-x,${bad},ministry,,amur,` }, null);
      const responses = await importResponses(ctx, surveyId, null, { fileName: "r.csv", bytes: new TextEncoder().encode(`sex,age_band,satisfaction,note\nfemale,30-44,4,${bad}\n`), mode: "auto" });
      const userId = await insertTestUser(world, `edge-${before.fg_turns}-${bad.length}@test.local`);
      const study = await createStudy(ctx, { title: "Края", kind: "qualitative" }, null);
      if (!study.ok) throw new Error("study");
      const session = await createSession(ctx, study.value, { title: "С", mode: "online" }, userId);
      if (!session.ok) throw new Error("session");
      const transcript = await importSessionTranscript(ctx, session.value, { bytes: new TextEncoder().encode(`Модератор: ${bad}\n`), fileName: "t.txt", speakerMap: { Модератор: "moderator" }, locale: "ru" }, userId);
      const after = await snapshot(["territories", "organisations", "official_pages", "responses", "fg_turns"]);
      if (bad.startsWith("=")) {
        // a formula is only text: stored as written (exports guard it), nothing refused
        expect([registry.status, responses.ok, transcript.ok]).toEqual(["succeeded", true, true]);
      } else if (bad === "\uD800") {
        // the registry takes text and refuses it; files arrive as bytes, where UTF-8 has already
        // made the lone surrogate a replacement character, which is storable
        expect(registry.status).toBe("rejected");
        expect([responses.ok, transcript.ok]).toEqual([true, true]);
      } else {
        expect(registry.status, JSON.stringify(registry.rejections)).toBe("rejected");
        expect(registry.rejections.map((r) => r.code)).toEqual(["unstorable_text"]);
        expect(responses.ok).toBe(false);
        expect(transcript.ok).toBe(false);
        expect(after).toEqual(before);
      }
    }
  });
});

/**
 * Streaming XLSX: written to a temp file with createXlsxWriter, read back with exceljs: the data
 * sheet's header and rows, the "variables" sheet, and rows reaching the stream before finish().
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { exportColumns, rowValues, type ExportQuestion } from "../../app/domain/exports";
import { createXlsxWriter } from "../../app/domain/exports/xlsx";

const QUESTIONS: ExportQuestion[] = [
  { name: "пол", valueName: "sex", type: "radiogroup", title: "Ваш пол", pageIndex: 0, choices: [{ value: "m", text: "Мужской" }, { value: "f", text: "Женский" }] },
  { name: "mood", valueName: "mood", type: "checkbox", title: "Mood", pageIndex: 0, choices: [{ value: 1, text: "Good" }, { value: 2, text: "Bad" }] },
  { name: "note", valueName: "note", type: "comment", title: "Note", pageIndex: 0 },
];
const COLS = exportColumns(QUESTIONS, { leading: [{ name: "response_id", label: "Response", type: "string" }, { name: "weight", type: "numeric", spssFormat: "F12.6" }] });

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rp-xlsx-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function readBack(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name)!;
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };
  return { names: wb.worksheets.map((w) => w.name), data: sheet("data"), variables: sheet("variables") };
}

describe("createXlsxWriter", () => {
  it("writes a data sheet and a variables sheet (codes)", async () => {
    const file = path.join(dir, "codes.xlsx");
    const writer = createXlsxWriter(fs.createWriteStream(file), COLS, "codes");
    writer.addRow(rowValues(COLS, { sex: "f", mood: [2], note: "=1+1 \u0007bell" }, ["r1", 0.75], "codes"));
    writer.addRow(rowValues(COLS, {}, ["r2", null], "codes"));
    await writer.finish();
    const { names, data, variables } = await readBack(file);
    expect(names).toEqual(["data", "variables"]);
    expect(data[0]).toEqual(["response_id", "weight", "pol", "mood_1", "mood_2", "note"]);
    expect(data[1]).toEqual(["r1", 0.75, 2, 0, 1, "=1+1 bell"]);
    expect(data[2]).toEqual(["r2"]);
    expect(data).toHaveLength(3);
    expect(variables).toEqual([
      ["name", "label", "type", "value labels"],
      ["response_id", "Response", "string"],
      ["weight", "weight", "numeric"],
      ["pol", "Ваш пол", "numeric", "1 = Мужской\n2 = Женский"],
      ["mood_1", "Mood: Good", "numeric"],
      ["mood_2", "Mood: Bad", "numeric"],
      ["note", "Note", "string"],
    ]);
  });

  it("labels mode puts choice texts in the cells", async () => {
    const file = path.join(dir, "labels.xlsx");
    const writer = createXlsxWriter(fs.createWriteStream(file), COLS, "labels");
    writer.addRow(rowValues(COLS, { sex: "m", mood: [1, 2], note: "x".repeat(40_000) }, ["r1", 1], "labels"));
    await writer.finish();
    const { data, variables } = await readBack(file);
    expect(data[1]!.slice(0, 5)).toEqual(["r1", 1, "Мужской", 1, 1]);
    expect((data[1]![5] as string).length).toBe(32767);
    expect(variables[3]).toEqual(["pol", "Ваш пол", "string", "1 = Мужской\n2 = Женский"]);
  });

  it("commits rows as they are added: bytes reach the stream before finish()", async () => {
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done();
      },
    });
    const writer = createXlsxWriter(sink, COLS, "codes");
    const before = bytes;
    for (let i = 0; i < 20_000; i++) writer.addRow([`r${i}`, Math.random(), (i % 2) + 1, i % 2, 1, `note ${i} ${Math.random()}`]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const midway = bytes;
    await writer.finish();
    expect(midway).toBeGreaterThan(before + 100_000);
    expect(bytes).toBeGreaterThan(midway);
  });
});

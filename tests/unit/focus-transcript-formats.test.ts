/** Building blocks of transcript import: byte decoding, format detection, times and speaker labels. */
import { describe, expect, it } from "vitest";
import { decodeTranscriptBytes } from "../../app/domain/focus-groups/transcript-decode";
import { detectTranscriptFormat } from "../../app/domain/focus-groups/transcript-detect";
import { splitSpeaker } from "../../app/domain/focus-groups/transcript-speaker";
import {
  formatClockTime,
  formatPreciseTime,
  parseCueTime,
  parseLeadingTime,
  parseTimingLine,
} from "../../app/domain/focus-groups/transcript-timestamps";
import { encodeWindows1251, fixtureText } from "../fixtures/focus-groups/load";

describe("decodeTranscriptBytes", () => {
  it("strips BOMs and normalises line ends", () => {
    const r = decodeTranscriptBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("а\r\nб\rв")]));
    expect(r).toEqual({ ok: true, text: "а\nб\nв", encoding: "utf-8", warnings: [] });
  });

  it("reads UTF-16 big-endian with a BOM", () => {
    const r = decodeTranscriptBytes(new Uint8Array([0xfe, 0xff, 0x04, 0x14, 0x04, 0x30]));
    expect(r.ok && [r.text, r.encoding]).toEqual(["Да", "utf-16be"]);
  });

  it("falls back to Windows-1251 only when the bytes are not UTF-8", () => {
    const r = decodeTranscriptBytes(encodeWindows1251("Модератор: Ёлки — №1"));
    expect(r.ok && [r.text, r.encoding, r.warnings.map((w) => w.code)]).toEqual([
      "Модератор: Ёлки — №1",
      "windows-1251",
      ["decoded_as_windows_1251"],
    ]);
    // plain ASCII is valid UTF-8, so no warning for it
    expect(decodeTranscriptBytes(new TextEncoder().encode("M: ok"))).toMatchObject({
      ok: true,
      encoding: "utf-8",
      warnings: [],
    });
  });

  it("refuses a UTF-16 file cut in half and binary files", () => {
    expect(decodeTranscriptBytes(new Uint8Array([0xff, 0xfe, 0x14, 0x04, 0x30]))).toMatchObject({
      ok: false,
      errors: [{ code: "undecodable_text", params: { encoding: "UTF-16LE" } }],
    });
    expect(decodeTranscriptBytes(new TextEncoder().encode("%PDF-1.7"))).toMatchObject({
      ok: false,
      errors: [{ code: "not_text_file" }],
    });
    expect(decodeTranscriptBytes(new Uint8Array([0x41, 0x00, 0x42, 0x00]))).toMatchObject({
      ok: false,
      errors: [{ code: "not_text_file" }],
    });
  });
});

describe("detectTranscriptFormat", () => {
  it("decides by content first", () => {
    expect(detectTranscriptFormat(fixtureText("fg-yakutsk-teams.vtt"), "transcript.txt")).toBe("vtt");
    expect(detectTranscriptFormat(fixtureText("fg-mirny.srt"), "transcript.txt")).toBe("srt");
    expect(detectTranscriptFormat(fixtureText("fg-nyurba.txt"), "fg.txt")).toBe("plain");
    expect(detectTranscriptFormat("\uFEFFWEBVTT - Zoom\n\n")).toBe("vtt");
  });

  it("reads the decimal separator of timing lines when there is no header or cue number", () => {
    expect(detectTranscriptFormat("00:00:01,000 --> 00:00:02,000\nА: x")).toBe("srt");
    expect(detectTranscriptFormat("00:00:01.000 --> 00:00:02.000\nА: x")).toBe("vtt");
  });

  it("uses the extension only to break ties", () => {
    expect(detectTranscriptFormat("00:00:01,000 --> 00:00:02,000\nА: x", "a.VTT")).toBe("vtt");
    expect(detectTranscriptFormat("Модератор: текст", "broken.srt")).toBe("srt");
    expect(detectTranscriptFormat("Модератор: текст", "notes.docx")).toBe("plain");
    expect(detectTranscriptFormat("", undefined)).toBe("plain");
  });
});

describe("times", () => {
  it("parses WebVTT and SRT cue times, refusing minutes or seconds above 59", () => {
    expect(parseCueTime("01:02:03.456", "vtt")).toBe(3_723_456);
    expect(parseCueTime("02:03.456", "vtt")).toBe(123_456);
    expect(parseCueTime("100:00:00.000", "vtt")).toBe(360_000_000);
    expect(parseCueTime("01:02:03,456", "vtt")).toBeNull();
    expect(parseCueTime("00:60:00.000", "vtt")).toBeNull();
    expect(parseCueTime("1:02:03,456", "srt")).toBe(3_723_456);
    expect(parseCueTime("00:00:03.456", "srt")).toBe(3456); // a dot, as some tools write
    expect(parseCueTime("00:00:03,45", "srt")).toBeNull();
  });

  it("reads timing lines with cue settings", () => {
    expect(parseTimingLine("00:00:01.000 --> 00:00:02.500 line:0 position:20%", "vtt")).toEqual({
      kind: "timing",
      startMs: 1000,
      endMs: 2500,
    });
    expect(parseTimingLine("00:00:01.000 -> 00:00:02.500", "vtt")).toEqual({ kind: "none" });
    expect(parseTimingLine("00:00:01.000-->00:00:02.500", "vtt")).toEqual({
      kind: "malformed",
      value: "00:00:01.000-->00:00:02.500",
    });
  });

  it("reads leading marks of plain-text turns", () => {
    expect(parseLeadingTime("[00:01:23] М: да")).toEqual({ kind: "time", ms: 83_000, rest: "М: да" });
    expect(parseLeadingTime("[1:23.5] М: да")).toEqual({ kind: "time", ms: 83_500, rest: "М: да" });
    expect(parseLeadingTime("[1:2] М: да")).toEqual({ kind: "malformed", value: "1:2" });
    expect(parseLeadingTime("10:30 встретились")).toEqual({ kind: "none" });
    expect(parseLeadingTime("[примечание] текст")).toEqual({ kind: "none" });
  });

  it("formats times for messages and exports", () => {
    expect(formatPreciseTime(3_723_456)).toBe("01:02:03.456");
    expect(formatClockTime(3_723_456)).toBe("01:02:03");
  });
});

describe("splitSpeaker", () => {
  it("accepts names and codes, refuses sentences, links and clock times", () => {
    expect(splitSpeaker("Модератор (Ирина): Добрый день")).toEqual({ label: "Модератор (Ирина)", text: "Добрый день" });
    expect(splitSpeaker("У-03 : да")).toEqual({ label: "У-03", text: "да" });
    expect(splitSpeaker("Респондент №5:")).toEqual({ label: "Респондент №5", text: "" });
    expect(splitSpeaker("https://vk.com/adm_nyurba")).toBeNull();
    expect(splitSpeaker("В 10:30 мы были там")).toBeNull();
    expect(splitSpeaker("12: двенадцать")).toBeNull();
    expect(splitSpeaker("Я думаю, что главное вот: дороги")).toBeNull();
    expect(splitSpeaker("Когда мы с соседями пошли туда: закрыто")).toBeNull();
  });
});

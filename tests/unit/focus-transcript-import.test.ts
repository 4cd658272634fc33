/**
 * Transcript import from realistic Russian focus-group files (tests/fixtures/focus-groups):
 * Teams-style WebVTT, SRT, plain text with time marks, and the same plain text saved as
 * Windows-1251 or UTF-16. Bad files must be refused as a whole, with every problem and its line.
 */
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../app/domain/focus-groups/problems";
import { importTranscript, importTranscriptText } from "../../app/domain/focus-groups/transcript-import";
import type { TranscriptImportResult } from "../../app/domain/focus-groups/transcript-types";
import { encodeUtf16LeWithBom, encodeWindows1251, fixtureBytes, fixtureText } from "../fixtures/focus-groups/load";

const utf8 = (text: string) => new TextEncoder().encode(text);

function turnsOf(result: TranscriptImportResult) {
  if (!result.ok) throw new Error(`import failed: ${result.errors.map((e) => formatProblem(e, "en")).join("; ")}`);
  return result.turns;
}

function errorsOf(result: TranscriptImportResult) {
  expect(result.ok).toBe(false);
  // Nothing partial: a refused file carries no turns at all.
  expect("turns" in result).toBe(false);
  return result.ok ? [] : result.errors.map((e) => [e.code, e.line]);
}

describe("WebVTT (Teams export with voice tags)", () => {
  const result = importTranscript({ bytes: fixtureBytes("fg-yakutsk-teams.vtt"), fileName: "fg-yakutsk-teams.vtt" });

  it("reads voices, skips NOTE/STYLE blocks and cue settings, joins one speaker's consecutive cues", () => {
    expect(result.ok && result.format).toBe("vtt");
    expect(result.ok && result.encoding).toBe("utf-8");
    expect(turnsOf(result)).toEqual([
      {
        index: 0,
        speakerLabel: "Модератор",
        text: "Добрый вечер! Начнём с простого: откуда вы узнаёте новости района?",
        startMs: 3120,
        endMs: 9480,
        sourceLine: 13,
      },
      {
        index: 1,
        speakerLabel: "Ирина",
        text: "В основном из группы администрации во ВКонтакте, там быстрее всего пишут про отключения. Но на комментарии они почти не отвечают.",
        startMs: 10_000,
        endMs: 19_900,
        sourceLine: 17,
      },
      {
        index: 2,
        speakerLabel: "Сергей",
        text: "А я в Телеграм-канал мэрии смотрю, & ещё в чат дома.",
        startMs: 20_500,
        endMs: 26_000,
        sourceLine: 25,
      },
      {
        index: 3,
        speakerLabel: "Модератор",
        text: "Доверяете ли вы тому, что там пишут?",
        startMs: 62_000,
        endMs: 68_750,
        sourceLine: 31,
      },
      {
        index: 4,
        speakerLabel: "Сергей",
        text: "Доверяю, если есть фото и сроки. Без сроков это просто слова.",
        startMs: 70_000,
        endMs: 76_400,
        sourceLine: 35,
      },
    ]);
  });

  it("summarises speakers with their first line", () => {
    expect(result.ok && result.speakers).toEqual([
      { label: "Модератор", turns: 2, firstLine: 13, mappedTo: null },
      { label: "Ирина", turns: 1, firstLine: 17, mappedTo: null },
      { label: "Сергей", turns: 2, firstLine: 25, mappedTo: null },
    ]);
  });

  it("maps labels to participant codes and the moderator, case-insensitively", () => {
    const mapped = importTranscript({
      bytes: fixtureBytes("fg-yakutsk-teams.vtt"),
      speakerMap: { модератор: "moderator", "ИРИНА ": "У-01", Сергей: "У-02" },
    });
    expect(mapped.ok && mapped.speakers.map((s) => [s.label, s.mappedTo])).toEqual([
      ["Модератор", "moderator"],
      ["Ирина", "У-01"],
      ["Сергей", "У-02"],
    ]);
    expect(mapped.warnings).toEqual([]);
  });

  it("refuses the file when a speaker is not mapped, naming the first line of that speaker", () => {
    const mapped = importTranscript({
      bytes: fixtureBytes("fg-yakutsk-teams.vtt"),
      speakerMap: new Map([
        ["Модератор", "moderator"],
        ["Ирина", "У-01"],
        ["Пётр", "У-07"],
      ]),
    });
    expect(errorsOf(mapped)).toEqual([["unknown_speaker", 25]]);
    expect(mapped.ok ? "" : formatProblem(mapped.errors[0]!, "ru")).toBe(
      "Строка 25: Говорящий «Сергей» не сопоставлен ни с участником, ни с модератором",
    );
    expect(mapped.warnings.map((w) => [w.code, w.params.label])).toEqual([["unused_speaker_mapping", "Пётр"]]);
  });

  it("reads a UTF-8 BOM and a UTF-16 (Notepad 'Unicode') file the same way", () => {
    const text = fixtureText("fg-yakutsk-teams.vtt");
    const withBom = importTranscript({ bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]) });
    const utf16 = importTranscript({ bytes: encodeUtf16LeWithBom(text) });
    expect(withBom.ok && withBom.encoding).toBe("utf-8");
    expect(utf16.ok && utf16.encoding).toBe("utf-16le");
    expect(turnsOf(withBom)).toEqual(turnsOf(result));
    expect(turnsOf(utf16)).toEqual(turnsOf(result));
  });
});

describe("SRT", () => {
  const result = importTranscript({ bytes: fixtureBytes("fg-mirny.srt"), fileName: "fg-mirny.srt" });

  it("reads 'Speaker: text' cues, continues the speaker on cues without one, drops <i> tags", () => {
    expect(result.ok && result.format).toBe("srt");
    expect(turnsOf(result).map((t) => [t.speakerLabel, t.text, t.startMs, t.endMs, t.sourceLine])).toEqual([
      ["Модератор", "Здравствуйте! Расскажите, как вы оцениваете состояние дорог в Мирном этой весной?", 1000, 6500, 2],
      [
        "Участник 1",
        "Плохо. Ямы на Ленина так и не засыпали с прошлого года. Я писал в госпаблик, ответили через неделю.",
        7000,
        15_000,
        7,
      ],
      ["Участница 2", "А мне ответили в тот же день, но ничего не сделали.", 16_000, 21_800, 16],
      ["Модератор", "Спасибо. Перейдём к следующему вопросу.", 22_000, 25_000, 21],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("warns about a gap in cue numbers but keeps the file", () => {
    const text = "1\n00:00:01,000 --> 00:00:02,000\nА: раз\n\n3\n00:00:03,000 --> 00:00:04,000\nБ: два\n";
    const out = importTranscriptText(text);
    expect(out.ok).toBe(true);
    expect(out.warnings.map((w) => [w.code, w.line, w.params.expected])).toEqual([["srt_numbering", 5, 2]]);
  });
});

describe("plain text", () => {
  const result = importTranscript({ bytes: fixtureBytes("fg-nyurba.txt"), fileName: "fg-nyurba.txt" });

  it("reads [hh:mm:ss] marks, keeps continuation lines as paragraphs, skips the heading with a warning", () => {
    expect(result.ok && result.format).toBe("plain");
    expect(turnsOf(result).map((t) => [t.speakerLabel, t.startMs, t.sourceLine])).toEqual([
      ["Модератор", 5000, 4],
      ["Айсен", 12_000, 5],
      ["Туяра", 31_000, 7],
      ["Модератор", 40_000, 8],
      ["Туяра", 47_000, 9],
      ["Айсен", 65_000, 10],
    ]);
    expect(turnsOf(result)[1]!.text).toBe(
      "Я подписан. Читаю каждый день, особенно объявления про паводок.\nПрошлой весной только там и писали, когда откроют переправу.",
    );
    // A colon later in the line is speech, not a new speaker.
    expect(turnsOf(result)[4]!.text).toBe(
      "Чтобы отвечали на вопросы людей. Вопрос такой: почему в комментариях тишина?",
    );
    expect(turnsOf(result).every((t) => t.endMs === null)).toBe(true);
    expect(result.warnings.map((w) => [w.code, w.line])).toEqual([["text_before_first_speaker", 1]]);
  });

  it("decodes the same file saved as Windows-1251 and says so", () => {
    const cp1251 = importTranscript({
      bytes: encodeWindows1251(fixtureText("fg-nyurba.txt")),
      fileName: "fg-nyurba.txt",
    });
    expect(cp1251.ok && cp1251.encoding).toBe("windows-1251");
    expect(turnsOf(cp1251)).toEqual(turnsOf(result));
    expect(cp1251.warnings.map((w) => w.code)).toEqual(["decoded_as_windows_1251", "text_before_first_speaker"]);
  });

  it("accepts bare hh:mm:ss marks, (mm:ss) marks and a mark on its own line dating the next turn", () => {
    const out = importTranscriptText(
      "00:01:23 Модератор: начнём\n(01:30) У1: да\n[00:02:00]\nУ2: нет\n10:30 встретились у администрации",
    );
    expect(turnsOf(out).map((t) => [t.speakerLabel, t.startMs, t.text])).toEqual([
      ["Модератор", 83_000, "начнём"],
      ["У1", 90_000, "да"],
      ["У2", 120_000, "нет\n10:30 встретились у администрации"],
    ]);
  });

  it("warns when a label is used once in a longer transcript: it may be a sentence with a colon", () => {
    const text = "М: один\nУ1: два\nМ: три\nТема: доверие\nУ1: пять\nМ: шесть";
    expect(importTranscriptText(text).warnings.map((w) => [w.code, w.params.label, w.line])).toEqual([
      ["single_use_speaker", "Тема", 4],
    ]);
  });
});

describe("refused files", () => {
  it("an empty file, or one of only blank lines", () => {
    expect(errorsOf(importTranscript({ bytes: new Uint8Array() }))).toEqual([["empty_file", null]]);
    expect(errorsOf(importTranscript({ bytes: utf8(" \n\r\n\t\n") }))).toEqual([["empty_file", null]]);
  });

  it("a Word document instead of text", () => {
    const docx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(errorsOf(importTranscript({ bytes: docx, fileName: "расшифровка.docx" }))).toEqual([
      ["not_text_file", null],
    ]);
  });

  it("no speakers at all", () => {
    const out = importTranscriptText("просто текст без говорящих\nи ещё строка");
    expect(errorsOf(out)).toEqual([["no_speakers", null]]);
  });

  it("WebVTT without its header", () => {
    const out = importTranscriptText("00:00:01.000 --> 00:00:02.000\n<v А>текст</v>\n", { fileName: "x.vtt" });
    expect(out.format).toBe("vtt");
    expect(errorsOf(out)).toEqual([["missing_vtt_header", 1]]);
  });

  it("overlapping cues, out-of-order cues and a cue ending before it starts, each with its line", () => {
    const vtt = [
      "WEBVTT",
      "",
      "00:00:01.000 --> 00:00:05.000",
      "<v А>первая</v>",
      "",
      "00:00:04.000 --> 00:00:06.000",
      "<v Б>накладывается</v>",
      "",
      "00:00:03.000 --> 00:00:03.500",
      "<v А>назад во времени</v>",
      "",
      "00:00:09.000 --> 00:00:08.000",
      "<v Б>конец раньше начала</v>",
    ].join("\n");
    const out = importTranscriptText(vtt);
    expect(errorsOf(out)).toEqual([
      ["overlapping_cues", 6],
      ["out_of_order", 9],
      ["end_before_start", 12],
    ]);
    expect(out.ok ? "" : out.errors[0]!.ru).toBe(
      "Реплика начинается в 00:00:04.000, а предыдущая (строка 3) ещё идёт до 00:00:05.000: реплики накладываются",
    );
  });

  it("malformed timestamps in every format", () => {
    const vtt = "WEBVTT\n\n00:00:5.000 --> 00:00:06.000\nА: x\n\n00:61:00.000 --> 01:02:00.000\nА: y\n";
    expect(errorsOf(importTranscriptText(vtt))).toEqual([
      ["malformed_timestamp", 3],
      ["malformed_timestamp", 6],
    ]);
    const srt = "1\n00:00:01,5 --> 00:00:02,000\nА: x\n";
    const srtOut = importTranscriptText(srt, { fileName: "a.srt" });
    expect(errorsOf(srtOut)).toEqual([["malformed_timestamp", 2]]);
    expect(srtOut.ok ? "" : srtOut.errors[0]!.en).toBe('Time "00:00:01,5" is malformed: expected hh:mm:ss,ttt');
    const plain = "[00:00:10] М: вопрос\n[00:75:10] У1: ответ\n[00:00:05] М: раньше предыдущей";
    expect(errorsOf(importTranscriptText(plain))).toEqual([
      ["malformed_timestamp", 2],
      ["out_of_order", 3],
    ]);
  });

  it("a subtitle block without a timing line", () => {
    const vtt = "WEBVTT\n\ncue-1\nА: нет строки времени\n";
    expect(errorsOf(importTranscriptText(vtt))).toEqual([["malformed_cue", 3]]);
    const srt = "1\n00:00:01,000 --> 00:00:02,000\nА: x\n\nвторой блок\nбез номера\n";
    expect(errorsOf(importTranscriptText(srt, { format: "srt" }))).toEqual([["malformed_cue", 5]]);
  });

  it("a first cue nobody speaks", () => {
    const vtt =
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nшум в зале\n\n00:00:03.000 --> 00:00:04.000\n<v А>Начнём</v>\n";
    expect(errorsOf(importTranscriptText(vtt))).toEqual([["cue_without_speaker", 3]]);
  });

  it("caps a flood of errors, saying how many there were", () => {
    const lines = Array.from({ length: 60 }, (_, i) => `[00:99:${String(i).padStart(2, "0")}] М: x`);
    const out = importTranscriptText(lines.join("\n"));
    expect(out.ok).toBe(false);
    const errors = out.ok ? [] : out.errors;
    expect(errors).toHaveLength(51);
    expect(errors[50]!.code).toBe("too_many_errors");
    expect(errors[50]!.params).toEqual({ shown: 50, total: 60 });
  });
});

describe("cue details", () => {
  it("gives each voice of a multi-voice cue its own turn without calling it an overlap", () => {
    const vtt =
      "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Анна>Да!</v> <v Борис>Нет!</v>\n\n00:00:04.000 --> 00:00:05.000\n<v Анна>Ну вот.</v>\n";
    expect(turnsOf(importTranscriptText(vtt)).map((t) => [t.speakerLabel, t.text, t.startMs, t.endMs])).toEqual([
      ["Анна", "Да!", 1000, 4000],
      ["Борис", "Нет!", 1000, 4000],
      ["Анна", "Ну вот.", 4000, 5000],
    ]);
  });

  it("reads Zoom-style 'Name: text' cues, mm:ss.ttt times, entities and karaoke tags; warns on empty cues", () => {
    const vtt =
      "WEBVTT\n\n1\n00:01.000 --> 00:02.500\nОльга Н.: &lt;тишина&gt; <00:00:01.500>ну&nbsp;что ж\n\n2\n00:03.000 --> 00:04.000\n<b></b>\n";
    const out = importTranscriptText(vtt);
    expect(turnsOf(out).map((t) => [t.speakerLabel, t.text, t.startMs])).toEqual([
      ["Ольга Н.", "<тишина> ну что ж", 1000],
    ]);
    expect(out.warnings.map((w) => [w.code, w.line])).toEqual([["empty_cue", 8]]);
  });
});

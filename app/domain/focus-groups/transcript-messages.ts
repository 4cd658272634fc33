/** Sentences for transcript import problems: what is wrong and what to do about it. */
import { problemFactory, type Sentences } from "./problems";

export type TranscriptProblemCode =
  // errors: the import is refused
  | "empty_file"
  | "not_text_file"
  | "undecodable_text"
  | "missing_vtt_header"
  | "malformed_cue"
  | "malformed_timestamp"
  | "end_before_start"
  | "out_of_order"
  | "overlapping_cues"
  | "cue_without_speaker"
  | "no_speakers"
  | "unknown_speaker"
  | "too_many_errors"
  // warnings: the import goes ahead, a person should look
  | "decoded_as_windows_1251"
  | "text_before_first_speaker"
  | "empty_cue"
  | "srt_numbering"
  | "single_use_speaker"
  | "unused_speaker_mapping";

const SENTENCES: Sentences<TranscriptProblemCode> = {
  empty_file: {
    ru: () => "Файл пуст: в нём нет ни одной реплики",
    en: () => "The file is empty: it holds no speech at all",
  },
  not_text_file: {
    ru: () => "Файл не похож на текст (возможно, это .docx или .pdf): сохраните расшифровку как .txt, .vtt или .srt",
    en: () => "The file does not look like text (perhaps .docx or .pdf): save the transcript as .txt, .vtt or .srt",
  },
  undecodable_text: {
    ru: (p) => `Текст не читается в кодировке ${p.encoding}: файл повреждён или обрезан`,
    en: (p) => `The text cannot be read as ${p.encoding}: the file is damaged or cut short`,
  },
  missing_vtt_header: {
    ru: () => "Файл WebVTT должен начинаться со строки «WEBVTT»",
    en: () => 'A WebVTT file must start with the line "WEBVTT"',
  },
  malformed_cue: {
    ru: () => "Блок субтитров без строки времени вида «00:01:02.000 --> 00:01:05.000»",
    en: () => 'A subtitle block has no timing line like "00:01:02.000 --> 00:01:05.000"',
  },
  malformed_timestamp: {
    ru: (p) => `Время «${p.value}» записано неверно: нужно ${p.expected}`,
    en: (p) => `Time "${p.value}" is malformed: expected ${p.expected}`,
  },
  end_before_start: {
    ru: (p) => `Реплика кончается (${p.end}) раньше, чем начинается (${p.start})`,
    en: (p) => `The cue ends (${p.end}) before it starts (${p.start})`,
  },
  out_of_order: {
    ru: (p) =>
      `Время ${p.start} идёт раньше предыдущей реплики (${p.previous}, строка ${p.previousLine}): реплики перепутаны`,
    en: (p) =>
      `Time ${p.start} comes before the previous cue (${p.previous}, line ${p.previousLine}): cues are out of order`,
  },
  overlapping_cues: {
    ru: (p) =>
      `Реплика начинается в ${p.start}, а предыдущая (строка ${p.previousLine}) ещё идёт до ${p.previousEnd}: реплики накладываются`,
    en: (p) =>
      `The cue starts at ${p.start} while the previous one (line ${p.previousLine}) runs until ${p.previousEnd}: cues overlap`,
  },
  cue_without_speaker: {
    ru: () => "У реплики не указан говорящий, и раньше говорящих не было: добавьте «Имя: текст» или <v Имя>",
    en: () => 'The cue names no speaker and no earlier cue did either: add "Name: text" or <v Name>',
  },
  no_speakers: {
    ru: () => "В файле нет ни одного говорящего: реплики должны выглядеть как «Модератор: текст»",
    en: () => 'No speaker was found: turns must look like "Moderator: text"',
  },
  unknown_speaker: {
    ru: (p) => `Говорящий «${p.label}» не сопоставлен ни с участником, ни с модератором`,
    en: (p) => `Speaker "${p.label}" is mapped neither to a participant nor to the moderator`,
  },
  too_many_errors: {
    ru: (p) => `Показаны первые ${p.shown} ошибок из ${p.total}: исправьте их и загрузите файл снова`,
    en: (p) => `The first ${p.shown} of ${p.total} errors are shown: fix them and upload the file again`,
  },
  decoded_as_windows_1251: {
    ru: () => "Файл не в UTF-8 и прочитан как Windows-1251: проверьте, что русские буквы отображаются правильно",
    en: () => "The file is not UTF-8 and was read as Windows-1251: check that Cyrillic letters look right",
  },
  text_before_first_speaker: {
    ru: () => "Текст до первой реплики с говорящим пропущен (обычно это заголовок расшифровки)",
    en: () => "Text before the first turn with a speaker was skipped (usually the transcript's heading)",
  },
  empty_cue: {
    ru: () => "Пустая реплика пропущена",
    en: () => "An empty cue was skipped",
  },
  srt_numbering: {
    ru: (p) => `Номер субтитра ${p.actual}, а ожидался ${p.expected}: проверьте, не потерян ли блок`,
    en: (p) => `Subtitle number ${p.actual} where ${p.expected} was expected: check no block was lost`,
  },
  single_use_speaker: {
    ru: (p) => `Говорящий «${p.label}» встречается один раз: возможно, это не имя, а начало фразы с двоеточием`,
    en: (p) => `Speaker "${p.label}" appears only once: it may be the start of a sentence with a colon, not a name`,
  },
  unused_speaker_mapping: {
    ru: (p) => `Сопоставление для «${p.label}» не понадобилось: такого говорящего в файле нет`,
    en: (p) => `The mapping for "${p.label}" was not used: no such speaker in the file`,
  },
};

export const transcriptProblem = problemFactory(SENTENCES);

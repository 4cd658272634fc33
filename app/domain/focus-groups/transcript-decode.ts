/**
 * Bytes of an uploaded transcript -> text. Transcribers in the region save from Word, Notepad
 * or a subtitle tool, so a file is UTF-8 (with or without BOM), UTF-16 with a BOM (Notepad's
 * "Unicode"), or the old Windows Cyrillic code page. Strict UTF-8 decoding decides between the
 * last two: text in Windows-1251 with any Cyrillic letter is practically never valid UTF-8.
 */
import { transcriptProblem } from "./transcript-messages";
import type { TranscriptEncoding, TranscriptProblem } from "./transcript-types";

export type DecodeResult =
  | { ok: true; text: string; encoding: TranscriptEncoding; warnings: TranscriptProblem[] }
  | { ok: false; encoding: TranscriptEncoding | null; errors: TranscriptProblem[] };

/** Office files are zip archives ("PK\3\4"), PDFs start "%PDF": say so instead of decoding junk. */
function looksBinary(bytes: Uint8Array): boolean {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return true;
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return true;
  // NUL never occurs in text saved as UTF-8 or a code page; UTF-16 without a BOM is not supported.
  const head = bytes.subarray(0, 4096);
  return head.includes(0);
}

function strictDecode(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function bomOf(bytes: Uint8Array): { encoding: TranscriptEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

/** Line ends become "\n" so every reader counts lines the same way. */
const normaliseNewlines = (text: string) => text.replace(/\r\n?/g, "\n");

export function decodeTranscriptBytes(bytes: Uint8Array): DecodeResult {
  const bom = bomOf(bytes);
  if (bom) {
    const text = strictDecode(bytes.subarray(bom.length), bom.encoding);
    if (text === null) {
      return {
        ok: false,
        encoding: bom.encoding,
        errors: [transcriptProblem("undecodable_text", null, { encoding: bom.encoding.toUpperCase() })],
      };
    }
    return { ok: true, text: normaliseNewlines(text), encoding: bom.encoding, warnings: [] };
  }
  if (looksBinary(bytes)) return { ok: false, encoding: null, errors: [transcriptProblem("not_text_file", null)] };
  const utf8 = strictDecode(bytes, "utf-8");
  if (utf8 !== null) return { ok: true, text: normaliseNewlines(utf8), encoding: "utf-8", warnings: [] };
  // Every byte has a meaning in Windows-1251 (0x98 decodes to U+FFFD), so this cannot fail.
  const cp1251 = new TextDecoder("windows-1251").decode(bytes);
  return {
    ok: true,
    text: normaliseNewlines(cp1251),
    encoding: "windows-1251",
    warnings: [transcriptProblem("decoded_as_windows_1251", null)],
  };
}

/**
 * The briefing's drawing kit on top of pdfkit: the document (A4, DejaVu Sans for Cyrillic),
 * colours, safe text boxes, and the flow helpers the charts and tables share.
 *
 * Every text box is drawn with a fixed width and height, so pdfkit never adds a page behind the
 * layout's back: page breaks happen only in `ensureSpace`, where the tables and charts decide.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import type { Grade } from "./briefing-model";
import type { GradeKey } from "./briefing-pdf-text";

export type Doc = PDFKit.PDFDocument;

export const REGULAR = "briefing-regular";
export const BOLD = "briefing-bold";

export const COLOURS = {
  text: "#212121",
  muted: "#616161",
  rule: "#bdbdbd",
  grid: "#e0e0e0",
  headerFill: "#eceff1",
  zebra: "#f7f8f9",
  accent: "#1565c0",
  grade: { green: "#2e7d32", yellow: "#f9a825", red: "#c62828", none: "#9e9e9e" } satisfies Record<GradeKey, string>,
  /** text drawn on a grade colour: white reads badly on yellow */
  onGrade: { green: "#ffffff", yellow: "#212121", red: "#ffffff", none: "#ffffff" } satisfies Record<GradeKey, string>,
};

export const gradeKey = (grade: Grade | null): GradeKey => grade ?? "none";

export const MARGINS = { top: 62, bottom: 54, left: 42, right: 42 };

// The fonts ship in the dejavu-fonts-ttf package (ttf/). Resolving through package.json works
// from the TypeScript sources (tsx, vitest) and from the esbuild bundle, which keeps packages
// external, so node_modules is found the ordinary way from either place.
let fontDirectory: string | undefined;
function fontFile(name: string): string {
  fontDirectory ??= join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
  return join(fontDirectory, name);
}

export function createDoc(info: { title: string; subject: string; lang: string; createdAt: Date | null }): Doc {
  // pdfkit stamps "now" unless told; the report's own time keeps the file reproducible. An
  // undefined CreationDate would crash pdfkit's file id, so the keys are left out instead.
  const dates = info.createdAt ? { CreationDate: info.createdAt, ModDate: info.createdAt } : {};
  const doc = new PDFDocument({
    size: "A4",
    layout: "portrait",
    margins: MARGINS,
    bufferPages: true,
    lang: info.lang,
    displayTitle: true,
    info: { Title: info.title, Subject: info.subject, Author: "Region Pulse", Creator: "Region Pulse", ...dates },
  });
  // Registered names, not paths, everywhere: pdfkit 0.20 re-reads and re-parses a TTF on every
  // doc.font() call for a second name of an already open font (the path given to the
  // constructor, then a registered alias), which made a 2,000-row briefing take a minute.
  doc.registerFont(REGULAR, fontFile("DejaVuSans.ttf"));
  doc.registerFont(BOLD, fontFile("DejaVuSans-Bold.ttf"));
  doc.font(REGULAR).fillColor(COLOURS.text);
  return doc;
}

export const contentLeft = (doc: Doc) => doc.page.margins.left;
export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
export const contentBottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

export function newPage(doc: Doc): void {
  doc.addPage();
  doc.x = contentLeft(doc);
  doc.y = doc.page.margins.top;
}

/** Starts a new page unless `height` more points fit above the bottom margin. */
export function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= contentBottom(doc)) return false;
  newPage(doc);
  return true;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MAX_TEXT = 400;

/**
 * Report texts are data: control characters, line and paragraph separators and invisible format
 * characters (bidi overrides and the like) become spaces or go, whitespace collapses, broken
 * UTF-16 is replaced, and very long texts are cut. Long words are left to the line wrapper, which
 * breaks them inside the box, and the box's line limit ends them with an ellipsis.
 */
export function cleanText(value: string | null | undefined): string {
  if (value == null) return "";
  let text = String(value)
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(/[\p{Cc}\u2028\u2029]/gu, " ")
    .replace(/(?!\u00AD)\p{Cf}/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length > MAX_TEXT) text = `${Array.from(text).slice(0, MAX_TEXT - 1).join("").trimEnd()}…`;
  return text;
}

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
  align?: "left" | "center" | "right";
  /** most lines the box may take; the last one ends with an ellipsis when the text is longer */
  lines?: number;
}

function applyStyle(doc: Doc, style: TextStyle): number {
  doc.font(style.bold ? BOLD : REGULAR).fontSize(style.size).fillColor(style.color ?? COLOURS.text);
  return doc.currentLineHeight(true);
}

export function lineHeight(doc: Doc, style: TextStyle): number {
  return applyStyle(doc, style);
}

/** How many lines `text` takes in a box `width` wide, capped at the style's line limit. */
export function measureLines(doc: Doc, text: string, width: number, style: TextStyle): number {
  const lh = applyStyle(doc, style);
  if (text === "") return 1;
  const lines = Math.max(1, Math.round(doc.heightOfString(text, { width, lineGap: 0 }) / lh));
  return Math.min(lines, style.lines ?? 1);
}

/** Height of `text` in a box `width` wide, in points. */
export function measureText(doc: Doc, text: string, width: number, style: TextStyle): number {
  return measureLines(doc, text, width, style) * lineHeight(doc, style);
}

/**
 * Draws already cleaned text in a box at (x, y), at most `style.lines` lines, and leaves the
 * cursor where it was. Returns the height used.
 */
export function drawText(doc: Doc, text: string, x: number, y: number, width: number, style: TextStyle): number {
  const height = measureText(doc, text, width, style);
  drawTextBox(doc, text, x, y, width, style);
  return height;
}

/** `drawText` for a caller that has measured the text already (the tables, row by row). */
export function drawTextBox(doc: Doc, text: string, x: number, y: number, width: number, style: TextStyle): void {
  if (text === "" || width <= 0) return;
  const { x: cursorX, y: cursorY } = doc;
  const lh = applyStyle(doc, style);
  doc.text(text, x, y, {
    width,
    // a fixed height both caps the lines (ending the last with "…") and stops pdfkit from
    // starting a page of its own when the box is near the bottom margin
    height: (style.lines ?? 1) * lh + 0.5,
    ellipsis: true,
    align: style.align ?? "left",
    lineGap: 0,
  });
  doc.x = cursorX;
  doc.y = cursorY;
}

export interface Section {
  title: string;
  /** 0-based index of the page the section starts on */
  page: number;
}
const sections = new WeakMap<Doc, Section[]>();

/** The sections drawn so far, for the cover's contents. */
export const sectionsOf = (doc: Doc): readonly Section[] => sections.get(doc) ?? [];

/**
 * A section title; moves to a new page unless the title and `keepWith` points below it fit.
 * Each section is also a bookmark of the PDF and a line of the cover's contents.
 */
export function sectionTitle(doc: Doc, title: string, keepWith: number): void {
  const style: TextStyle = { size: 13, bold: true, lines: 2 };
  const width = contentWidth(doc);
  const height = measureText(doc, title, width, style);
  ensureSpace(doc, height + 8 + keepWith);
  const list = sections.get(doc) ?? [];
  list.push({ title, page: doc.bufferedPageRange().count - 1 });
  sections.set(doc, list);
  doc.outline.addItem(title);
  drawText(doc, title, contentLeft(doc), doc.y, width, style);
  doc.y += height + 8;
}

/** A rounded label in the grade's colour ("зелёная зона"). */
export function gradeChip(doc: Doc, grade: GradeKey, label: string, x: number, y: number, width: number, size = 7): number {
  const style: TextStyle = { size, bold: true, color: COLOURS.onGrade[grade], align: "center" };
  const height = lineHeight(doc, style) + 3;
  doc.save().roundedRect(x, y, width, height, 3).fill(COLOURS.grade[grade]).restore();
  drawText(doc, label, x + 2, y + 1.5, width - 4, style);
  return height;
}

/** Horizontal rule across the content width at the cursor. */
export function rule(doc: Doc, y = doc.y, color: string = COLOURS.rule): void {
  doc.save().moveTo(contentLeft(doc), y).lineTo(contentLeft(doc) + contentWidth(doc), y).lineWidth(0.5).strokeColor(color).stroke().restore();
}

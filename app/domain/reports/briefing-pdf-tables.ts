/**
 * The briefing's tables: rankings (top and bottom ten, each peer group in full) and territories.
 * A table paginates by whole rows: a row that does not fit above the bottom margin starts a new
 * page, which repeats the title (marked as continued) and the header row. Every cell has a line
 * limit, so no row can be taller than a page.
 */
import type { BriefingRow, BriefingTerritory } from "./briefing-model";
import {
  COLOURS,
  cleanText,
  contentBottom,
  contentLeft,
  contentWidth,
  drawText,
  drawTextBox,
  gradeChip,
  gradeKey,
  lineHeight,
  measureText,
  newPage,
  sectionTitle,
  type Doc,
  type TextStyle,
} from "./briefing-pdf-kit";
import { formatCount, formatScore, type BriefingLocale, type BriefingStrings, type GradeKey } from "./briefing-pdf-text";

/** a text (with an optional small grey line under it) or a grade chip */
export type Cell = { text: string; color?: string; bold?: boolean; note?: string } | { chip: GradeKey; label: string };

export interface Column<R> {
  header: string;
  /** relative width; the columns share the content width in these proportions */
  width: number;
  align?: "left" | "center" | "right";
  /** line limit of the column's cells */
  lines?: number;
  cell: (row: R) => Cell;
}

const FONT_SIZE = 7.5;
// column widths leave room for the longest header word at this size, in both languages
const HEADER_SIZE = 7;
const PAD_X = 3;
const PAD_Y = 3;
const NOTE_STYLE: TextStyle = { size: 6.5, color: COLOURS.muted, lines: 2 };
const CHIP_SIZE = 6.5;

const cellStyle = (column: Column<unknown>, cell: { color?: string; bold?: boolean }): TextStyle => ({
  size: FONT_SIZE,
  bold: cell.bold,
  color: cell.color,
  align: column.align,
  lines: column.lines ?? 1,
});

export interface TableOptions {
  /** a table that fits on one page starts a new page rather than break (top ten, territories) */
  keepTogether?: boolean;
  /** the line shown when there are no rows (default: no organisations in this period) */
  emptyText?: string;
}

export function drawTable<R>(doc: Doc, title: string, columns: Column<R>[], rows: readonly R[], t: BriefingStrings, options: TableOptions = {}): void {
  const left = contentLeft(doc);
  const total = contentWidth(doc);
  const share = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / share) * total);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((sum, w) => sum + w, 0));
  const headerStyle = (column: Column<R>): TextStyle => ({ size: HEADER_SIZE, bold: true, color: COLOURS.muted, align: column.align, lines: 3 });
  const headerHeight = Math.max(...columns.map((c, i) => measureText(doc, c.header, widths[i]! - 2 * PAD_X, headerStyle(c)))) + 2 * PAD_Y;

  const measureCell = (cell: Cell, i: number) => {
    if ("chip" in cell) return lineHeight(doc, { size: CHIP_SIZE, bold: true }) + 3;
    const width = widths[i]! - 2 * PAD_X;
    const text = measureText(doc, cell.text, width, cellStyle(columns[i] as Column<unknown>, cell));
    return cell.note ? text + 1 + measureText(doc, cell.note, width, NOTE_STYLE) : text;
  };
  const measureRow = (cells: Cell[]) => Math.max(...cells.map(measureCell)) + 2 * PAD_Y;

  const drawHeader = () => {
    const y = doc.y;
    doc.save().rect(left, y, total, headerHeight).fill(COLOURS.headerFill).restore();
    columns.forEach((c, i) => drawTextBox(doc, c.header, xs[i]! + PAD_X, y + PAD_Y, widths[i]! - 2 * PAD_X, headerStyle(c)));
    doc.y = y + headerHeight;
  };

  const emptyHeight = lineHeight(doc, { size: 8 }) + 2 * PAD_Y;
  const firstCells = rows.length > 0 ? columns.map((c) => c.cell(rows[0]!)) : null;
  let keepWith = headerHeight + (firstCells ? measureRow(firstCells) : emptyHeight);
  if (options.keepTogether && firstCells) {
    const whole = headerHeight + rows.reduce((sum, row, i) => sum + (i === 0 ? keepWith - headerHeight : measureRow(columns.map((c) => c.cell(row)))), 0);
    // only when the whole table fits on an empty page: a longer one simply flows
    if (whole + 40 <= contentBottom(doc) - doc.page.margins.top) keepWith = whole;
  }
  sectionTitle(doc, title, keepWith);
  drawHeader();
  if (!firstCells) {
    drawText(doc, options.emptyText ?? t.noOrganisations, left + PAD_X, doc.y + PAD_Y, total - 2 * PAD_X, { size: 8, color: COLOURS.muted });
    doc.y += emptyHeight + 12;
    return;
  }

  rows.forEach((row, index) => {
    const cells = index === 0 ? firstCells : columns.map((c) => c.cell(row));
    const height = measureRow(cells);
    if (doc.y + height > contentBottom(doc)) {
      newPage(doc);
      drawText(doc, `${title} ${t.continued}`, left, doc.y, total, { size: 9, color: COLOURS.muted });
      doc.y += 16;
      drawHeader();
    }
    const y = doc.y;
    if (index % 2 === 1) doc.save().rect(left, y, total, height).fill(COLOURS.zebra).restore();
    cells.forEach((cell, i) => {
      const width = widths[i]! - 2 * PAD_X;
      if ("chip" in cell) {
        gradeChip(doc, cell.chip, cell.label, xs[i]! + PAD_X, y + PAD_Y, width, CHIP_SIZE);
        return;
      }
      const style = cellStyle(columns[i] as Column<unknown>, cell);
      drawTextBox(doc, cell.text, xs[i]! + PAD_X, y + PAD_Y, width, style);
      if (cell.note) drawTextBox(doc, cell.note, xs[i]! + PAD_X, y + PAD_Y + measureText(doc, cell.text, width, style) + 1, width, NOTE_STYLE);
    });
    doc.save().moveTo(left, y + height).lineTo(left + total, y + height).lineWidth(0.25).strokeColor(COLOURS.grid).stroke().restore();
    doc.y = y + height;
  });
  doc.y += 14;
}

function movementCell(row: BriefingRow, t: BriefingStrings): Cell {
  const delta = row.rank != null && row.previousRank != null ? Math.abs(row.previousRank - row.rank) : null;
  switch (row.movement) {
    case "up":
      return { text: delta ? `▲ ${delta}` : "▲", color: COLOURS.grade.green, bold: true };
    case "down":
      return { text: delta ? `▼ ${delta}` : "▼", color: COLOURS.grade.red, bold: true };
    case "same":
      return { text: t.movement.same, color: COLOURS.muted };
    case "new":
      return { text: t.movement.new, color: COLOURS.accent };
    default:
      return { text: t.movement.unranked, color: COLOURS.muted };
  }
}

/**
 * Columns of a ranking. Ranks are within a peer group, so a list across groups (top and bottom
 * ten) names the rank "in group" and shows each organisation's group under its name.
 */
export function rankingColumns(locale: BriefingLocale, t: BriefingStrings, peerGroupLabels?: ReadonlyMap<string, string>): Column<BriefingRow>[] {
  const c = t.columns;
  return [
    {
      header: peerGroupLabels ? c.rankInGroup : c.rank,
      width: 34,
      align: "right",
      cell: (r) => ({ text: r.rank != null ? formatCount(locale, r.rank) : "—", bold: true }),
    },
    { header: c.movement, width: 48, align: "center", cell: (r) => movementCell(r, t) },
    {
      header: c.organisation,
      width: 118,
      // the name is what the reader looks for: it gets the most lines
      lines: 8,
      cell: (r) => ({ text: cleanText(r.organisation) || "—", note: peerGroupLabels ? cleanText(peerGroupLabels.get(r.peerGroup) ?? r.peerGroup) : undefined }),
    },
    { header: c.territory, width: 76, lines: 3, cell: (r) => ({ text: cleanText(r.territory) || "—" }) },
    { header: c.score, width: 34, align: "right", cell: (r) => ({ text: formatScore(locale, r.score), bold: true }) },
    { header: c.grade, width: 42, cell: (r) => ({ chip: gradeKey(r.grade), label: t.gradeChips[gradeKey(r.grade)] }) },
    {
      header: c.cappedBy,
      width: 80,
      lines: 4,
      cell: (r) => {
        const text = r.cappedBy.map(cleanText).filter(Boolean).join("; ");
        return text ? { text, color: COLOURS.grade.red } : { text: "—", color: COLOURS.muted };
      },
    },
    { header: c.topFix, width: 79, lines: 4, cell: (r) => ({ text: cleanText(r.topFix) || "—" }) },
  ];
}

export function territoryColumns(locale: BriefingLocale, t: BriefingStrings): Column<BriefingTerritory>[] {
  const c = t.columns;
  const count = (n: number) => ({ text: formatCount(locale, n) });
  return [
    { header: c.territory, width: 155, lines: 2, cell: (r) => ({ text: cleanText(r.name) || "—" }) },
    { header: c.organisations, width: 66, align: "right", cell: (r) => count(r.organisations) },
    { header: c.meanScore, width: 62, align: "right", cell: (r) => ({ text: formatScore(locale, r.meanScore), bold: true }) },
    { header: c.grade, width: 60, cell: (r) => ({ chip: gradeKey(r.grade), label: t.gradeChips[gradeKey(r.grade)] }) },
    { header: t.grades.green, width: 56, align: "right", cell: (r) => count(r.green) },
    { header: t.grades.yellow, width: 56, align: "right", cell: (r) => count(r.yellow) },
    { header: t.grades.red, width: 56, align: "right", cell: (r) => count(r.red) },
  ];
}

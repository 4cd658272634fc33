/**
 * The briefing's charts, drawn as vector graphics with pdfkit primitives: the grade stack of the
 * cover, the grade distribution bars, the score history line and the per-territory bars.
 */
import type { BriefingReport } from "./briefing-model";
import {
  BOLD,
  COLOURS,
  contentBottom,
  contentLeft,
  contentWidth,
  drawText,
  gradeKey,
  lineHeight,
  newPage,
  sectionTitle,
  cleanText,
  type Doc,
} from "./briefing-pdf-kit";
import { formatCount, formatScore, type BriefingStrings, type GradeKey } from "./briefing-pdf-text";

const GRADE_ORDER: GradeKey[] = ["green", "yellow", "red", "none"];

type Grades = BriefingReport["summary"]["grades"];
const totalOf = (grades: Grades) => grades.green + grades.yellow + grades.red + grades.none;

function percent(locale: BriefingReport["locale"], part: number, total: number): string {
  if (total <= 0) return "";
  return new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { style: "percent", maximumFractionDigits: 0 }).format(part / total);
}

function noData(doc: Doc, t: BriefingStrings, x: number, y: number, width: number, height: number): void {
  doc.save().rect(x, y, width, height).lineWidth(0.5).strokeColor(COLOURS.grid).stroke().restore();
  const style = { size: 10, color: COLOURS.muted, align: "center" as const };
  drawText(doc, t.noData, x, y + height / 2 - lineHeight(doc, style) / 2, width, style);
}

/** The cover's 100% bar: one segment per grade, the count inside when it fits, a legend below. */
export function drawGradeStack(doc: Doc, report: BriefingReport, t: BriefingStrings, y: number): number {
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const height = 22;
  const grades = report.summary.grades;
  const total = totalOf(grades);
  if (total === 0) {
    noData(doc, t, x, y, width, height);
  } else {
    let left = x;
    for (const key of GRADE_ORDER) {
      const count = grades[key];
      if (count <= 0) continue;
      const segment = (count / total) * width;
      doc.save().rect(left, y, segment, height).fill(COLOURS.grade[key]).restore();
      const label = formatCount(report.locale, count);
      const style = { size: 9, bold: true, color: COLOURS.onGrade[key], align: "center" as const };
      doc.font(BOLD).fontSize(9);
      if (doc.widthOfString(label) + 6 <= segment) drawText(doc, label, left, y + (height - lineHeight(doc, style)) / 2, segment, style);
      left += segment;
    }
  }
  // legend: a swatch and "зелёная зона — 12 (30 %)" per grade, in four equal columns
  const legendY = y + height + 8;
  const column = width / GRADE_ORDER.length;
  let legendHeight = 0;
  GRADE_ORDER.forEach((key, i) => {
    const lx = x + i * column;
    doc.save().rect(lx, legendY + 1, 8, 8).fill(COLOURS.grade[key]).restore();
    const share = percent(report.locale, grades[key], total);
    const text = `${t.grades[key]} — ${formatCount(report.locale, grades[key])}${share ? ` (${share})` : ""}`;
    legendHeight = Math.max(legendHeight, drawText(doc, text, lx + 12, legendY, column - 16, { size: 8, lines: 2 }));
  });
  return height + 8 + legendHeight;
}

/** A step of 1, 2 or 5 times a power of ten giving about four gridlines up to `max`. */
function niceStep(max: number): number {
  const raw = Math.max(max / 4, 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) if (factor * magnitude >= raw) return factor * magnitude;
  return 10 * magnitude;
}

function gridline(doc: Doc, x1: number, y1: number, x2: number, y2: number, color: string = COLOURS.grid): void {
  doc.save().moveTo(x1, y1).lineTo(x2, y2).lineWidth(0.5).strokeColor(color).stroke().restore();
}

export function drawGradeDistribution(doc: Doc, report: BriefingReport, t: BriefingStrings): void {
  const height = 170;
  sectionTitle(doc, t.gradeDistribution, height);
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const top = doc.y;
  const grades = report.summary.grades;
  const total = totalOf(grades);
  if (total === 0) {
    noData(doc, t, x, top, width, height);
    doc.y = top + height + 16;
    return;
  }
  const axis = 30;
  const plotLeft = x + axis;
  const plotWidth = width - axis;
  const plotTop = top + 14;
  const plotBottom = top + height - 30;
  const max = Math.max(...GRADE_ORDER.map((key) => grades[key]));
  const step = niceStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const yAt = (value: number) => plotBottom - (value / ceiling) * (plotBottom - plotTop);
  const tick = { size: 7, color: COLOURS.muted, align: "right" as const };
  for (let value = 0; value <= ceiling; value += step) {
    gridline(doc, plotLeft, yAt(value), plotLeft + plotWidth, yAt(value), value === 0 ? COLOURS.rule : COLOURS.grid);
    drawText(doc, formatCount(report.locale, value), x, yAt(value) - 4, axis - 6, tick);
  }
  const slot = plotWidth / GRADE_ORDER.length;
  const barWidth = Math.min(70, slot * 0.5);
  GRADE_ORDER.forEach((key, i) => {
    const count = grades[key];
    const barX = plotLeft + i * slot + (slot - barWidth) / 2;
    if (count > 0) doc.save().rect(barX, yAt(count), barWidth, plotBottom - yAt(count)).fill(COLOURS.grade[key]).restore();
    drawText(doc, formatCount(report.locale, count), plotLeft + i * slot, yAt(count) - 12, slot, { size: 9, bold: true, align: "center" });
    const share = percent(report.locale, count, total);
    drawText(doc, `${t.grades[key]}${share ? ` (${share})` : ""}`, plotLeft + i * slot + 2, plotBottom + 5, slot - 4, {
      size: 8,
      align: "center",
      lines: 2,
    });
  });
  doc.y = top + height + 16;
}

export function drawHistory(doc: Doc, report: BriefingReport, t: BriefingStrings): void {
  const height = 190;
  sectionTitle(doc, t.history, height);
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const top = doc.y;
  const points = report.history.map((p) => ({ label: cleanText(p.periodLabel), score: p.meanScore != null && Number.isFinite(p.meanScore) ? p.meanScore : null }));
  if (!points.some((p) => p.score != null)) {
    noData(doc, t, x, top, width, height);
    doc.y = top + height + 16;
    return;
  }
  const axis = 30;
  const plotLeft = x + axis;
  const plotRight = x + width - 8;
  const plotTop = top + 8;
  const plotBottom = top + height - 30;
  const clamp = (score: number) => Math.min(100, Math.max(0, score));
  const yAt = (score: number) => plotBottom - (clamp(score) / 100) * (plotBottom - plotTop);
  const tick = { size: 7, color: COLOURS.muted, align: "right" as const };
  for (let value = 0; value <= 100; value += 20) {
    gridline(doc, plotLeft, yAt(value), plotRight, yAt(value), value === 0 ? COLOURS.rule : COLOURS.grid);
    drawText(doc, String(value), x, yAt(value) - 4, axis - 6, tick);
  }
  const n = points.length;
  const inset = 14;
  const xAt = (i: number) => (n === 1 ? (plotLeft + plotRight) / 2 : plotLeft + inset + (i * (plotRight - plotLeft - 2 * inset)) / (n - 1));
  // a missing period breaks the line rather than being drawn as zero
  doc.save().lineWidth(1.5).strokeColor(COLOURS.accent);
  let drawing = false;
  points.forEach((p, i) => {
    if (p.score == null) {
      drawing = false;
      return;
    }
    if (drawing) doc.lineTo(xAt(i), yAt(p.score));
    else doc.moveTo(xAt(i), yAt(p.score));
    drawing = true;
  });
  doc.stroke().restore();
  const slot = n === 1 ? plotRight - plotLeft : (plotRight - plotLeft - 2 * inset) / (n - 1);
  // with many periods only every few are labelled, counted back from the latest so it always is
  const every = Math.max(1, Math.ceil(52 / slot));
  const labelWidth = Math.min(slot * every, 90);
  const latest = points.findLastIndex((p) => p.score != null);
  points.forEach((p, i) => {
    if (p.score != null) {
      doc.save().circle(xAt(i), yAt(p.score), i === latest ? 3.5 : 2.5).fill(COLOURS.accent).restore();
      if (every === 1 || i === latest) {
        drawText(doc, formatScore(report.locale, p.score, 1), xAt(i) - 24, yAt(p.score) - 13, 48, { size: 7, bold: i === latest, align: "center" });
      }
    }
    if ((n - 1 - i) % every === 0) {
      drawText(doc, p.label, xAt(i) - labelWidth / 2, plotBottom + 5, labelWidth, { size: 7, color: COLOURS.muted, align: "center", lines: 2 });
    }
  });
  doc.y = top + height + 16;
}

export function drawTerritoryBars(doc: Doc, report: BriefingReport, t: BriefingStrings): void {
  const rowHeight = 15;
  const axisHeight = 16;
  const territories = report.territories
    .map((territory) => ({ ...territory, name: cleanText(territory.name), meanScore: territory.meanScore != null && Number.isFinite(territory.meanScore) ? territory.meanScore : null }))
    .sort((a, b) => (b.meanScore ?? -1) - (a.meanScore ?? -1) || a.name.localeCompare(b.name, report.locale));
  sectionTitle(doc, t.territoryScores, rowHeight * Math.min(Math.max(territories.length, 1), 3) + axisHeight);
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  if (territories.length === 0) {
    noData(doc, t, x, doc.y, width, 40);
    doc.y += 56;
    return;
  }
  const nameWidth = 180;
  const valueWidth = 44;
  const barLeft = x + nameWidth + 8;
  const barWidth = width - nameWidth - 8 - valueWidth;
  let next = 0;
  while (next < territories.length) {
    const fit = Math.floor((contentBottom(doc) - doc.y - axisHeight) / rowHeight);
    if (fit < 1) {
      newPage(doc);
      drawText(doc, `${t.territoryScores} ${t.continued}`, x, doc.y, width, { size: 9, color: COLOURS.muted });
      doc.y += 16;
      continue;
    }
    const chunk = territories.slice(next, next + fit);
    const top = doc.y;
    const bottom = top + chunk.length * rowHeight;
    for (const value of [0, 25, 50, 75, 100]) {
      const gx = barLeft + (value / 100) * barWidth;
      gridline(doc, gx, top, gx, bottom, value === 0 ? COLOURS.rule : COLOURS.grid);
      drawText(doc, String(value), gx - 15, bottom + 3, 30, { size: 7, color: COLOURS.muted, align: "center" });
    }
    chunk.forEach((territory, i) => {
      const rowY = top + i * rowHeight;
      drawText(doc, territory.name, x, rowY + 3, nameWidth, { size: 8, align: "right" });
      if (territory.meanScore == null) {
        drawText(doc, t.noData, barLeft + 4, rowY + 3, barWidth, { size: 8, color: COLOURS.muted });
        return;
      }
      const length = (Math.min(100, Math.max(0, territory.meanScore)) / 100) * barWidth;
      doc.save().rect(barLeft, rowY + 2.5, Math.max(length, 0.5), rowHeight - 5).fill(COLOURS.grade[gradeKey(territory.grade)]).restore();
      drawText(doc, formatScore(report.locale, territory.meanScore, 1), barLeft + barWidth + 4, rowY + 3, valueWidth - 4, { size: 8, bold: true });
    });
    doc.y = bottom + axisHeight + 8;
    next += chunk.length;
    if (next < territories.length) {
      newPage(doc);
      drawText(doc, `${t.territoryScores} ${t.continued}`, x, doc.y, width, { size: 9, color: COLOURS.muted });
      doc.y += 16;
    }
  }
}

/**
 * The governor's printable briefing: the BriefingReport laid out as an A4 PDF with pdfkit.
 *
 * Page 1 is the cover (title, region, methodology, the period's figures and grade stack); then the
 * charts, the top and bottom ten, the territories, and each peer group's full ranking. Pages are
 * buffered so the header (region, period) and the footer ("стр. N из M") go on at the end, when
 * the page count is known. The renderer only lays out: every figure comes from the report.
 */
import type { BriefingReport } from "./briefing-model";
import { drawGradeDistribution, drawGradeStack, drawHistory, drawTerritoryBars } from "./briefing-pdf-charts";
import {
  COLOURS,
  cleanText,
  contentBottom,
  contentLeft,
  contentWidth,
  createDoc,
  drawText,
  newPage,
  rule,
  sectionsOf,
  type Doc,
  type TextStyle,
} from "./briefing-pdf-kit";
import { drawTable, rankingColumns, territoryColumns } from "./briefing-pdf-tables";
import { BRIEFING_STRINGS, formatChange, formatCount, formatGeneratedAt, formatScore, type BriefingStrings } from "./briefing-pdf-text";

export interface BriefingPdfOptions {
  /** the region's IANA zone for the "generated at" date (env REGION_TIMEZONE); UTC when absent */
  timeZone?: string;
}

export async function renderBriefingPdf(report: BriefingReport, options: BriefingPdfOptions = {}): Promise<Buffer> {
  const timeZone = options.timeZone ?? "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    throw new Error(`renderBriefingPdf: unknown time zone "${timeZone}"`);
  }
  const t = BRIEFING_STRINGS[report.locale] ?? BRIEFING_STRINGS.ru;
  const period = cleanText(report.periodLabel);
  const generatedAt = new Date(report.generatedAt);
  const doc = createDoc({
    title: t.title(period),
    subject: cleanText(report.regionName),
    lang: report.locale === "ru" ? "ru-RU" : "en-GB",
    createdAt: Number.isNaN(generatedAt.getTime()) ? null : generatedAt,
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const contentsY = drawCover(doc, report, t, timeZone);
  newPage(doc);
  drawGradeDistribution(doc, report, t);
  drawHistory(doc, report, t);
  drawTerritoryBars(doc, report, t);

  newPage(doc);
  const groupLabels = new Map(report.peerGroups.map((g) => [g.key, g.label]));
  const acrossGroups = rankingColumns(report.locale, t, groupLabels);
  drawTable(doc, t.top, acrossGroups, report.top, t, { keepTogether: true });
  drawTable(doc, t.bottom, acrossGroups, report.bottom, t, { keepTogether: true });
  drawTable(doc, t.territories, territoryColumns(report.locale, t), report.territories, t, { keepTogether: true, emptyText: t.noData });

  const ranking = rankingColumns(report.locale, t);
  if (report.peerGroups.length === 0) drawTable(doc, t.rankingNone, ranking, [], t);
  for (const group of report.peerGroups) drawTable(doc, t.ranking(cleanText(group.label) || group.key), ranking, group.rows, t);

  drawContents(doc, t, contentsY);
  decoratePages(doc, report, t);
  doc.end();
  return done;
}

/** Draws the cover; returns where the contents go once the sections' pages are known. */
function drawCover(doc: Doc, report: BriefingReport, t: BriefingStrings, timeZone: string): number {
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const block = (text: string, style: TextStyle, gap: number) => {
    doc.y += drawText(doc, text, x, doc.y, width, style) + gap;
  };
  doc.y += 24;
  block(t.kicker.toLocaleUpperCase(report.locale), { size: 10, bold: true, color: COLOURS.accent }, 10);
  block(t.title(cleanText(report.periodLabel)), { size: 24, bold: true, lines: 4 }, 10);
  block(cleanText(report.regionName), { size: 15, lines: 2 }, 14);
  rule(doc);
  doc.y += 10;
  const { methodology } = report;
  block(t.methodology(cleanText(methodology.title) || cleanText(methodology.code), methodology.version), { size: 10, color: COLOURS.muted, lines: 2 }, 4);
  block(t.generatedAt(formatGeneratedAt(report.locale, report.generatedAt, timeZone)), { size: 10, color: COLOURS.muted }, 30);

  block(t.summary, { size: 14, bold: true }, 10);
  const { summary } = report;
  const { text: change, color: changeColour } = meanChange(report, t);
  const cards: Array<{ label: string; value: string; note?: string; noteColour?: string }> = [
    { label: t.organisations, value: formatCount(report.locale, summary.organisations) },
    { label: t.pages, value: formatCount(report.locale, summary.pages) },
    { label: t.meanScore, value: formatScore(report.locale, summary.meanScore), note: change, noteColour: changeColour },
    { label: t.unansweredOver24h, value: formatCount(report.locale, summary.unansweredOver24h) },
  ];
  const gap = 10;
  const cardWidth = (width - gap) / 2;
  const cardHeight = 74;
  cards.forEach((card, i) => {
    const cx = x + (i % 2) * (cardWidth + gap);
    const cy = doc.y + Math.floor(i / 2) * (cardHeight + gap);
    doc.save().roundedRect(cx, cy, cardWidth, cardHeight, 4).fill("#f5f7f8").restore();
    drawText(doc, card.label, cx + 10, cy + 8, cardWidth - 20, { size: 9, color: COLOURS.muted, lines: 2 });
    drawText(doc, card.value, cx + 10, cy + 30, cardWidth - 20, { size: 20, bold: true });
    if (card.note) drawText(doc, card.note, cx + 10, cy + 56, cardWidth - 20, { size: 8.5, color: card.noteColour ?? COLOURS.muted });
  });
  doc.y += 2 * cardHeight + gap + 24;

  block(t.gradeDistribution, { size: 11, bold: true }, 8);
  doc.y += drawGradeStack(doc, report, t, doc.y) + 10;
  return doc.y + 24;
}

/** The cover's table of contents: each section and its page, as many as fit on the cover. */
function drawContents(doc: Doc, t: BriefingStrings, top: number): void {
  doc.switchToPage(doc.bufferedPageRange().start);
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const bottom = contentBottom(doc);
  const rowHeight = 14;
  drawText(doc, t.contents, x, top, width, { size: 11, bold: true });
  let y = top + 20;
  const entries = sectionsOf(doc);
  for (const [i, section] of entries.entries()) {
    const last = y + 2 * rowHeight > bottom;
    if (last && i < entries.length - 1) {
      drawText(doc, "…", x, y, width, { size: 9, color: COLOURS.muted });
      break;
    }
    drawText(doc, section.title, x, y, width - 40, { size: 9 });
    drawText(doc, String(section.page + 1), x + width - 40, y, 40, { size: 9, align: "right" });
    rule(doc, y + rowHeight - 3, COLOURS.grid);
    y += rowHeight;
  }
}

function meanChange(report: BriefingReport, t: BriefingStrings): { text: string; color: string } {
  const { meanScore, previousMeanScore } = report.summary;
  if (meanScore == null || previousMeanScore == null) return { text: t.noPrevious, color: COLOURS.muted };
  const change = Math.round((meanScore - previousMeanScore) * 100) / 100;
  const arrow = change > 0 ? "▲ " : change < 0 ? "▼ " : "";
  const color = change > 0 ? COLOURS.grade.green : change < 0 ? COLOURS.grade.red : COLOURS.muted;
  return { text: t.changeVsPrevious(`${arrow}${formatChange(report.locale, change)}`), color };
}

/** Header (region, period) on every page after the cover, and "стр. N из M" on every page. */
function decoratePages(doc: Doc, report: BriefingReport, t: BriefingStrings): void {
  const { start, count } = doc.bufferedPageRange();
  const region = cleanText(report.regionName);
  const period = cleanText(report.periodLabel);
  const methodology = `Region Pulse · ${cleanText(report.methodology.code)} v${report.methodology.version}`;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const x = contentLeft(doc);
    const width = contentWidth(doc);
    const style: TextStyle = { size: 8, color: COLOURS.muted };
    if (i > start) {
      const headerY = doc.page.margins.top - 26;
      drawText(doc, region, x, headerY, width * 0.6, { ...style, bold: true });
      drawText(doc, period, x + width * 0.6, headerY, width * 0.4, { ...style, align: "right" });
      rule(doc, headerY + 13);
    }
    const footerY = doc.page.height - doc.page.margins.bottom + 18;
    rule(doc, footerY - 6);
    drawText(doc, methodology, x, footerY, width * 0.7, style);
    drawText(doc, t.page(i - start + 1, count), x + width * 0.7, footerY, width * 0.3, { ...style, align: "right" });
  }
}

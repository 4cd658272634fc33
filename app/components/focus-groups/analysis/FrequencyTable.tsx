/**
 * The figures behind a frequency chart: codes down, groups across, each cell the number of
 * segments with the turns and distinct participants under it. Wide tables scroll sideways on a
 * phone instead of squeezing the numbers.
 */
import { useT } from "../../../utils/i18n";

export interface FrequencyFigures {
  segments: number;
  turns: number;
  participants: number;
}

export interface FrequencyColumn {
  key: string;
  label: string;
  /** participants with this attribute value, the base for "3 of 5" */
  size?: number;
}

function Cell({ cell, size }: { cell: FrequencyFigures; size?: number }) {
  const t = useT();
  if (cell.segments === 0) return <td className="fg-freq-cell fg-zero">0</td>;
  return (
    <td className="fg-freq-cell">
      <strong>{cell.segments}</strong>
      <small>{t("fgAnalysis.freq.turns", { n: cell.turns })}</small>
      <small>{size === undefined ? t("fgAnalysis.freq.participants", { n: cell.participants }) : t("fgAnalysis.freq.participantsOf", { n: cell.participants, size })}</small>
    </td>
  );
}

export function FrequencyTable({
  caption,
  codes,
  columns,
  cells,
  totals,
}: {
  caption: string;
  codes: Array<{ id: string; path: string; color: string | null }>;
  columns: FrequencyColumn[];
  /** cells[code][column] */
  cells: FrequencyFigures[][];
  totals?: FrequencyFigures[];
}) {
  const t = useT();
  return (
    <div className="table-wrap fg-table-wrap">
      <table className="fg-freq-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("fgAnalysis.freq.code")}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
            {totals ? <th scope="col">{t("fgAnalysis.freq.total")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {codes.map((code, i) => (
            <tr key={code.id}>
              <th scope="row">
                <span className="fg-swatch" style={{ background: code.color ?? "#2f6db5" }} aria-hidden="true" />
                {code.path}
              </th>
              {columns.map((c, j) => (
                <Cell key={c.key} cell={cells[i]![j]!} size={c.size} />
              ))}
              {totals ? <Cell cell={totals[i]!} /> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The co-occurrence matrix as a heat table: the count is always printed, the background only
 * repeats it (darker = more turns), and the diagonal, which counts turns with a single code
 * rather than pairs, is set apart so it is not read as a pair. Shading is scaled on the
 * off-diagonal maximum; the diagonal would otherwise wash every pair out.
 */
import { useT } from "../../../utils/i18n";

const INK = [29, 78, 137];

function shade(count: number, max: number) {
  if (count === 0 || max === 0) return undefined;
  const alpha = 0.12 + 0.78 * Math.min(1, count / max);
  return { backgroundColor: `rgba(${INK.join(",")},${alpha.toFixed(3)})`, color: alpha > 0.5 ? "#fff" : undefined };
}

export function CooccurrenceHeatTable({ codes, counts, maxOffDiagonal, caption }: { codes: Array<{ id: string; name: string; path: string }>; counts: number[][]; maxOffDiagonal: number; caption: string }) {
  const t = useT();
  return (
    <div className="table-wrap fg-table-wrap">
      <table className="fg-heat">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td />
            {codes.map((c) => (
              <th key={c.id} scope="col" title={c.path}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {codes.map((row, i) => (
            <tr key={row.id}>
              <th scope="row">{row.path}</th>
              {codes.map((col, j) =>
                i === j ? (
                  <td key={col.id} className="fg-heat-diagonal" title={t("fgAnalysis.cooc.diagonal")}>
                    {counts[i]![j]}
                  </td>
                ) : (
                  <td key={col.id} style={shade(counts[i]![j]!, maxOffDiagonal)}>
                    {counts[i]![j]}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

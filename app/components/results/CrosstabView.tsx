import type { CrosstabResult } from "../../domain/statistics/crosstab";
import { useLocale, useT } from "../../utils/i18n";
import { fmt, pct, pValue } from "./format";

/** Counts with row or column percentages (weighted when weighted), then the test that fits (Rao–Scott when weighted). */
export function CrosstabView({ table, percent }: { table: CrosstabResult & { rowLabels: Record<string, string>; colLabels: Record<string, string> }; percent: "row" | "col" }) {
  const t = useT();
  const locale = useLocale();
  const rs = table.raoScott;
  return (
    <>
      <table className="crosstab">
        <thead>
          <tr>
            <th scope="col" />
            {table.cols.map((c) => (
              <th key={c} scope="col">
                {table.colLabels[c] ?? c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={r}>
              <th scope="row">{table.rowLabels[r] ?? r}</th>
              {table.cols.map((c, j) => (
                <td key={c}>
                  {table.counts[i]![j]} <small>({pct(locale, (percent === "col" ? table.colShares : table.rowShares)[i]![j])})</small>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.pearson ? (
        <p>
          {t("results.pearson", {
            x2: fmt(locale, table.pearson.statistic, 3),
            df: table.pearson.df,
            p: pValue(locale, table.pearson.p),
            v: fmt(locale, table.cramersV ?? Number.NaN, 3),
          })}
        </p>
      ) : null}
      {rs ? (
        <p>
          {t("results.raoScott", {
            x2: fmt(locale, rs.adjusted, 3),
            df: rs.df,
            p: pValue(locale, rs.p),
            deff: fmt(locale, rs.meanDeff, 3),
            f: fmt(locale, rs.f, 3),
            ndf: fmt(locale, rs.ndf, 2),
            ddf: fmt(locale, rs.ddf, 1),
            pF: pValue(locale, rs.pF),
          })}
        </p>
      ) : null}
      {table.lowExpected > 0 ? <p role="note">{t("results.lowExpected", { n: table.lowExpected })}</p> : null}
    </>
  );
}

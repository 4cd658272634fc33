/**
 * Per-code agreement between coders A and B: percent agreement, Cohen's κ with its Landis–Koch
 * band, and the 2×2 counts the two come from, so a reader can check a surprising κ by hand.
 */
import type { AgreementView } from "../../../services/focus-group-analysis.server";
import { useLocale, useT } from "../../../utils/i18n";
import { fmt } from "../../results/format";
import { KAPPA_BANDS, kappaBand } from "./kappa-band";

type Row = Extract<AgreementView, { state: "ok" }>["codes"][number];

function Kappa({ row }: { row: Row }) {
  const t = useT();
  const locale = useLocale();
  if (row.kappa === null) {
    return (
      <>
        {t("fgAnalysis.agree.undefined")} <small>({t(`fgAnalysis.agree.reason.${row.undefinedReason ?? "no_units"}`)})</small>
      </>
    );
  }
  return (
    <>
      <strong>{fmt(locale, row.kappa, 2)}</strong> <small>{t(`fgAnalysis.agree.bandShort.${kappaBand(row.kappa)}`)}</small>
    </>
  );
}

export function AgreementTable({ rows }: { rows: Row[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="table-wrap fg-table-wrap">
      <table className="fg-agreement">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t("fgAnalysis.agree.code")}
            </th>
            <th scope="col" rowSpan={2}>
              {t("fgAnalysis.agree.percent")}
            </th>
            <th scope="col" rowSpan={2}>
              {t("fgAnalysis.agree.kappa")}
            </th>
            <th scope="colgroup" colSpan={4}>
              {t("fgAnalysis.agree.counts")}
            </th>
          </tr>
          <tr>
            <th scope="col">{t("fgAnalysis.agree.both")}</th>
            <th scope="col">{t("fgAnalysis.agree.onlyA")}</th>
            <th scope="col">{t("fgAnalysis.agree.onlyB")}</th>
            <th scope="col">{t("fgAnalysis.agree.neither")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.codeId}>
              <th scope="row">{r.path}</th>
              <td>{r.percentAgreement === null ? "—" : `${fmt(locale, r.percentAgreement, 1)} %`}</td>
              <td>
                <Kappa row={r} />
              </td>
              <td>{r.table.both}</td>
              <td>{r.table.onlyA}</td>
              <td>{r.table.onlyB}</td>
              <td>{r.table.neither}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function KappaLegend() {
  const t = useT();
  return (
    <details className="fg-legend" open>
      <summary>{t("fgAnalysis.agree.legendTitle")}</summary>
      <p>{t("fgAnalysis.agree.legend")}</p>
      <ul>
        {KAPPA_BANDS.map((band) => (
          <li key={band}>{t(`fgAnalysis.agree.band.${band}`)}</li>
        ))}
      </ul>
    </details>
  );
}

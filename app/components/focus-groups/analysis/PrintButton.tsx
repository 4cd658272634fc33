/** Prints the page; the print stylesheet drops navigation and buttons, this one included. */
import { useT } from "../../../utils/i18n";

export function PrintButton() {
  const t = useT();
  return (
    <button type="button" className="button no-print" onClick={() => window.print()}>
      {t("fgAnalysis.report.print")}
    </button>
  );
}

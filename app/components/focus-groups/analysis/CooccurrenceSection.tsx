/** The co-occurrence matrix with its unit switch ("same turn" / "overlapping spans"). */
import { Form } from "@remix-run/react";
import type { StudyAnalysis } from "../../../services/focus-group-analysis.server";
import { useT } from "../../../utils/i18n";
import { CooccurrenceHeatTable } from "./CooccurrenceHeatTable";
import { HiddenParams } from "./HiddenParams";

export function CooccurrenceSection({ data, params }: { data: StudyAnalysis; params: Record<string, string | null> }) {
  const t = useT();
  const m = data.cooccurrence;
  return (
    <section id="cooccurrence" aria-labelledby="cooccurrence-title" className="fg-section">
      <h2 id="cooccurrence-title">{t("fgAnalysis.cooc.title")}</h2>
      <Form method="get" preventScrollReset className="fg-controls">
        <HiddenParams params={params} except={["unit"]} />
        <fieldset className="fg-switch">
          <legend>{t("fgAnalysis.cooc.unit")}</legend>
          {(["turn", "overlap"] as const).map((unit) => (
            <label key={unit}>
              <input type="radio" name="unit" value={unit} defaultChecked={m.unit === unit} /> {t(`fgAnalysis.cooc.unit.${unit}`)}
            </label>
          ))}
        </fieldset>{" "}
        <button type="submit">{t("fgAnalysis.scope.apply")}</button>
      </Form>
      {m.codes.length < 2 ? (
        <p className="note">{t("fgAnalysis.cooc.empty")}</p>
      ) : (
        <CooccurrenceHeatTable codes={m.codes} counts={m.counts} maxOffDiagonal={m.maxOffDiagonal} caption={t("fgAnalysis.cooc.caption")} />
      )}
    </section>
  );
}

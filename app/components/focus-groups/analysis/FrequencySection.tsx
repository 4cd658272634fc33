/** Code frequencies by session and by the participant attribute chosen in the select. */
import { Form } from "@remix-run/react";
import type { StudyAnalysis } from "../../../services/focus-group-analysis.server";
import { useLocale, useT } from "../../../utils/i18n";
import { FrequencyChart } from "./FrequencyChart";
import { FrequencyTable } from "./FrequencyTable";
import { HiddenParams } from "./HiddenParams";

export function FrequencySection({ data, params }: { data: StudyAnalysis; params: Record<string, string | null> }) {
  const t = useT();
  const locale = useLocale();
  const { codes, bySession, byAttribute } = data.frequencies;
  const sessionColumns = bySession.groups.map((g) => ({ key: g.id, label: g.date ? `${g.name} (${g.date})` : g.name }));
  const attributeColumns = byAttribute.groups.map((g) => ({ key: g.value ?? "\u0000", label: g.value ?? t("fgAnalysis.freq.notRecorded"), size: g.size }));
  const segmentsOf = (cells: typeof bySession.cells, j: number) => cells.map((row) => row[j]!.segments);
  return (
    <section id="frequencies" aria-labelledby="frequencies-title" className="fg-section">
      <h2 id="frequencies-title">{t("fgAnalysis.freq.title")}</h2>
      {codes.length === 0 ? (
        <p className="note">{t("fgAnalysis.freq.empty")}</p>
      ) : (
        <>
          <h3>{t("fgAnalysis.freq.bySession")}</h3>
          <FrequencyChart
            id="chart-by-session"
            codes={codes.map((c) => c.path)}
            series={sessionColumns.map((c, j) => ({ label: c.label, values: segmentsOf(bySession.cells, j) }))}
            valueLabel={t("fgAnalysis.freq.chartSegments")}
          />
          <FrequencyTable caption={t("fgAnalysis.freq.caption")} codes={codes} columns={sessionColumns} cells={bySession.cells} totals={sessionColumns.length > 1 ? bySession.totals : undefined} />
        </>
      )}
      <h3 id="by-attribute">{t("fgAnalysis.freq.byAttribute")}</h3>
      <Form method="get" preventScrollReset className="fg-controls">
        <HiddenParams params={params} except={["attribute"]} />
        <label>
          {t("fgAnalysis.freq.attribute")}{" "}
          <select name="attribute" defaultValue={byAttribute.attribute}>
            {data.attributes.map((a) => (
              <option key={a.key} value={a.key}>
                {locale === "ru" ? a.ru : a.en}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">{t("fgAnalysis.scope.apply")}</button>
      </Form>
      {codes.length > 0 ? (
        <>
          <FrequencyChart
            id="chart-by-attribute"
            codes={codes.map((c) => c.path)}
            series={attributeColumns.map((c, j) => ({ label: c.label, values: segmentsOf(byAttribute.cells, j) }))}
            valueLabel={t("fgAnalysis.freq.chartSegments")}
          />
          <FrequencyTable caption={t("fgAnalysis.freq.captionAttribute")} codes={codes} columns={attributeColumns} cells={byAttribute.cells} />
          {byAttribute.excludedSegments > 0 ? <p className="note">{t("fgAnalysis.freq.excluded", { n: byAttribute.excludedSegments })}</p> : null}
        </>
      ) : null}
    </section>
  );
}

/** Coder agreement: two coders, an optional session and the unit, then the per-code table. */
import { Form } from "@remix-run/react";
import type { StudyAnalysis } from "../../../services/focus-group-analysis.server";
import { useT } from "../../../utils/i18n";
import { AgreementTable, KappaLegend } from "./AgreementTable";
import { HiddenParams } from "./HiddenParams";

const OWN = ["coder_a", "coder_b", "agreement_session", "agreement_unit"];

export function AgreementSection({ data, params }: { data: StudyAnalysis; params: Record<string, string | null> }) {
  const t = useT();
  const a = data.agreement;
  const coderA = a.state === "too_few_coders" ? "" : a.coderA;
  const coderB = a.state === "too_few_coders" ? "" : a.coderB;
  const coderSelect = (name: string, label: string, value: string) => (
    <label>
      {label}{" "}
      <select name={name} defaultValue={value} disabled={a.coders.length < 2}>
        {a.coders.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section id="agreement" aria-labelledby="agreement-title" className="fg-section">
      <h2 id="agreement-title">{t("fgAnalysis.agree.title")}</h2>
      <Form method="get" preventScrollReset className="fg-controls">
        <HiddenParams params={params} except={OWN} />
        {coderSelect("coder_a", t("fgAnalysis.agree.coderA"), coderA)}{" "}
        {coderSelect("coder_b", t("fgAnalysis.agree.coderB"), coderB)}{" "}
        <label>
          {t("fgAnalysis.agree.session")}{" "}
          <select name="agreement_session" defaultValue={a.sessionId ?? ""}>
            <option value="">{t("fgAnalysis.scope.allSessions")}</option>
            {data.sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.date ? `${s.name} (${s.date})` : s.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <fieldset className="fg-switch">
          <legend>{t("fgAnalysis.agree.unit")}</legend>
          {(["character", "turn"] as const).map((unit) => (
            <label key={unit}>
              <input type="radio" name="agreement_unit" value={unit} defaultChecked={a.unit === unit} /> {t(`fgAnalysis.agree.unit.${unit}`)}
            </label>
          ))}
        </fieldset>{" "}
        <button type="submit">{t("fgAnalysis.scope.apply")}</button>
      </Form>
      {a.state === "too_few_coders" ? (
        <p className="fg-empty">{t("fgAnalysis.agree.tooFew")}</p>
      ) : a.state === "same_coder" ? (
        <p className="fg-empty" role="alert">
          {t("fgAnalysis.agree.same")}
        </p>
      ) : a.codes.length === 0 ? (
        <p className="fg-empty">{t("fgAnalysis.agree.noCodes")}</p>
      ) : (
        <>
          <p className="note">
            {t("fgAnalysis.agree.units", { n: a.units })}
            {a.ignoredSegments > 0 ? ` ${t("fgAnalysis.agree.ignored", { n: a.ignoredSegments })}` : ""}
          </p>
          <AgreementTable rows={a.codes} />
        </>
      )}
      <KappaLegend />
    </section>
  );
}

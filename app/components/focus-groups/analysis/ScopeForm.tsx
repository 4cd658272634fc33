/** The filter shared by frequencies, co-occurrence and quotes: one session or all, one coder or all. */
import { Form } from "@remix-run/react";
import type { StudyAnalysis } from "../../../services/focus-group-analysis.server";
import { useT } from "../../../utils/i18n";
import { HiddenParams } from "./HiddenParams";

export function ScopeForm({ data, params }: { data: StudyAnalysis; params: Record<string, string | null> }) {
  const t = useT();
  return (
    <Form method="get" preventScrollReset className="fg-controls fg-scope no-print">
      <HiddenParams params={params} except={["session", "coder"]} />
      <fieldset>
        <legend>{t("fgAnalysis.scope.legend")}</legend>
        <label>
          {t("fgAnalysis.scope.session")}{" "}
          <select name="session" defaultValue={data.filter.sessionId ?? ""}>
            <option value="">{t("fgAnalysis.scope.allSessions")}</option>
            {data.sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.date ? `${s.name} (${s.date})` : s.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("fgAnalysis.scope.coder")}{" "}
          <select name="coder" defaultValue={data.filter.coderId ?? ""}>
            <option value="">{t("fgAnalysis.scope.allCoders")}</option>
            {data.coders.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.codings})
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">{t("fgAnalysis.scope.apply")}</button>
      </fieldset>
    </Form>
  );
}

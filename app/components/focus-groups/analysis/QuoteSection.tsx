/** Quotes filtered by code (sub-codes included) and by one participant attribute value. */
import { Form } from "@remix-run/react";
import type { StudyAnalysis } from "../../../services/focus-group-analysis.server";
import { useLocale, useT } from "../../../utils/i18n";
import { HiddenParams } from "./HiddenParams";
import { QuoteList } from "./QuoteList";

export function QuoteSection({ data, params }: { data: StudyAnalysis; params: Record<string, string | null> }) {
  const t = useT();
  const locale = useLocale();
  const q = data.quotes;
  return (
    <section id="quotes" aria-labelledby="quotes-title" className="fg-section">
      <h2 id="quotes-title">{t("fgAnalysis.quotes.title")}</h2>
      <Form method="get" preventScrollReset className="fg-controls">
        <HiddenParams params={params} except={["quote_code", "quote_by"]} />
        <label>
          {t("fgAnalysis.quotes.code")}{" "}
          <select name="quote_code" defaultValue={q.code ?? ""}>
            <option value="">{t("fgAnalysis.quotes.anyCode")}</option>
            {data.allCodes.map((c) => (
              <option key={c.id} value={c.id}>
                {"\u00a0\u00a0".repeat(c.depth)}
                {c.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("fgAnalysis.quotes.attribute")}{" "}
          <select name="quote_by" defaultValue={q.by ?? ""}>
            <option value="">{t("fgAnalysis.quotes.anyValue")}</option>
            {data.attributes
              .filter((a) => a.values.length > 0)
              .map((a) => (
                <optgroup key={a.key} label={locale === "ru" ? a.ru : a.en}>
                  {a.values.map((v) => (
                    <option key={v} value={`${a.key}=${v}`}>
                      {v}
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
        </label>{" "}
        <button type="submit">{t("fgAnalysis.scope.apply")}</button>
      </Form>
      <p className="note" role="status">
        {t("fgAnalysis.quotes.count", { n: q.quotes.length })}
        {q.withheld > 0 ? ` ${t("fgAnalysis.quotes.withheld", { n: q.withheld })}` : ""}
      </p>
      {q.quotes.length === 0 ? <p className="fg-empty">{t("fgAnalysis.quotes.none")}</p> : <QuoteList quotes={q.quotes} />}
    </section>
  );
}

/**
 * Quotes as they would appear in a report: the words, then who said them (pseudonym and
 * attributes only), in which session and when, and the codes they illustrate.
 */
import type { QuoteItem } from "../../../services/focus-group-analysis.server";
import { useLocale, useT } from "../../../utils/i18n";

export function QuoteList({ quotes, showCodes = true }: { quotes: QuoteItem[]; showCodes?: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="fg-quotes">
      {quotes.map((q) => (
        <li key={`${q.session}-${q.turn}-${q.text.slice(0, 40)}`} className="fg-quote">
          <figure>
            <blockquote>{`«${q.text}»`}</blockquote>
            <figcaption>
              <strong>{q.participant}</strong>
              {q.attributes.length > 0 ? `, ${q.attributes.map((a) => `${locale === "ru" ? a.ru : a.en}: ${a.value}`).join(", ")}` : ""}
              {" — "}
              {q.session}
              {q.date ? `, ${q.date}` : ""}
              {q.time ? `, ${q.time}` : ""}
              {`, ${t("fgAnalysis.quotes.turn", { n: q.turn })}`}
            </figcaption>
          </figure>
          {showCodes && q.codes ? (
            <p className="note">
              {t("fgAnalysis.quotes.codes")}: {q.codes}
            </p>
          ) : null}
          {q.note ? (
            <p className="note">
              {t("fgAnalysis.quotes.note")}: {q.note}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The survey as a respondent sees it, rendered by survey-react-ui in the browser only: the modules
 * are fetched on first use (server rendering would inline ~170 KB of theme CSS; the fontless theme
 * stylesheet comes from the route's `links`).
 */
import { useEffect, useMemo, useState } from "react";
import type { SurveyJson } from "../../domain/survey/designer";
import { useT } from "../../utils/i18n";

type Libraries = {
  Model: typeof import("survey-core").Model;
  Survey: typeof import("survey-react-ui").Survey;
};

let loading: Promise<Libraries> | null = null;
function loadLibraries(): Promise<Libraries> {
  loading ??= Promise.all([
    import("survey-core"),
    import("survey-react-ui"),
    import("survey-core/i18n/russian"),
    import("../../domain/survey-properties"),
  ]).then(([core, ui]) => {
    // Russian lives under "default" in our definitions: unless it is survey-core's default locale,
    // the "English" preview would look up "en" as the default and show the Russian texts.
    core.surveyLocalization.defaultLocale = "ru";
    return { Model: core.Model, Survey: ui.Survey };
  });
  return loading;
}

export function Preview({ survey }: { survey: SurveyJson }) {
  const t = useT();
  const [libs, setLibs] = useState<Libraries | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [locale, setLocale] = useState<"ru" | "en">("ru");
  const [run, setRun] = useState(0);
  const [answers, setAnswers] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    loadLibraries().then(
      (l) => alive && setLibs(l),
      (e: unknown) => alive && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      alive = false;
    };
  }, []);

  if (failed) return <p className="form-error">{t("designer.preview.failed", { message: failed })}</p>;
  return (
    <div className="preview">
      <div className="preview-tools">
        <span className="note">{t("designer.preview.note")}</span>
        <span className="segmented" role="group" aria-label={t("designer.preview.language")}>
          {(["ru", "en"] as const).map((l) => (
            <button key={l} type="button" className={l === locale ? "current" : undefined} aria-pressed={l === locale} onClick={() => setLocale(l)}>
              {l === "ru" ? "Русский" : "English"}
            </button>
          ))}
        </span>
        <button type="button" className="secondary" onClick={() => setRun((n) => n + 1)}>
          {t("designer.preview.restart")}
        </button>
      </div>
      {!libs ? (
        <p className="note" role="status">
          {t("designer.preview.loading")}
        </p>
      ) : (
        <Run key={run} libs={libs} survey={survey} locale={locale} onAnswers={setAnswers} />
      )}
      {answers ? (
        <details open className="preview-answers">
          <summary>{t("designer.preview.answers")}</summary>
          <pre className="mono">{JSON.stringify(answers, null, 2)}</pre>
        </details>
      ) : null}
    </div>
  );
}

/** One run of the survey; a new key (Restart) builds a fresh model. */
function Run({ libs, survey, locale, onAnswers }: { libs: Libraries; survey: SurveyJson; locale: "ru" | "en"; onAnswers: (data: unknown) => void }) {
  const t = useT();
  const built = useMemo(() => {
    try {
      const m = new libs.Model(survey);
      m.locale = locale;
      m.onComplete.add((sender) => onAnswers(sender.data));
      return { model: m, error: null };
    } catch (error) {
      // survey-core throws on some malformed values; say so instead of breaking the page.
      return { model: null, error: error instanceof Error ? error.message : String(error) };
    }
  }, [libs, survey, locale, onAnswers]);
  useEffect(() => onAnswers(null), [built, onAnswers]);
  if (!built.model) return <p className="form-error">{t("designer.preview.failed", { message: built.error ?? "" })}</p>;
  return (
    <div className="preview-frame">
      <libs.Survey model={built.model} />
    </div>
  );
}

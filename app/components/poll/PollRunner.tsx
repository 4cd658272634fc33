/**
 * Renders a published survey with survey-react-ui in the browser only (server rendering would
 * inline ~170 KB of theme CSS), saves unfinished answers as the resident goes, and submits once:
 * the submission id is kept in localStorage, so a retry after a lost connection is not a duplicate.
 */
import { useEffect, useRef, useState } from "react";
import type { Model } from "survey-core";
import { useT } from "../../utils/i18n";

export type PollOutcome = "done" | "screened_out" | "already_answered" | "closed" | "invitation";

interface Props {
  slug: string;
  definition: Record<string, unknown>;
  locale: "ru" | "en";
  draft: { answers: Record<string, unknown>; pageNo: number } | null;
  invitation: string | null;
  onOutcome(outcome: PollOutcome): void;
}

function submissionIdFor(slug: string): string {
  const key = `rp-submission:${slug}`;
  let id = window.localStorage.getItem(key);
  if (!id) {
    id = crypto.randomUUID();
    window.localStorage.setItem(key, id);
  }
  return id;
}

async function postJson(url: string, body: unknown) {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  let payload: Record<string, unknown> = {};
  try {
    payload = (await response.json()) as Record<string, unknown>;
  } catch {
    // a proxy's HTML error page: treat as a failed attempt that can be retried
  }
  return { status: response.status, payload };
}

export function PollRunner({ slug, definition, locale, draft, invitation, onOutcome }: Props) {
  const t = useT();
  const [SurveyComponent, setSurveyComponent] = useState<null | React.ComponentType<{ model: Model }>>(null);
  const [model, setModel] = useState<Model | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const startedAt = useRef(new Date().toISOString());
  const outcomeRef = useRef(onOutcome);
  outcomeRef.current = onOutcome;
  // The language switch reloads the route's data, not this component: the survey follows the new
  // locale in place (answers kept), and the response records the language it was finished in.
  const localeRef = useRef(locale);
  localeRef.current = locale;
  useEffect(() => {
    if (model && model.locale !== locale) model.locale = locale;
  }, [model, locale]);

  useEffect(() => {
    let cancelled = false;
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    (async () => {
      const [core, ui] = await Promise.all([import("survey-core"), import("survey-react-ui")]);
      await Promise.all([import("survey-core/i18n/russian"), import("../../domain/survey-properties")]);
      if (cancelled) return;
      // Definitions keep Russian under "default" and English under "en". With survey-core's own
      // default locale ("en") the "en" texts are never looked up, so English readers got Russian.
      core.surveyLocalization.defaultLocale = "ru";
      // survey-core 3 renders every title as a <div>: the poll page then has no heading at all.
      // The survey's title is the page's one h1 (screen readers jump by headings).
      core.settings.titleTags.survey = "h1";
      const survey = new core.Model(definition);
      survey.locale = localeRef.current;
      if (draft) {
        survey.data = draft.answers;
        if (draft.pageNo > 0 && draft.pageNo < survey.visiblePages.length) survey.currentPageNo = draft.pageNo;
      }
      const saveDraft = async () => {
        const { status, payload } = await postJson(`/api/polls/${slug}/draft`, { answers: survey.data, pageNo: survey.currentPageNo });
        if (status === 200 && payload.screenedOut) outcomeRef.current("screened_out");
        if (status === 410) outcomeRef.current("closed");
      };
      survey.onValueChanged.add(() => {
        clearTimeout(saveTimer);
        saveTimer = setTimeout(() => void saveDraft().catch(() => undefined), 800);
      });
      survey.onCurrentPageChanged.add(() => {
        clearTimeout(saveTimer);
        void saveDraft().catch(() => undefined);
      });
      let submitted = false;
      survey.onCompleting.add((sender, options) => {
        if (submitted) return;
        options.allow = false;
        setSending(true);
        setError(null);
        const body = {
          submissionId: submissionIdFor(slug),
          answers: sender.data,
          timing: { startedAt: startedAt.current, durationMs: Date.now() - Date.parse(startedAt.current) },
          locale: localeRef.current,
          ...(invitation ? { invitation } : {}),
        };
        postJson(`/api/polls/${slug}/responses`, body)
          .then(({ status, payload }) => {
            setSending(false);
            if (status === 201 || status === 200) {
              submitted = true;
              window.localStorage.removeItem(`rp-submission:${slug}`);
              sender.doComplete();
              outcomeRef.current("done");
            } else if (status === 409 && payload.error === "screened_out") outcomeRef.current("screened_out");
            else if (status === 409 && payload.error === "already_answered") outcomeRef.current("already_answered");
            else if (status === 409) outcomeRef.current("invitation");
            else if (status === 410 || status === 404) outcomeRef.current("closed");
            else if (status === 422 && Array.isArray(payload.errors)) {
              setError((payload.errors as { message: string }[]).map((e) => e.message).join(" "));
            } else setError(t("poll.sendFailed"));
          })
          .catch(() => {
            setSending(false);
            setError(t("poll.sendFailed"));
          });
      });
      setModel(survey);
      setSurveyComponent(() => ui.Survey as unknown as React.ComponentType<{ model: Model }>);
    })().catch(() => setError(t("poll.loadFailed")));
    return () => {
      cancelled = true;
      clearTimeout(saveTimer);
    };
    // The survey is built once per page view; later prop changes must not reset the resident's answers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="poll-runner">
      {!model || !SurveyComponent ? <p aria-live="polite">{t("poll.loading")}</p> : <SurveyComponent model={model} />}
      {sending ? <p aria-live="polite">{t("poll.sending")}</p> : null}
      {error ? (
        <div className="form-error" role="alert">
          <p>{error}</p>
          {model ? (
            <button type="button" className="primary" onClick={() => model.completeLastPage()}>
              {t("poll.retry")}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

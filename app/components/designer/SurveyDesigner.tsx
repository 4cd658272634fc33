/**
 * The survey designer: the SurveyJS JSON is the state (a reducer over domain/survey/designer), edited in the
 * «Вопросы» tab, tried out in «Предпросмотр», and visible raw in «JSON». Saving posts the JSON.
 */
import { Form, useBlocker, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import {
  addPage,
  addQuestion,
  deletePage,
  deleteQuestion,
  duplicateQuestion,
  findElement,
  insertDemographicBlock,
  insertOrganisationRating,
  movePage,
  moveQuestion,
  moveQuestionTo,
  normalizeSurvey,
  renamePage,
  renameQuestion,
  replaceQuestion,
  updatePage,
  type ElementJson,
  type SurveyJson,
} from "../../domain/survey/designer";
import { useT } from "../../utils/i18n";
import { BlocksPanel, type Organisation, type Territory } from "./BlocksPanel";
import { designerReducer, initialState, type DesignerAction } from "./designer-state";
import { LocalizedInput, tr } from "./inputs";
import { JsonTab } from "./JsonTab";
import { PagesBar } from "./PagesBar";
import { Preview } from "./Preview";
import { QuestionEditor } from "./QuestionEditor";
import { QuestionList } from "./QuestionList";
import { SaveResultView, type SaveResult } from "./SaveResultView";

export type { SaveResult };
const TABS = ["questions", "preview", "json"] as const;
type Tab = (typeof TABS)[number];

export function SurveyDesigner(props: {
  definition: unknown;
  slug: string;
  version: { number: number; published: boolean } | null;
  territories: Territory[];
  organisations: Organisation[];
  result?: SaveResult;
}) {
  const { definition, slug, version, territories, organisations, result } = props;
  const t = useT();
  const baseline = useMemo(() => normalizeSurvey(definition), [definition]);
  const baselineText = useMemo(() => JSON.stringify(baseline), [baseline]);
  const [state, dispatch] = useReducer(designerReducer, baseline, initialState);
  const [tab, setTab] = useState<Tab>("questions");
  const text = JSON.stringify(state.survey);
  const dirty = text !== baselineText;
  const submitted = useRef<string | null>(null);
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post";

  // After a save the loader brings back what the server stored (sanitised HTML included): take it,
  // unless the user kept editing meanwhile.
  useEffect(() => {
    if (submitted.current !== null && submitted.current === JSON.stringify(state.survey)) dispatch({ type: "reset", survey: baseline });
    submitted.current = null;
    // Only a new loader definition should trigger this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [baseline]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(t("designer.leaveConfirm"))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);

  const edit = useCallback((op: Extract<DesignerAction, { type: "edit" }>["op"]) => dispatch({ type: "edit", op }), []);
  const { survey, pageIndex, selected } = state;
  const question = selected ? findElement(survey, selected) : null;
  const insertAt = () => {
    const list = survey.pages[pageIndex]?.elements ?? [];
    const i = selected ? list.findIndex((e) => e.name === selected) : -1;
    return i >= 0 ? i + 1 : undefined;
  };

  const tabButton = (id: Tab) => (
    <button
      key={id}
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-selected={tab === id}
      aria-controls={`panel-${id}`}
      tabIndex={tab === id ? 0 : -1}
      className={tab === id ? "current" : undefined}
      onClick={() => setTab(id)}
      onKeyDown={(e) => {
        const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
        if (!step) return;
        const next = TABS[(TABS.indexOf(id) + step + TABS.length) % TABS.length]!;
        setTab(next);
        document.getElementById(`tab-${next}`)?.focus();
      }}
    >
      {t(`designer.tab.${id}`)}
    </button>
  );

  return (
    <div className="designer">
      {version ? (
        <p className="note designer-version">
          {version.published ? t("designer.version.published", { n: version.number, next: version.number + 1 }) : t("designer.version.draft", { n: version.number })}
        </p>
      ) : null}
      <div className="designer-bar">
        <p role="status">{dirty ? <span className="badge warn">{t("designer.unsaved")}</span> : <span className="badge ok">{t("designer.allSaved")}</span>}</p>
        <Form method="post" onSubmit={() => (submitted.current = text)}>
          <input type="hidden" name="definition" value={text} />
          <button type="submit" className="primary" disabled={saving}>
            {saving ? t("designer.saving") : t("designer.save")}
          </button>
        </Form>
      </div>
      <SaveResultView result={result} />
      {state.notice ? (
        <p className="form-error" role="alert">
          {tr(t, `designer.err.${state.notice}`, state.notice)}{" "}
          <button type="button" className="link-button" onClick={() => dispatch({ type: "dismiss" })}>
            {t("designer.dismiss")}
          </button>
        </p>
      ) : null}

      <div role="tablist" aria-label={t("designer.title")} className="designer-tabs">
        {TABS.map(tabButton)}
      </div>

      <div role="tabpanel" id="panel-questions" aria-labelledby="tab-questions" hidden={tab !== "questions"}>
        <details className="card survey-settings">
          <summary>{t("designer.surveySettings")}</summary>
          <LocalizedInput label={t("designer.surveyTitle")} obj={survey} prop="title" onChange={(next) => edit((s) => ({ ...next, pages: s.pages }))} />
          <LocalizedInput label={t("designer.description")} obj={survey} prop="description" multiline onChange={(next) => edit((s) => ({ ...next, pages: s.pages }))} />
        </details>
        <PagesBar
          survey={survey}
          pageIndex={pageIndex}
          onSelect={(index) => dispatch({ type: "page", index })}
          onAdd={() => {
            edit((s) => addPage(s));
            dispatch({ type: "page", index: survey.pages.length });
          }}
          onRename={(name) => edit((s) => renamePage(s, pageIndex, name))}
          onUpdate={(page) => edit((s) => updatePage(s, pageIndex, { title: page.title, description: page.description }))}
          onMove={(to) => {
            edit((s) => movePage(s, pageIndex, to));
            dispatch({ type: "page", index: to });
          }}
          onDelete={() => edit((s) => deletePage(s, pageIndex))}
        />
        <div className="designer-grid">
          <div className="designer-list">
            <QuestionList
              survey={survey}
              pageIndex={pageIndex}
              selected={selected}
              onSelect={(name) => dispatch({ type: "select", name })}
              onMove={(name, direction) => edit((s) => moveQuestion(s, name, direction))}
              onDuplicate={(name) => edit((s) => duplicateQuestion(s, name))}
              onDelete={(name) => edit((s) => deleteQuestion(s, name))}
              onAdd={(type) => edit((s) => addQuestion(s, type, pageIndex, insertAt()))}
            />
          </div>
          <div className="designer-main">
            {question ? (
              <QuestionEditor
                key={question.name}
                survey={survey}
                question={question}
                pageIndex={pageIndex}
                onChange={(next: ElementJson) => edit((s) => replaceQuestion(s, question.name, next))}
                onRename={(name) => edit((s) => ({ survey: renameQuestion(s, question.name, name), name }))}
                onMoveToPage={(page) => edit((s) => ({ survey: moveQuestionTo(s, question.name, page), name: question.name }))}
              />
            ) : (
              <div className="card empty-editor">
                <p>{t("designer.pickQuestion")}</p>
              </div>
            )}
          </div>
          <div className="designer-blocks">
            <BlocksPanel
              survey={survey}
              territories={territories}
              organisations={organisations}
              onDemographics={() => edit((s) => ({ survey: insertDemographicBlock(s, territories, pageIndex, insertAt()), name: "territory" }))}
              onOrganisationRating={(chosen) => edit((s) => insertOrganisationRating(s, chosen, pageIndex, insertAt()))}
            />
          </div>
        </div>
      </div>

      <div role="tabpanel" id="panel-preview" aria-labelledby="tab-preview" hidden={tab !== "preview"}>
        {tab === "preview" ? <Preview survey={survey} /> : null}
      </div>

      <div role="tabpanel" id="panel-json" aria-labelledby="tab-json" hidden={tab !== "json"}>
        {tab === "json" ? <JsonTab survey={survey} fileName={`${slug}.json`} onApply={(next: SurveyJson) => dispatch({ type: "reset", survey: next })} /> : null}
      </div>
    </div>
  );
}

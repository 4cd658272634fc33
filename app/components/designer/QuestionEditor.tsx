/** The selected question's properties: the ones every question has, then its type's own. */
import { useEffect, useId, useRef, useState } from "react";
import { nameProblem, type ElementJson, type SurveyJson } from "../../domain/survey/designer";
import { useT } from "../../utils/i18n";
import { ConditionBuilder } from "./ConditionBuilder";
import { CheckInput, LocalizedInput, tr } from "./inputs";
import { TypeFields } from "./TypeFields";

export function QuestionEditor({
  survey,
  question,
  pageIndex,
  onChange,
  onRename,
  onMoveToPage,
}: {
  survey: SurveyJson;
  question: ElementJson;
  pageIndex: number;
  onChange: (next: ElementJson) => void;
  onRename: (name: string) => void;
  onMoveToPage: (page: number) => void;
}) {
  const t = useT();
  const id = useId();
  const section = useRef<HTMLElement>(null);
  const [name, setName] = useState(question.name);
  // On a phone the editor sits below the outline: bring it into view when a question is picked.
  useEffect(() => {
    if (window.matchMedia("(max-width: 63.99rem)").matches) section.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, []);
  useEffect(() => setName(question.name), [question.name]);
  const problem = nameProblem(survey, name, question.name);
  const commitName = () => {
    if (name !== question.name && !problem) onRename(name);
  };
  const answerless = question.type === "html" || question.type === "panel";
  const set = (prop: string, value: unknown) => {
    const next: Record<string, unknown> = { ...question };
    if (value === undefined || value === false) delete next[prop];
    else next[prop] = value;
    onChange(next as ElementJson);
  };

  return (
    <section ref={section} className="card question-editor" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        {t("designer.editQuestion")} <code>{question.name}</code> <span className="badge">{tr(t, `designer.type.${question.type}`, question.type)}</span>
      </h2>
      <div className="grid-2">
        <div className={`field${problem ? " has-error" : ""}`}>
          <label htmlFor={`${id}-name`}>{t("designer.name")}</label>
          <input
            id={`${id}-name`}
            className="mono"
            value={name}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${id}-name-hint`}
            onChange={(e) => setName(e.target.value)}
            onBlur={commitName}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                commitName();
              }
            }}
          />
          <small id={`${id}-name-hint`} className={problem ? "error" : undefined}>
            {problem ? t(`designer.err.${problem}`) : t("designer.nameHint")}
          </small>
        </div>
        {survey.pages.length > 1 ? (
          <div className="field">
            <label htmlFor={`${id}-page`}>{t("designer.page")}</label>
            <select id={`${id}-page`} value={pageIndex} onChange={(e) => onMoveToPage(Number(e.target.value))}>
              {survey.pages.map((p, i) => (
                <option key={i} value={i}>
                  {i + 1}. {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {question.type !== "html" ? (
        <>
          <LocalizedInput label={t("designer.title.field")} obj={question} prop="title" onChange={onChange} />
          <LocalizedInput label={t("designer.description")} obj={question} prop="description" onChange={onChange} multiline />
        </>
      ) : null}
      {!answerless ? <CheckInput label={t("designer.required")} checked={question.isRequired === true} onChange={(v) => set("isRequired", v || undefined)} /> : null}
      <TypeFields question={question} onChange={onChange} />
      <ConditionBuilder survey={survey} name={question.name} label={t("designer.visibleIf")} value={question.visibleIf} onChange={(expr) => set("visibleIf", expr)} />
    </section>
  );
}

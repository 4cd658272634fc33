/** The current page's questions in order, with keyboard-reachable ↑ ↓ copy and delete buttons. */
import { useId, useState } from "react";
import { canMove, QUESTION_TYPES, readText, type ElementJson, type QuestionType, type SurveyJson } from "../../domain/survey/designer";
import { useLocale, useT } from "../../utils/i18n";
import { tr } from "./inputs";

interface Props {
  survey: SurveyJson;
  pageIndex: number;
  selected: string | null;
  onSelect: (name: string) => void;
  onMove: (name: string, direction: "up" | "down") => void;
  onDuplicate: (name: string) => void;
  onDelete: (name: string) => void;
  onAdd: (type: QuestionType | "panel") => void;
}

export function QuestionList(props: Props) {
  const { survey, pageIndex, onAdd } = props;
  const t = useT();
  const id = useId();
  const [type, setType] = useState<QuestionType | "panel">("radiogroup");
  const elements = survey.pages[pageIndex]?.elements ?? [];
  return (
    <section className="card question-list" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("designer.questionsOnPage", { n: pageIndex + 1 })}</h2>
      {elements.length === 0 ? <p className="note">{t("designer.emptyPage")}</p> : <Items {...props} list={elements} depth={0} />}
      <div className="inline-add">
        <label htmlFor={`${id}-type`}>{t("designer.newQuestion")}</label>
        <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as QuestionType | "panel")}>
          {[...QUESTION_TYPES, "panel" as const].map((q) => (
            <option key={q} value={q}>
              {t(`designer.type.${q}`)}
            </option>
          ))}
        </select>
        <button type="button" className="primary-outline" onClick={() => onAdd(type)}>
          + {t("designer.add")}
        </button>
      </div>
    </section>
  );
}

function Items({ list, depth, ...props }: Props & { list: ElementJson[]; depth: number }) {
  const t = useT();
  const locale = useLocale();
  const { survey, selected, onSelect, onMove, onDuplicate, onDelete } = props;
  return (
    <ol className={depth === 0 ? "outline" : "outline nested"}>
      {list.map((q) => {
        const title = readText(q.title, locale) || readText(q.title, "ru") || (q.type === "html" ? t("designer.type.html") : "");
        const isSelected = q.name === selected;
        const children = Array.isArray(q.elements) ? (q.elements as ElementJson[]) : Array.isArray(q.templateElements) ? (q.templateElements as ElementJson[]) : null;
        return (
          <li key={q.name} className={isSelected ? "selected" : undefined}>
            <div className="outline-row">
              <button type="button" className="outline-select" aria-pressed={isSelected} onClick={() => onSelect(q.name)}>
                <span className="outline-title">
                  {title || <em>{t("designer.untitled")}</em>}
                  {q.isRequired ? <span className="required" aria-label={t("designer.required")}> *</span> : null}
                </span>
                <span className="outline-meta">
                  <code>{q.name}</code> · {tr(t, `designer.type.${q.type}`, q.type)}
                  {q.visibleIf ? <span className="badge">{t("designer.conditional")}</span> : null}
                </span>
              </button>
              <span className="row-buttons">
                <button type="button" className="icon" disabled={!canMove(survey, q.name, "up")} onClick={() => onMove(q.name, "up")} aria-label={`${t("designer.moveUp")}: ${q.name}`} title={t("designer.moveUp")}>
                  ↑
                </button>
                <button type="button" className="icon" disabled={!canMove(survey, q.name, "down")} onClick={() => onMove(q.name, "down")} aria-label={`${t("designer.moveDown")}: ${q.name}`} title={t("designer.moveDown")}>
                  ↓
                </button>
                <button type="button" className="icon" onClick={() => onDuplicate(q.name)} aria-label={`${t("designer.duplicate")}: ${q.name}`} title={t("designer.duplicate")}>
                  <CopyIcon />
                </button>
                <button
                  type="button"
                  className="icon danger"
                  onClick={() => {
                    if (window.confirm(t("designer.deleteConfirm", { name: q.name }))) onDelete(q.name);
                  }}
                  aria-label={`${t("designer.delete")}: ${q.name}`}
                  title={t("designer.delete")}
                >
                  ×
                </button>
              </span>
            </div>
            {children && children.length > 0 ? <Items {...props} list={children} depth={depth + 1} /> : null}
          </li>
        );
      })}
    </ol>
  );
}

/** Two overlapping squares: a copy glyph every font can show (⧉ is missing from many). */
function CopyIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M3 11V3.5A1.5 1.5 0 0 1 4.5 2H11" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

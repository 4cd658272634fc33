/** Pages as a row of buttons, and the current page's name, title and order. */
import { useEffect, useId, useState } from "react";
import { NAME_PATTERN, type PageJson, type SurveyJson } from "../../domain/survey/designer";
import { useT } from "../../utils/i18n";
import { LocalizedInput } from "./inputs";

export function PagesBar({
  survey,
  pageIndex,
  onSelect,
  onAdd,
  onRename,
  onUpdate,
  onMove,
  onDelete,
}: {
  survey: SurveyJson;
  pageIndex: number;
  onSelect: (index: number) => void;
  onAdd: () => void;
  onRename: (name: string) => void;
  onUpdate: (page: PageJson) => void;
  onMove: (to: number) => void;
  onDelete: () => void;
}) {
  const t = useT();
  const id = useId();
  const page = survey.pages[pageIndex]!;
  const [name, setName] = useState(page.name);
  useEffect(() => setName(page.name), [page.name]);
  const problem = !NAME_PATTERN.test(name) ? "name.invalid" : survey.pages.some((p, i) => i !== pageIndex && p.name === name) ? "name.taken" : null;
  const commit = () => {
    if (name !== page.name && !problem) onRename(name);
  };
  const count = page.elements.length;

  return (
    <section className="pages-bar" aria-label={t("designer.pages")}>
      <div className="page-tabs" role="list">
        {survey.pages.map((p, i) => (
          <span role="listitem" key={i}>
            <button type="button" className={`page-tab${i === pageIndex ? " current" : ""}`} aria-current={i === pageIndex ? "page" : undefined} onClick={() => onSelect(i)}>
              {i + 1}. {p.name} <span className="count">({p.elements.length})</span>
            </button>
          </span>
        ))}
        <span role="listitem">
          <button type="button" className="secondary" onClick={onAdd}>
            + {t("designer.addPage")}
          </button>
        </span>
      </div>
      <details className="page-settings">
        <summary>{t("designer.pageSettings", { n: pageIndex + 1 })}</summary>
        <div className="grid-2">
          <div className={`field${problem ? " has-error" : ""}`}>
            <label htmlFor={`${id}-name`}>{t("designer.pageName")}</label>
            <input
              id={`${id}-name`}
              className="mono"
              value={name}
              aria-invalid={problem ? true : undefined}
              onChange={(e) => setName(e.target.value)}
              onBlur={commit}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  commit();
                }
              }}
            />
            {problem ? <small className="error">{t(`designer.err.${problem}`)}</small> : null}
          </div>
          <div className="page-actions">
            <button type="button" className="secondary" disabled={pageIndex === 0} onClick={() => onMove(pageIndex - 1)}>
              ← {t("designer.pageEarlier")}
            </button>
            <button type="button" className="secondary" disabled={pageIndex === survey.pages.length - 1} onClick={() => onMove(pageIndex + 1)}>
              {t("designer.pageLater")} →
            </button>
            <button
              type="button"
              className="secondary danger"
              onClick={() => {
                if (count === 0 || window.confirm(t("designer.deletePageConfirm", { n: count }))) onDelete();
              }}
            >
              {t("designer.deletePage")}
            </button>
          </div>
        </div>
        <LocalizedInput label={t("designer.pageTitle")} obj={page} prop="title" onChange={onUpdate} />
        <LocalizedInput label={t("designer.description")} obj={page} prop="description" onChange={onUpdate} multiline />
      </details>
    </section>
  );
}

/** Ready blocks: the screening questions quotas and weighting use, and a 1–5 rating of organisations. */
import { useId, useMemo, useState } from "react";
import { allNames, DEMOGRAPHIC_NAMES, type SurveyJson } from "../../domain/survey/designer";
import { useT } from "../../utils/i18n";

export interface Territory {
  code: string;
  name: string;
  kind?: string;
}
export interface Organisation {
  code: string;
  name: string;
}

const SHOWN_LIMIT = 200;

export function BlocksPanel({
  survey,
  territories,
  organisations,
  onDemographics,
  onOrganisationRating,
}: {
  survey: SurveyJson;
  territories: Territory[];
  organisations: Organisation[];
  onDemographics: () => void;
  onOrganisationRating: (selected: Organisation[]) => void;
}) {
  const t = useT();
  const id = useId();
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const names = allNames(survey);
  const present = DEMOGRAPHIC_NAMES.filter((n) => names.has(n));
  const municipalities = territories.filter((tr) => tr.kind !== "region").length;

  const matches = useMemo(() => {
    const q = query.trim().toLocaleLowerCase("ru");
    return q ? organisations.filter((o) => o.name.toLocaleLowerCase("ru").includes(q) || o.code.toLowerCase().includes(q)) : organisations;
  }, [organisations, query]);
  const shown = matches.slice(0, SHOWN_LIMIT);
  const toggle = (code: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(code);
    else next.delete(code);
    setChosen(next);
  };

  return (
    <section className="card blocks" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("designer.blocks")}</h2>
      <div className="block">
        <h3>{t("designer.blocks.demographics")}</h3>
        <p className="note">{t("designer.blocks.demographicsText", { n: municipalities })}</p>
        {present.length > 0 ? <p className="note warn">{t("designer.blocks.demographicsPresent", { names: present.join(", ") })}</p> : null}
        <button type="button" className="secondary" disabled={present.length > 0} onClick={onDemographics}>
          + {t("designer.blocks.addDemographics")}
        </button>
      </div>
      <div className="block">
        <h3>{t("designer.blocks.rating")}</h3>
        <p className="note">{t("designer.blocks.ratingText")}</p>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t("designer.blocks.search")}</label>
          <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-controls={`${id}-list`} />
        </div>
        <div className="org-tools">
          <button type="button" className="link-button" onClick={() => setChosen(new Set([...chosen, ...shown.map((o) => o.code)]))}>
            {t("designer.blocks.selectShown")}
          </button>
          <button type="button" className="link-button" disabled={chosen.size === 0} onClick={() => setChosen(new Set())}>
            {t("designer.blocks.clear")}
          </button>
          <span aria-live="polite">{t("designer.blocks.selectedCount", { n: chosen.size })}</span>
        </div>
        <fieldset className="org-list" id={`${id}-list`}>
          <legend className="visually-hidden">{t("designer.blocks.organisations")}</legend>
          {shown.length === 0 ? <p className="note">{t("designer.blocks.noMatch")}</p> : null}
          {shown.map((o) => (
            <label key={o.code} className="inline-check">
              <input type="checkbox" checked={chosen.has(o.code)} onChange={(e) => toggle(o.code, e.target.checked)} /> {o.name} <code>{o.code}</code>
            </label>
          ))}
          {matches.length > shown.length ? <p className="note">{t("designer.blocks.more", { n: matches.length - shown.length })}</p> : null}
        </fieldset>
        <button
          type="button"
          className="secondary"
          disabled={chosen.size === 0}
          onClick={() => {
            onOrganisationRating(organisations.filter((o) => chosen.has(o.code)));
            setChosen(new Set());
          }}
        >
          + {t("designer.blocks.addRating")}
        </button>
      </div>
    </section>
  );
}

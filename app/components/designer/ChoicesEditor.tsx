/** Edits a list of answer options (choices, matrix rows or columns, rating values): value + ru/en text. */
import {
  addChoice,
  coerceValue,
  duplicateValues,
  moveChoice,
  readChoices,
  removeChoice,
  updateChoice,
  type JsonObject,
} from "../../domain/survey/designer";
import { useT } from "../../utils/i18n";
import { RowButtons } from "./inputs";

export function ChoicesEditor<T extends JsonObject>({ obj, prop = "choices", label, onChange }: { obj: T; prop?: string; label: string; onChange: (next: T) => void }) {
  const t = useT();
  const rows = readChoices(obj, prop);
  const numeric = rows.length > 0 && rows.every((r) => typeof r.value === "number");
  const duplicates = duplicateValues(rows);
  return (
    <fieldset className="field list-editor">
      <legend>{label}</legend>
      {rows.length === 0 ? <p className="note">{t("designer.choices.empty")}</p> : null}
      <table className="choices">
        {rows.length > 0 ? (
          <thead>
            <tr>
              <th scope="col">{t("designer.choices.value")}</th>
              <th scope="col">{t("designer.choices.textRu")}</th>
              <th scope="col">{t("designer.choices.textEn")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("designer.actions")}</span>
              </th>
            </tr>
          </thead>
        ) : null}
        <tbody>
          {rows.map((row, i) => {
            const name = row.ru || String(row.value);
            const dup = duplicates.has(String(row.value));
            return (
              <tr key={i} className={dup || String(row.value) === "" ? "has-error" : undefined}>
                <td>
                  <input
                    className="mono"
                    aria-label={`${t("designer.choices.value")} ${i + 1}`}
                    aria-invalid={dup || String(row.value) === "" ? true : undefined}
                    title={dup ? t("designer.choices.duplicate") : undefined}
                    value={String(row.value)}
                    onChange={(e) => onChange(updateChoice(obj, i, { value: coerceValue(e.target.value, numeric) }, prop))}
                  />
                </td>
                <td>
                  <input lang="ru" aria-label={`${t("designer.choices.textRu")} ${i + 1}`} placeholder={t("designer.choices.textRu")} value={row.ru} onChange={(e) => onChange(updateChoice(obj, i, { ru: e.target.value }, prop))} />
                </td>
                <td>
                  <input lang="en" aria-label={`${t("designer.choices.textEn")} ${i + 1}`} placeholder={t("designer.choices.textEn")} value={row.en} onChange={(e) => onChange(updateChoice(obj, i, { en: e.target.value }, prop))} />
                </td>
                <td>
                  <RowButtons index={i} count={rows.length} label={name} onMove={(to) => onChange(moveChoice(obj, i, to, prop))} onRemove={() => onChange(removeChoice(obj, i, prop))} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {duplicates.size > 0 ? (
        <small className="error" role="alert">
          {t("designer.choices.duplicate")}: {[...duplicates].join(", ")}
        </small>
      ) : null}
      <div>
        <button type="button" className="secondary" onClick={() => onChange(addChoice(obj, prop))}>
          + {t("designer.choices.add")}
        </button>
      </div>
      <small>{t("designer.choices.hint")}</small>
    </fieldset>
  );
}

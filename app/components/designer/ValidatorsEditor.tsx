/** Answer checks SurveyJS runs in the browser (and our server runs again): e-mail, number range, length, regex, expression. */
import { useId, useState } from "react";
import {
  defaultValidator,
  insertItem,
  moveItem,
  removeItem,
  updateItem,
  VALIDATOR_TYPES,
  type ElementJson,
  type JsonObject,
  type ValidatorType,
} from "../../domain/survey/designer";
import { useT } from "../../utils/i18n";
import { LocalizedInput, NumberInput, RowButtons, TextInput, tr } from "./inputs";

export function ValidatorsEditor({ question, onChange }: { question: ElementJson; onChange: (next: ElementJson) => void }) {
  const t = useT();
  const id = useId();
  const [type, setType] = useState<ValidatorType>("email");
  const list = (Array.isArray(question.validators) ? question.validators : []) as JsonObject[];
  const set = (i: number, patch: JsonObject) => onChange(updateItem(question, "validators", i, patch));
  const setWhole = (i: number, next: JsonObject) => {
    const copy = [...list];
    copy[i] = next;
    onChange({ ...question, validators: copy });
  };
  return (
    <fieldset className="field list-editor">
      <legend>{t("designer.validators")}</legend>
      {list.length === 0 ? <p className="note">{t("designer.validators.none")}</p> : null}
      {list.map((v, i) => {
        const vType = String(v.type ?? "");
        const label = tr(t, `designer.validator.${vType}`, vType);
        return (
          <div key={i} className="validator">
            <div className="validator-head">
              <strong>{label}</strong>
              <RowButtons index={i} count={list.length} label={label} onMove={(to) => onChange(moveItem(question, "validators", i, to))} onRemove={() => onChange(removeItem(question, "validators", i))} />
            </div>
            <div className="grid-2">
              {vType === "numeric" ? (
                <>
                  <NumberInput label={t("designer.min")} value={v.minValue} onChange={(n) => set(i, { minValue: n })} />
                  <NumberInput label={t("designer.max")} value={v.maxValue} onChange={(n) => set(i, { maxValue: n })} />
                </>
              ) : null}
              {vType === "text" ? (
                <>
                  <NumberInput label={t("designer.minLength")} value={v.minLength} min={0} step={1} onChange={(n) => set(i, { minLength: n })} />
                  <NumberInput label={t("designer.maxLength")} value={v.maxLength} min={0} step={1} onChange={(n) => set(i, { maxLength: n })} />
                </>
              ) : null}
            </div>
            {vType === "regex" ? <TextInput mono label={t("designer.validator.regexPattern")} value={v.regex} onChange={(s) => set(i, { regex: s })} hint={t("designer.validator.regexHint")} /> : null}
            {vType === "expression" ? (
              <TextInput mono label={t("designer.validator.expressionText")} value={v.expression} onChange={(s) => set(i, { expression: s })} hint={t("designer.validator.expressionHint")} />
            ) : null}
            <LocalizedInput label={t("designer.validator.message")} obj={v} prop="text" onChange={(next) => setWhole(i, next)} hint={t("designer.validator.messageHint")} />
          </div>
        );
      })}
      <div className="inline-add">
        <label htmlFor={id} className="visually-hidden">
          {t("designer.validators.type")}
        </label>
        <select id={id} value={type} onChange={(e) => setType(e.target.value as ValidatorType)}>
          {VALIDATOR_TYPES.map((v) => (
            <option key={v} value={v}>
              {t(`designer.validator.${v}`)}
            </option>
          ))}
        </select>
        <button type="button" className="secondary" onClick={() => onChange(insertItem(question, "validators", defaultValidator(type)))}>
          + {t("designer.validators.add")}
        </button>
      </div>
    </fieldset>
  );
}

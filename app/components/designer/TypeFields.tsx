/** The properties that belong to one question type. */
import { useId } from "react";
import { CHOICE_TYPES, MULTI_SELECT_TYPES, type ElementJson, type JsonObject } from "../../domain/survey/designer";
import { useT } from "../../utils/i18n";
import { ChoicesEditor } from "./ChoicesEditor";
import { CheckInput, LocalizedInput, NumberInput, SelectInput } from "./inputs";
import { MatrixColumnsEditor } from "./MatrixColumnsEditor";
import { ValidatorsEditor } from "./ValidatorsEditor";

const INPUT_TYPES = ["text", "number", "email", "date"] as const;

export function TypeFields({ question: q, onChange }: { question: ElementJson; onChange: (next: ElementJson) => void }) {
  const t = useT();
  const id = useId();
  const set = (patch: JsonObject) => {
    const next: JsonObject = { ...q };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === false || v === "") delete next[k];
      else next[k] = v;
    }
    onChange(next as ElementJson);
  };

  if (CHOICE_TYPES.includes(q.type)) {
    const canOther = q.type !== "ranking";
    return (
      <>
        <ChoicesEditor label={t("designer.choices")} obj={q} onChange={onChange} />
        {canOther ? (
          <div className="grid-2">
            <div>
              <CheckInput label={t("designer.other")} checked={q.showOtherItem === true} onChange={(v) => set({ showOtherItem: v })} />
              {q.showOtherItem ? <LocalizedInput label={t("designer.otherText")} obj={q} prop="otherText" onChange={onChange} hint={t("designer.otherHint")} /> : null}
            </div>
            <div>
              <CheckInput label={t("designer.none")} checked={q.showNoneItem === true} onChange={(v) => set({ showNoneItem: v })} />
              {q.showNoneItem ? <LocalizedInput label={t("designer.noneText")} obj={q} prop="noneText" onChange={onChange} /> : null}
            </div>
          </div>
        ) : null}
        {MULTI_SELECT_TYPES.includes(q.type) ? <NumberInput label={t("designer.maxSelected")} value={q.maxSelectedChoices} min={1} step={1} onChange={(n) => set({ maxSelectedChoices: n })} /> : null}
      </>
    );
  }

  switch (q.type) {
    case "rating": {
      const explicit = Array.isArray(q.rateValues) && q.rateValues.length > 0;
      return (
        <>
          <CheckInput
            label={t("designer.rating.explicit")}
            checked={explicit}
            onChange={(v) => set(v ? { rateValues: [1, 2, 3, 4, 5], rateMin: undefined, rateMax: undefined, rateStep: undefined } : { rateValues: undefined, rateMin: 1, rateMax: 5 })}
          />
          {explicit ? (
            <ChoicesEditor label={t("designer.rating.values")} obj={q} prop="rateValues" onChange={onChange} />
          ) : (
            <div className="grid-3">
              <NumberInput label={t("designer.rating.min")} value={q.rateMin} placeholder="1" onChange={(n) => set({ rateMin: n })} />
              <NumberInput label={t("designer.rating.max")} value={q.rateMax} placeholder="5" onChange={(n) => set({ rateMax: n })} />
              <NumberInput label={t("designer.rating.step")} value={q.rateStep} min={0} placeholder="1" onChange={(n) => set({ rateStep: n })} />
            </div>
          )}
          {!explicit && typeof q.rateMin === "number" && typeof q.rateMax === "number" && q.rateMin >= q.rateMax ? <small className="error">{t("designer.rating.badRange")}</small> : null}
          <LocalizedInput label={t("designer.rating.minText")} obj={q} prop="minRateDescription" onChange={onChange} />
          <LocalizedInput label={t("designer.rating.maxText")} obj={q} prop="maxRateDescription" onChange={onChange} />
        </>
      );
    }
    case "boolean":
      return (
        <>
          <LocalizedInput label={t("designer.boolean.true")} obj={q} prop="labelTrue" onChange={onChange} />
          <LocalizedInput label={t("designer.boolean.false")} obj={q} prop="labelFalse" onChange={onChange} />
        </>
      );
    case "text": {
      const inputType = typeof q.inputType === "string" ? q.inputType : "text";
      const bounds = inputType === "number" || inputType === "date";
      return (
        <>
          <SelectInput
            label={t("designer.text.inputType")}
            value={inputType}
            options={INPUT_TYPES.map((v) => ({ value: v, label: t(`designer.inputType.${v}`) }))}
            onChange={(v) => set({ inputType: v === "text" ? undefined : v, min: undefined, max: undefined })}
          />
          {inputType === "number" ? (
            <div className="grid-2">
              <NumberInput label={t("designer.min")} value={q.min} onChange={(n) => set({ min: n })} />
              <NumberInput label={t("designer.max")} value={q.max} onChange={(n) => set({ max: n })} />
            </div>
          ) : null}
          {inputType === "date" ? (
            <div className="grid-2">
              {(["min", "max"] as const).map((k) => (
                <div className="field" key={k}>
                  <label htmlFor={`${id}-${k}`}>{t(k === "min" ? "designer.minDate" : "designer.maxDate")}</label>
                  <input id={`${id}-${k}`} type="date" value={typeof q[k] === "string" ? (q[k] as string) : ""} onChange={(e) => set({ [k]: e.target.value })} />
                </div>
              ))}
            </div>
          ) : null}
          {!bounds ? <NumberInput label={t("designer.maxLength")} value={q.maxLength} min={0} step={1} onChange={(n) => set({ maxLength: n })} /> : null}
          <LocalizedInput label={t("designer.placeholder")} obj={q} prop="placeholder" onChange={onChange} />
          <ValidatorsEditor question={q} onChange={onChange} />
        </>
      );
    }
    case "comment":
      return (
        <>
          <NumberInput label={t("designer.maxLength")} value={q.maxLength} min={0} step={1} onChange={(n) => set({ maxLength: n })} />
          <LocalizedInput label={t("designer.placeholder")} obj={q} prop="placeholder" onChange={onChange} />
          <ValidatorsEditor question={q} onChange={onChange} />
        </>
      );
    case "matrix":
      return (
        <>
          <ChoicesEditor label={t("designer.matrix.rows")} obj={q} prop="rows" onChange={onChange} />
          <ChoicesEditor label={t("designer.matrix.columns")} obj={q} prop="columns" onChange={onChange} />
          {q.rpKind === "organisation-rating" ? <p className="note">{t("designer.blocks.ratingMarker")}</p> : null}
        </>
      );
    case "matrixdropdown":
      return (
        <>
          <ChoicesEditor label={t("designer.matrix.rows")} obj={q} prop="rows" onChange={onChange} />
          <MatrixColumnsEditor question={q} onChange={onChange} />
        </>
      );
    case "html":
      return <LocalizedInput multiline label={t("designer.html")} obj={q} prop="html" onChange={onChange} hint={t("designer.htmlHint")} />;
    case "panel":
      return <p className="note">{t("designer.panelNote")}</p>;
    default:
      return <p className="note">{t("designer.unsupportedType")}</p>;
  }
}


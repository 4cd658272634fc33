/**
 * visibleIf as "show when <earlier question> <operator> <value>", or the raw SurveyJS expression
 * when it is more complex than one comparison.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import {
  buildCondition,
  coerceValue,
  CONDITION_OPERATORS,
  DesignerOpError,
  LIST_OPERATORS,
  parseSimpleCondition,
  questionsBefore,
  UNARY_OPERATORS,
  type ConditionOperator,
  type ConditionScalar,
  type ConditionValue,
  type SurveyJson,
} from "../../domain/survey/designer";
import type { MessageKey } from "../../i18n";
import { useLocale, useT } from "../../utils/i18n";

interface Draft {
  question: string;
  operator: ConditionOperator;
  value?: ConditionValue;
}

const NUMERIC_TYPES = new Set(["rating"]);

export function ConditionBuilder({ survey, name, label, value, onChange }: { survey: SurveyJson; name: string; label: string; value: unknown; onChange: (expr: string | undefined) => void }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const expr = typeof value === "string" ? value : "";
  const parsed = useMemo(() => (expr ? parseSimpleCondition(expr) : null), [expr]);
  const candidates = useMemo(() => questionsBefore(survey, name, locale), [survey, name, locale]);
  const [raw, setRaw] = useState(expr !== "" && parsed === null);
  const [draft, setDraft] = useState<Draft>(() => parsed ?? { question: "", operator: "=", value: undefined });
  const [error, setError] = useState<string | null>(null);
  const emitted = useRef(expr);

  // Follow outside changes (another question selected, a rename, the JSON tab).
  useEffect(() => {
    if (expr === emitted.current) return;
    emitted.current = expr;
    setRaw(expr !== "" && parsed === null);
    setDraft(parsed ?? { question: "", operator: "=", value: undefined });
    setError(null);
  }, [expr, parsed]);

  const emit = (next: string | undefined) => {
    emitted.current = next ?? "";
    onChange(next);
  };

  const update = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (!next.question) return emit(undefined);
    const needsValue = !UNARY_OPERATORS.includes(next.operator);
    if (needsValue && (next.value === undefined || next.value === "" || (Array.isArray(next.value) && next.value.length === 0))) return;
    try {
      emit(buildCondition({ question: next.question, operator: next.operator, value: needsValue ? next.value : undefined }));
      setError(null);
    } catch (e) {
      if (e instanceof DesignerOpError) setError(t(`designer.err.${e.code}`));
      else throw e;
    }
  };

  const picked = candidates.find((c) => c.name === draft.question);
  const isList = LIST_OPERATORS.includes(draft.operator);
  const numeric = picked ? NUMERIC_TYPES.has(picked.type) : false;
  const known = draft.question && !picked ? t("designer.condition.unknownQuestion") : null;

  const valueInput = () => {
    if (UNARY_OPERATORS.includes(draft.operator)) return null;
    if (picked?.values && isList) {
      const chosen = Array.isArray(draft.value) ? draft.value : [];
      return (
        <fieldset className="field condition-values">
          <legend>{t("designer.condition.values")}</legend>
          {picked.values.map((v) => (
            <label key={String(v.value)} className="inline-check">
              <input
                type="checkbox"
                checked={chosen.some((c) => c === v.value)}
                onChange={(e) => update({ value: e.target.checked ? [...chosen, v.value] : chosen.filter((c) => c !== v.value) })}
              />{" "}
              {v.label}
            </label>
          ))}
        </fieldset>
      );
    }
    if (picked?.values) {
      const index = picked.values.findIndex((v) => v.value === draft.value);
      return (
        <div className="field">
          <label htmlFor={`${id}-value`}>{t("designer.condition.value")}</label>
          <select id={`${id}-value`} value={index < 0 ? "" : String(index)} onChange={(e) => update({ value: e.target.value === "" ? undefined : picked.values![Number(e.target.value)]!.value })}>
            <option value="">—</option>
            {picked.values.map((v, i) => (
              <option key={i} value={i}>
                {v.label} ({String(v.value)})
              </option>
            ))}
          </select>
        </div>
      );
    }
    const text = Array.isArray(draft.value) ? draft.value.join(", ") : draft.value === undefined ? "" : String(draft.value);
    const toValue = (s: string): ConditionValue =>
      isList ? s.split(",").map((part) => coerceValue(part.trim(), true) as ConditionScalar).filter((v) => v !== "") : coerceValue(s, numeric || /^-?\d+(\.\d+)?$/.test(s.trim()));
    return (
      <div className="field">
        <label htmlFor={`${id}-value`}>{t("designer.condition.value")}</label>
        <input id={`${id}-value`} value={text} onChange={(e) => update({ value: toValue(e.target.value) })} />
        {isList ? <small>{t("designer.condition.listHint")}</small> : null}
      </div>
    );
  };

  return (
    <fieldset className="field condition">
      <legend>{label}</legend>
      {raw ? (
        <div className="field">
          <label htmlFor={`${id}-raw`}>{t("designer.condition.raw")}</label>
          <textarea id={`${id}-raw`} className="mono" rows={2} value={expr} onChange={(e) => emit(e.target.value.trim() === "" ? undefined : e.target.value)} />
          <small>{t("designer.condition.rawHint")}</small>
        </div>
      ) : (
        <div className="condition-row">
          <div className="field">
            <label htmlFor={`${id}-q`}>{t("designer.condition.question")}</label>
            <select id={`${id}-q`} value={draft.question} onChange={(e) => update({ question: e.target.value, value: undefined })}>
              <option value="">{t("designer.condition.always")}</option>
              {draft.question && !picked ? <option value={draft.question}>{draft.question}</option> : null}
              {candidates.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} — {c.title.slice(0, 60)}
                </option>
              ))}
            </select>
          </div>
          {draft.question ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-op`}>{t("designer.condition.operator")}</label>
                <select
                  id={`${id}-op`}
                  value={draft.operator}
                  onChange={(e) => {
                    const operator = e.target.value as ConditionOperator;
                    const switching = LIST_OPERATORS.includes(operator) !== isList;
                    update({ operator, value: switching ? undefined : draft.value });
                  }}
                >
                  {CONDITION_OPERATORS.map((op) => (
                    <option key={op} value={op}>
                      {t(`designer.op.${op}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </div>
              {valueInput()}
            </>
          ) : null}
        </div>
      )}
      {known ? <small className="error">{known}</small> : null}
      {error ? (
        <small className="error" role="alert">
          {error}
        </small>
      ) : null}
      {expr && !raw ? (
        <small>
          {t("designer.condition.expression")}: <code>{expr}</code>
        </small>
      ) : null}
      <div>
        {raw ? (
          <button type="button" className="link-button" disabled={expr !== "" && parsed === null} onClick={() => setRaw(false)}>
            {expr !== "" && parsed === null ? t("designer.condition.tooComplex") : t("designer.condition.useBuilder")}
          </button>
        ) : (
          <button type="button" className="link-button" onClick={() => setRaw(true)}>
            {t("designer.condition.editRaw")}
          </button>
        )}
      </div>
    </fieldset>
  );
}

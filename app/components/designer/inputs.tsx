/** Small controlled inputs the designer's editors are built from. */
import { useEffect, useId, useState } from "react";
import { readText, setLocalizedText, type JsonObject, type Locale } from "../../domain/survey/designer";
import type { MessageKey } from "../../i18n";
import { useT } from "../../utils/i18n";

/** A Russian + English pair for one localisable property of `obj`. */
export function LocalizedInput<T extends JsonObject>({
  label,
  obj,
  prop,
  onChange,
  multiline = false,
  hint,
}: {
  label: string;
  obj: T;
  prop: string;
  onChange: (next: T) => void;
  multiline?: boolean;
  hint?: string;
}) {
  const t = useT();
  const id = useId();
  const input = (locale: Locale) => {
    const common = {
      id: `${id}-${locale}`,
      lang: locale,
      value: readText(obj[prop], locale),
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(setLocalizedText(obj, prop, locale, e.target.value)),
      "aria-describedby": hint ? `${id}-hint` : undefined,
    };
    return (
      <div className="lang-input">
        <label htmlFor={common.id} className="lang-tag">
          {locale === "ru" ? "RU" : "EN"}
          <span className="visually-hidden"> {label}</span>
        </label>
        {multiline ? <textarea rows={2} {...common} /> : <input type="text" {...common} />}
      </div>
    );
  };
  return (
    <fieldset className="field localized">
      <legend>{label}</legend>
      {input("ru")}
      {input("en")}
      {!readText(obj[prop], "en") && readText(obj[prop], "ru") ? <small className="note">{t("designer.hint.noEnglish")}</small> : null}
      {hint ? <small id={`${id}-hint`}>{hint}</small> : null}
    </fieldset>
  );
}

/** A number box that lets you type freely and commits numbers (blank removes the property). */
export function NumberInput({
  label,
  value,
  onChange,
  min,
  step,
  placeholder,
}: {
  label: string;
  value: unknown;
  onChange: (v: number | undefined) => void;
  min?: number;
  step?: number;
  placeholder?: string;
}) {
  const id = useId();
  const shown = typeof value === "number" ? String(value) : "";
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        step={step ?? "any"}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const n = e.target.value.trim() === "" ? undefined : Number(e.target.value);
          if (n === undefined || Number.isFinite(n)) onChange(n);
        }}
      />
    </div>
  );
}

export function TextInput({
  label,
  value,
  onChange,
  hint,
  placeholder,
  mono,
}: {
  label: string;
  value: unknown;
  onChange: (v: string) => void;
  hint?: string;
  placeholder?: string;
  mono?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        className={mono ? "mono" : undefined}
        value={typeof value === "string" || typeof value === "number" ? String(value) : ""}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {hint ? <small id={`${id}-hint`}>{hint}</small> : null}
    </div>
  );
}

export function CheckInput({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="field checkbox">
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
    </div>
  );
}

export function SelectInput({ label, value, options, onChange }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** ↑ ↓ × buttons for one row of a list; labels name the row for screen readers. */
export function RowButtons({ index, count, label, onMove, onRemove }: { index: number; count: number; label: string; onMove: (to: number) => void; onRemove: () => void }) {
  const t = useT();
  return (
    <span className="row-buttons">
      <button type="button" className="icon" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={`${t("designer.moveUp")}: ${label}`} title={t("designer.moveUp")}>
        ↑
      </button>
      <button type="button" className="icon" disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={`${t("designer.moveDown")}: ${label}`} title={t("designer.moveDown")}>
        ↓
      </button>
      <button type="button" className="icon danger" onClick={onRemove} aria-label={`${t("designer.remove")}: ${label}`} title={t("designer.remove")}>
        ×
      </button>
    </span>
  );
}

/** A translation by a computed key, or `fallback` when the dictionary has no such key. */
export function tr(t: (key: MessageKey) => string, key: string, fallback: string): string {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}

import { errorText } from "../i18n";
import { useT } from "../utils/i18n";

interface FieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  error?: string;
  hint?: string;
}

/** A labelled input with its error tied to it for screen readers. */
export function Field({ label, name, error, hint, ...input }: FieldProps) {
  const t = useT();
  // Two forms on one page may share a field name: they pass their own id.
  const id = input.id ?? `f-${name}`;
  const message = errorText(t, error);
  return (
    <div className={`field${message ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input {...input} id={id} name={name} aria-invalid={message ? true : undefined} aria-describedby={message ? `${id}-error` : hint ? `${id}-hint` : undefined} />
      {hint ? <small id={`${id}-hint`}>{hint}</small> : null}
      {message ? (
        <small id={`${id}-error`} className="error">
          {message}
        </small>
      ) : null}
    </div>
  );
}

interface SelectProps extends React.SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  name: string;
  error?: string;
  options: { value: string; label: string }[];
}

export function SelectField({ label, name, error, options, ...select }: SelectProps) {
  const t = useT();
  const id = select.id ?? `f-${name}`;
  const message = errorText(t, error);
  return (
    <div className={`field${message ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} aria-invalid={message ? true : undefined} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {message ? <small className="error">{message}</small> : null}
    </div>
  );
}

export function CheckboxField({ label, name, defaultChecked }: { label: string; name: string; defaultChecked?: boolean }) {
  return (
    <div className="field checkbox">
      <label>
        <input type="checkbox" name={name} defaultChecked={defaultChecked} /> {label}
      </label>
    </div>
  );
}

export function FormError({ errors }: { errors?: Record<string, string> }) {
  const t = useT();
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <p className="form-error" role="alert">
      {errors._form ? errorText(t, errors._form) : t("err.form")}
    </p>
  );
}

/** The definition as JSON text: edit, import a .json file, export; applied only when survey-core accepts it. */
import { useEffect, useId, useRef, useState } from "react";
import { normalizeSurvey, type SurveyJson } from "../../domain/survey/designer";
import { useT } from "../../utils/i18n";
import { parseJsonText, schemaProblems, type JsonProblem } from "./json-check";

type Check = { state: "idle" } | { state: "checking" } | { state: "done"; syntax?: JsonProblem; notObject?: boolean; schema: JsonProblem[]; value?: unknown };

const pretty = (survey: SurveyJson) => JSON.stringify(survey, null, 2);

export function JsonTab({ survey, fileName, onApply }: { survey: SurveyJson; fileName: string; onApply: (survey: SurveyJson) => void }) {
  const t = useT();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(() => pretty(survey));
  const [edited, setEdited] = useState(false);
  const [check, setCheck] = useState<Check>({ state: "idle" });
  const [imported, setImported] = useState<string | null>(null);

  useEffect(() => {
    if (!edited) setText(pretty(survey));
  }, [survey, edited]);

  useEffect(() => {
    if (!edited) return setCheck({ state: "idle" });
    let alive = true;
    setCheck({ state: "checking" });
    const timer = setTimeout(async () => {
      const parsed = parseJsonText(text);
      if (!parsed.ok) return alive && setCheck({ state: "done", syntax: parsed.problem, schema: [] });
      if (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) {
        return alive && setCheck({ state: "done", notObject: true, schema: [] });
      }
      try {
        const schema = await schemaProblems(parsed.value);
        if (alive) setCheck({ state: "done", schema, value: parsed.value });
      } catch (error) {
        if (alive) setCheck({ state: "done", schema: [{ message: error instanceof Error ? error.message : String(error) }] });
      }
    }, 300);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [text, edited]);

  const valid = check.state === "done" && !check.syntax && !check.notObject && check.schema.length === 0 && check.value !== undefined;

  const goTo = (p: JsonProblem) => {
    const el = area.current;
    if (!el || !p.line) return;
    const lines = text.split("\n");
    const offset = lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + (p.column ?? 1) - 1;
    el.focus();
    el.setSelectionRange(offset, offset + 1);
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 2_000_000) return setImported(t("designer.json.tooLarge"));
    setText(await file.text());
    setEdited(true);
    setImported(t("designer.json.importedFile", { name: file.name }));
  };

  const exportFile = () => {
    const blob = new Blob([pretty(survey) + "\n"], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="json-tab stack-gap">
      <div className="json-tools">
        <label className="button secondary file-button">
          {t("designer.json.import")}
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={(e) => {
              void importFile(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
        </label>
        <button type="button" className="secondary" onClick={exportFile}>
          {t("designer.json.export")}
        </button>
        <span className="note">{t("designer.json.hint")}</span>
      </div>
      {imported ? (
        <p className="note" role="status">
          {imported}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-text`}>{t("designer.json.label")}</label>
        <textarea
          ref={area}
          id={`${id}-text`}
          className="mono json-text"
          spellCheck={false}
          value={text}
          aria-invalid={check.state === "done" && !valid ? true : undefined}
          aria-describedby={`${id}-status`}
          onChange={(e) => {
            setText(e.target.value);
            setEdited(true);
          }}
        />
      </div>
      <div id={`${id}-status`} aria-live="polite">
        {check.state === "checking" ? <p className="note">{t("designer.json.checking")}</p> : null}
        {check.state === "done" && check.syntax ? (
          <div className="form-error" role="alert">
            <p>
              {t("designer.json.syntax")}
              {check.syntax.line ? ` ${t("designer.json.at", { line: check.syntax.line, column: check.syntax.column ?? 1 })}` : ""}: {check.syntax.message}
            </p>
            {check.syntax.line ? (
              <button type="button" className="link-button" onClick={() => goTo(check.syntax!)}>
                {t("designer.json.goTo")}
              </button>
            ) : null}
          </div>
        ) : null}
        {check.state === "done" && check.notObject ? (
          <p className="form-error" role="alert">
            {t("designer.json.notObject")}
          </p>
        ) : null}
        {check.state === "done" && check.schema.length > 0 ? (
          <div className="form-error" role="alert">
            <p>{t("designer.json.schema", { n: check.schema.length })}</p>
            <ul>
              {check.schema.map((p, i) => (
                <li key={i}>
                  {p.path ? <code>{p.path}</code> : null} {p.unknownType ? t("designer.json.unknownType", { type: p.unknownType }) : p.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {valid ? <p className="flash">{t("designer.json.valid")}</p> : null}
      </div>
      <div className="json-tools">
        <button
          type="button"
          className="primary-outline"
          disabled={!valid}
          onClick={() => {
            if (check.state !== "done" || check.value === undefined) return;
            onApply(normalizeSurvey(check.value));
            setEdited(false);
            setImported(null);
          }}
        >
          {t("designer.json.apply")}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!edited}
          onClick={() => {
            setEdited(false);
            setImported(null);
          }}
        >
          {t("designer.json.revert")}
        </button>
      </div>
    </div>
  );
}

/** What the server said about the last save: the version, "no changes", errors by path, cleaned HTML. */
import { errorText } from "../../i18n";
import { useT } from "../../utils/i18n";
import { tr } from "./inputs";

export interface PathMessage {
  path: string;
  message: string;
}

export type SaveResult =
  | { ok: true; version: number; changed: boolean; sanitizedPaths: string[]; warnings: PathMessage[] }
  | { ok: false; errors: Record<string, string>; definitionErrors?: PathMessage[] };

export function SaveResultView({ result }: { result?: SaveResult }) {
  const t = useT();
  if (!result) return null;
  if (!result.ok) {
    const codes = Object.values(result.errors);
    return (
      <div className="form-error save-result" role="alert">
        {codes.map((code) => (
          <p key={code}>{tr(t, `designer.save.${code}`, errorText(t, code) ?? code)}</p>
        ))}
        {result.definitionErrors && result.definitionErrors.length > 0 ? <PathList items={result.definitionErrors} /> : null}
      </div>
    );
  }
  return (
    <div className="save-result" role="status">
      <p className="flash">{result.changed ? t("designer.save.savedVersion", { n: result.version }) : t("designer.save.noChanges", { n: result.version })}</p>
      {result.sanitizedPaths.length > 0 ? (
        <div className="warn-box">
          <p>{t("designer.save.sanitized")}</p>
          <ul>
            {result.sanitizedPaths.map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.warnings.length > 0 ? (
        <div className="warn-box">
          <p>{t("designer.save.warnings")}</p>
          <PathList items={result.warnings} />
        </div>
      ) : null}
    </div>
  );
}

function PathList({ items }: { items: PathMessage[] }) {
  return (
    <ul>
      {items.map((e, i) => (
        <li key={i}>
          {e.path ? <code>{e.path}</code> : null} {e.message}
        </li>
      ))}
    </ul>
  );
}

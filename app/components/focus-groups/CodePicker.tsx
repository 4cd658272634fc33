import { Form, Link } from "@remix-run/react";
import type { CodeTreeNode } from "../../domain/focus-groups";
import { useT } from "../../utils/i18n";
import type { TurnSelection } from "./selection";

function Branch({ nodes }: { nodes: CodeTreeNode[] }) {
  return (
    <ul className="code-tree">
      {nodes.map((n) => (
        <li key={n.code.id}>
          <label title={n.code.definition || undefined}>
            <input type="checkbox" name="codeIds" value={n.code.id} />
            <span className="swatch" style={{ background: n.code.color ?? "#2f6db5" }} aria-hidden="true" />
            {n.code.name}
          </label>
          {n.children.length ? <Branch nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** The selected words and the codebook to tick codes from; one submit applies them all. */
export function CodePicker({ tree, selection, busy, studyId, onClear }: { tree: CodeTreeNode[]; selection: TurnSelection | null; busy: boolean; studyId: number; onClear: () => void }) {
  const t = useT();
  if (tree.length === 0)
    return (
      <p>
        {t("fg.noCodes")} <Link to={`/studies/${studyId}/codebook`}>{t("fg.tab.codebook")}</Link>
      </p>
    );
  return (
    <Form method="post" className="stack" key={selection ? `${selection.turnId}:${selection.start}:${selection.end}` : "none"}>
      <input type="hidden" name="intent" value="apply" />
      <div className="selection-box" aria-live="polite">
        {selection ? (
          <>
            <strong>{t("fg.selected")}</strong> «{selection.text.length > 240 ? `${selection.text.slice(0, 240)}…` : selection.text}»{" "}
            <button type="button" className="link-button" onClick={onClear}>
              {t("fg.clearSelection")}
            </button>
            <input type="hidden" name="turnId" value={selection.turnId} />
            <input type="hidden" name="start" value={selection.start} />
            <input type="hidden" name="end" value={selection.end} />
          </>
        ) : (
          <span className="note">{t("fg.selectHint")}</span>
        )}
      </div>
      <fieldset>
        <legend>{t("fg.codes")}</legend>
        <Branch nodes={tree} />
      </fieldset>
      <label>
        <input type="checkbox" name="quote" /> {t("fg.markQuote")}
      </label>
      <label htmlFor="f-coding-memo">{t("fg.codingMemo")}</label>
      <textarea id="f-coding-memo" name="memo" rows={2} maxLength={4000} />
      <button type="submit" className="primary" disabled={busy || !selection}>
        {t("fg.apply")}
      </button>
    </Form>
  );
}

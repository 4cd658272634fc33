import { Form } from "@remix-run/react";
import type { CodeTreeNode } from "../../domain/focus-groups";
import { useT } from "../../utils/i18n";
import { MemoList, type MemoView } from "./MemoList";

interface Props {
  node: CodeTreeNode;
  usage: Record<string, { codings: number; coders: number }>;
  memos: Array<MemoView & { target_id: number }>;
  options: Array<{ value: string; label: string }>;
  busy: boolean;
}

/** One code with its edit, move, merge and memo forms folded away, and its subcodes below. */
export function CodebookNode({ node, usage, memos, options, busy }: Props) {
  const t = useT();
  const { code } = node;
  const used = usage[code.id] ?? { codings: 0, coders: 0 };
  const own = memos.filter((m) => String(m.target_id) === code.id);
  const others = options.filter((o) => o.value !== code.id);
  return (
    <li data-code={code.name}>
      <div className="code-row">
        <span className="swatch" style={{ background: code.color ?? "#2f6db5" }} aria-hidden="true" />
        <strong>{code.name}</strong>
        <span className="note">{t("fg.codeUsage", { codings: used.codings, coders: used.coders })}</span>
        {code.definition ? <span className="note">— {code.definition}</span> : null}
      </div>
      <details>
        <summary>{t("fg.changeCode", { name: code.name })}</summary>
      <div className="cards two">
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="codeId" value={code.id} />
          <label htmlFor={`f-name-${code.id}`}>{t("fg.codeName")}</label>
          <input id={`f-name-${code.id}`} name="name" defaultValue={code.name} required maxLength={200} />
          <label htmlFor={`f-def-${code.id}`}>{t("fg.definition")}</label>
          <textarea id={`f-def-${code.id}`} name="definition" rows={2} defaultValue={code.definition} maxLength={4000} />
          <label htmlFor={`f-colour-${code.id}`}>{t("fg.colour")}</label>
          <input id={`f-colour-${code.id}`} name="colour" type="color" defaultValue={code.color ?? "#2f6db5"} />
          <button type="submit" disabled={busy}>
            {t("common.save")}
          </button>
        </Form>
        <div className="stack">
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="codeId" value={code.id} />
            <label htmlFor={`f-move-${code.id}`}>{t("fg.moveUnder")}</label>
            <select id={`f-move-${code.id}`} name="parentId" defaultValue={code.parentId ?? ""}>
              <option value="">{t("fg.topLevel")}</option>
              {others.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <button type="submit" disabled={busy}>
              {t("fg.move")}
            </button>
          </Form>
          <Form
            method="post"
            className="stack"
            onSubmit={(e) => {
              if (!window.confirm(t("fg.mergeConfirm", { name: code.name }))) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="merge" />
            <input type="hidden" name="codeId" value={code.id} />
            <label htmlFor={`f-merge-${code.id}`}>{t("fg.mergeInto")}</label>
            <select id={`f-merge-${code.id}`} name="intoId" required defaultValue="">
              <option value="" disabled>
                —
              </option>
              {others.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <button type="submit" disabled={busy}>
              {t("fg.merge")}
            </button>
          </Form>
          {used.codings === 0 && node.children.length === 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="codeId" value={code.id} />
              <button type="submit" className="danger" disabled={busy}>
                {t("fg.deleteCode")}
              </button>
            </Form>
          ) : null}
        </div>
        <div>
          <h3>{t("fg.memos")}</h3>
          <MemoList memos={own} busy={busy} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="add-memo" />
            <input type="hidden" name="codeId" value={code.id} />
            <label htmlFor={`f-code-memo-${code.id}`}>{t("fg.newMemo")}</label>
            <textarea id={`f-code-memo-${code.id}`} name="text" rows={2} required maxLength={8000} />
            <button type="submit" disabled={busy}>
              {t("fg.addMemo")}
            </button>
          </Form>
        </div>
      </div>
      </details>
      {node.children.length ? (
        <ul>
          {node.children.map((child) => (
            <CodebookNode key={child.code.id} node={child} usage={usage} memos={memos} options={options} busy={busy} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

import { Form } from "@remix-run/react";
import { useLocale, useTimeZone, useT } from "../../utils/i18n";
import { formatDateTime } from "../../i18n";

export interface MemoView {
  id: number;
  text: string;
  author: string | null;
  created_at: string | Date;
}

/** Memos with their author and time; each has a delete button (the server allows authors only). */
export function MemoList({ memos, busy }: { memos: MemoView[]; busy: boolean }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  if (memos.length === 0) return <p className="note">{t("fg.noMemos")}</p>;
  return (
    <ul className="memos">
      {memos.map((m) => (
        <li key={m.id}>
          <p style={{ whiteSpace: "pre-wrap", margin: 0 }}>{m.text}</p>
          <small className="note">
            {m.author ?? "—"}, {formatDateTime(locale, m.created_at, timeZone)}
          </small>{" "}
          <Form method="post" style={{ display: "inline" }}>
            <input type="hidden" name="intent" value="delete-memo" />
            <input type="hidden" name="memoId" value={m.id} />
            <button type="submit" className="link-button" disabled={busy}>
              {t("fg.delete")}
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}

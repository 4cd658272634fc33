import { Form } from "@remix-run/react";
import { useState } from "react";
import { formatClockTime } from "../../domain/focus-groups";
import { useT } from "../../utils/i18n";
import { MemoList, type MemoView } from "./MemoList";
import { TurnText } from "./TurnText";

interface Turn {
  id: number;
  idx: number;
  speakerKind: string;
  participantCode: string | null;
  text: string;
  startMs: number | null;
}
interface CodingView {
  id: number;
  codeId: number;
  coderId: number;
  start: number;
  end: number;
  quote: boolean;
  memo: string | null;
}

/** One transcript turn: speaker, time, highlighted text, its codings as chips, edit and memo forms. */
export function TurnCard(props: {
  turn: Turn;
  codings: CodingView[];
  memos: Array<MemoView & { target_id: number }>;
  editable: boolean;
  showCoder: boolean;
  codeLabel: (codeId: number) => string;
  colourOf: (codeId: number) => string;
  coderName: (coderId: number) => string;
  speakers: Array<{ value: string; label: string }>;
  selected: boolean;
  onWholeTurn: () => void;
  busy: boolean;
  editError: string | null;
  quotingAllowed: boolean;
}) {
  const t = useT();
  const { turn, codings } = props;
  const [editing, setEditing] = useState(props.editError !== null);
  const [memoOpen, setMemoOpen] = useState(false);
  const speaker = turn.speakerKind === "moderator" ? t("fg.moderatorRole") : turn.participantCode ?? t("fg.unmapped");
  return (
    <article className={`turn${props.selected ? " selected" : ""}`} id={`turn-${turn.idx + 1}`} aria-label={t("fg.turnLabel", { n: turn.idx + 1, speaker })}>
      <header>
        <span className="note">#{turn.idx + 1}</span>
        {turn.startMs !== null ? <span className="note">{formatClockTime(turn.startMs)}</span> : null}
        <span className={`speaker${turn.speakerKind === "moderator" ? " moderator" : ""}`}>{speaker}</span>
        {props.editable ? (
          <button type="button" className="link-button" onClick={props.onWholeTurn}>
            {t("fg.selectWholeTurn")}
          </button>
        ) : null}
        <button type="button" className="link-button" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          {t("fg.editTurn")}
        </button>
        <button type="button" className="link-button" onClick={() => setMemoOpen(!memoOpen)} aria-expanded={memoOpen}>
          {t("fg.memos")} {props.memos.length ? `(${props.memos.length})` : ""}
        </button>
      </header>
      {editing ? (
        <Form method="post" className="stack" onSubmit={() => setEditing(false)}>
          <input type="hidden" name="intent" value="edit-turn" />
          <input type="hidden" name="turnId" value={turn.id} />
          <label htmlFor={`f-turn-${turn.id}`}>{t("fg.turnText")}</label>
          <textarea id={`f-turn-${turn.id}`} name="text" rows={4} defaultValue={turn.text} required maxLength={20000} />
          <label htmlFor={`f-speaker-${turn.id}`}>{t("fg.speaker")}</label>
          <select id={`f-speaker-${turn.id}`} name="speaker" defaultValue={turn.speakerKind === "moderator" ? "moderator" : turn.participantCode ?? ""}>
            {turn.speakerKind === "unmapped" ? <option value="">{t("fg.unmapped")}</option> : null}
            {props.speakers.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          {props.editError ? (
            <p className="errors" role="alert">
              {props.editError}
            </p>
          ) : null}
          <button type="submit" disabled={props.busy}>
            {t("common.save")}
          </button>
        </Form>
      ) : (
        <TurnText turnId={turn.id} text={turn.text} marks={codings.map((c) => ({ id: c.id, start: c.start, end: c.end, colour: props.colourOf(c.codeId), label: props.codeLabel(c.codeId) }))} />
      )}
      {codings.length ? (
        <ul className="chips" aria-label={t("fg.codingsOfTurn")}>
          {codings.map((c) => (
            <li key={c.id} className="chip">
              <span className="swatch" style={{ background: props.colourOf(c.codeId) }} aria-hidden="true" />
              <span>{props.codeLabel(c.codeId)}</span>
              <span className="note">«{excerpt(turn.text.slice(c.start, c.end))}»</span>
              {props.showCoder ? <span className="note">· {props.coderName(c.coderId)}</span> : null}
              {c.quote ? <span className="badge ok">{t("fg.quote")}</span> : null}
              {c.memo ? <span className="note" title={c.memo}>✎</span> : null}
              {props.editable ? (
                <>
                  {props.quotingAllowed || c.quote ? (
                    <Form method="post" style={{ display: "inline" }}>
                      <input type="hidden" name="intent" value="quote" />
                      <input type="hidden" name="codingId" value={c.id} />
                      <input type="hidden" name="quote" value={String(!c.quote)} />
                      <button type="submit" className="link-button" disabled={props.busy}>
                        {c.quote ? t("fg.unmarkQuote") : t("fg.markQuoteShort")}
                      </button>
                    </Form>
                  ) : null}
                  <Form method="post" style={{ display: "inline" }}>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="codingId" value={c.id} />
                    <button type="submit" className="link-button" disabled={props.busy} aria-label={t("fg.removeCoding", { code: props.codeLabel(c.codeId) })}>
                      ✕
                    </button>
                  </Form>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {memoOpen ? (
        <div>
          <MemoList memos={props.memos} busy={props.busy} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="add-memo" />
            <input type="hidden" name="turnId" value={turn.id} />
            <label htmlFor={`f-turn-memo-${turn.id}`}>{t("fg.newMemo")}</label>
            <textarea id={`f-turn-memo-${turn.id}`} name="text" rows={2} required maxLength={8000} />
            <button type="submit" disabled={props.busy}>
              {t("fg.addMemo")}
            </button>
          </Form>
        </div>
      ) : null}
    </article>
  );
}

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

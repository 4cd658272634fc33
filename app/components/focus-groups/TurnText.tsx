import { textPieces } from "../../domain/focus-groups";

export interface CodingMark {
  id: number;
  start: number;
  end: number;
  colour: string;
  label: string;
}

/** A turn's text with its coded spans highlighted; overlapping codes stack their underlines. */
export function TurnText({ turnId, text, marks }: { turnId: number; text: string; marks: CodingMark[] }) {
  return (
    <p className="turn-text" data-turn-text={turnId}>
      {textPieces(text, marks).map((piece) =>
        piece.codings.length === 0 ? (
          <span key={piece.start}>{piece.text}</span>
        ) : (
          <mark
            key={piece.start}
            title={piece.codings.map((c) => c.label).join(", ")}
            style={{
              background: `${piece.codings[0]!.colour}33`,
              boxShadow: piece.codings.map((c, i) => `inset 0 -${(i + 1) * 3}px 0 ${c.colour}`).join(", "),
            }}
          >
            {piece.text}
          </mark>
        ),
      )}
    </p>
  );
}

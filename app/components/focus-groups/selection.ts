/**
 * Where the reader's selection lies in a turn's text, as offsets into the text (UTF-16 code units,
 * the same the server checks). The text element holds only the turn's text, split into
 * highlighted pieces, so the length of the text before a point is its offset.
 */
export interface TurnSelection {
  turnId: number;
  start: number;
  end: number;
  text: string;
}

function turnTextElement(node: Node | null): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : node?.parentElement ?? null;
  return element?.closest<HTMLElement>("[data-turn-text]") ?? null;
}

function offsetIn(container: HTMLElement, node: Node, offset: number): number {
  const before = document.createRange();
  before.selectNodeContents(container);
  before.setEnd(node, offset);
  return before.toString().length;
}

/** The selection if it starts and ends inside one turn's text and is not empty; else null. */
export function currentTurnSelection(): TurnSelection | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const container = turnTextElement(range.startContainer);
  if (!container || container !== turnTextElement(range.endContainer)) return null;
  let start = offsetIn(container, range.startContainer, range.startOffset);
  let end = offsetIn(container, range.endContainer, range.endOffset);
  const full = container.textContent ?? "";
  // a double-click selects a word with the space after it: coders mean the word
  while (end > start && /\s/.test(full[end - 1] ?? "")) end--;
  while (start < end && /\s/.test(full[start] ?? "")) start++;
  if (end <= start) return null;
  return { turnId: Number(container.dataset.turnText), start, end, text: full.slice(start, end) };
}

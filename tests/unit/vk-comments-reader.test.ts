/**
 * The hand-written reader of wall.getComments pages (jobs/connectors/vk-schemas.ts) keeps zod's
 * rules: required keys typed, optional ones typed when present, unknown keys dropped.
 */
import { describe, expect, it } from "vitest";
import { executeComments, readCommentsPage } from "../../jobs/connectors/vk-schemas";

const reply = { id: 11, from_id: -5, date: 1700000000, text: "Ответ", reply_to_comment: 10, likes: { count: 2 }, parents_stack: [10] };
const top = { id: 10, from_id: 501, date: 1699990000, text: "Вопрос", thread: { count: 1, items: [reply], can_post: true } };

describe("readCommentsPage", () => {
  it("keeps the fields the connector uses and drops the rest", () => {
    expect(readCommentsPage({ count: 2, current_level_count: 1, can_post: 1, items: [top] })).toEqual({
      count: 2,
      current_level_count: 1,
      items: [{ id: 10, from_id: 501, date: 1699990000, text: "Вопрос", thread: { count: 1, items: [{ id: 11, from_id: -5, date: 1700000000, text: "Ответ", reply_to_comment: 10 }] } }],
    });
  });

  it("accepts a deleted comment without author or text, and a thread without items", () => {
    const page = readCommentsPage({ count: 1, items: [{ id: 3, date: 1, deleted: true, thread: { count: 0 } }] });
    expect(page).toEqual({ count: 1, items: [{ id: 3, date: 1, deleted: true, thread: { count: 0, items: [] } }] });
  });

  it.each([
    [null, "comments: expected an object"],
    [{ items: [] }, "comments.count: expected a number"],
    [{ count: 1, items: {} }, "comments.items: expected an array"],
    [{ count: 1, items: [{ id: "10", date: 1 }] }, "comments.items.0.id: expected an integer"],
    [{ count: 1, items: [{ id: 1.5, date: 1 }] }, "comments.items.0.id: expected an integer"],
    [{ count: 1, items: [{ id: 1 }] }, "comments.items.0.date: expected a number"],
    [{ count: 1, items: [{ id: 1, date: 1, text: 5 }] }, "comments.items.0.text: expected a string"],
    [{ count: 1, items: [{ id: 1, date: 1, deleted: 1 }] }, "comments.items.0.deleted: expected a boolean"],
    [{ count: 1, items: [{ id: 1, date: 1, thread: { items: [] } }] }, "comments.items.0.thread: expected {count, items}"],
    [{ count: 1, items: [{ id: 1, date: 1, thread: { count: 1, items: [{ id: 2, date: "x" }] } }] }, "comments.items.0.thread.items.0.date: expected a number"],
    [{ count: 1, current_level_count: "1", items: [] }, "comments.current_level_count: expected a number"],
  ])("names the first problem in %j", (value, message) => {
    expect(readCommentsPage(value)).toEqual({ problem: message });
  });

  it("lets execute slots be false and fails the whole answer on a malformed slot", () => {
    expect(executeComments.parse([false, { count: 0, items: [] }])).toEqual([false, { count: 0, items: [] }]);
    const bad = executeComments.safeParse([{ count: 0, items: [] }, { count: "0", items: [] }]);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("comments.count: expected a number");
  });
});

/**
 * The parts of VK API v5.199 answers the connector reads. Unknown keys are dropped; a missing
 * required key means VK answered something we cannot read (ConnectorError "malformed").
 * VK sends flags as 0/1 in most places and as booleans in newer fields, so both are accepted.
 */
import { z } from "zod";

// Not z.union: a union builds a failure issue for every branch it tries first, and that was most
// of the cost of reading a page's 200 comments.
export const flag = z.custom<boolean | number>((v) => typeof v === "boolean" || typeof v === "number", "expected a boolean or a number");
export type Flag = z.infer<typeof flag>;
export const isSet = (value: Flag | undefined): boolean => value === true || (typeof value === "number" && value !== 0);

const counter = z.object({ count: z.number() }).optional();

export const vkError = z.object({
  error_code: z.number(),
  error_msg: z.string().optional(),
});
export type VkError = z.infer<typeof vkError>;

const errorEnvelope = z.object({ error: vkError });
const responseEnvelope = z.object({
  response: z.unknown(),
  execute_errors: z.array(vkError.extend({ method: z.string().optional() })).optional(),
});
/** An error or a response, told apart by its key rather than by trying both schemas. */
export const envelope = z.custom<unknown>().transform((value, ctx) => {
  const schema = value !== null && typeof value === "object" && "error" in value ? errorEnvelope : responseEnvelope;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "neither a response nor an error" });
    return z.NEVER;
  }
  return parsed.data as z.infer<typeof errorEnvelope> | z.infer<typeof responseEnvelope>;
});

export const group = z.object({
  id: z.number().int(),
  name: z.string().optional(),
  screen_name: z.string().optional(),
  is_closed: z.number().optional(),
  deactivated: z.string().optional(),
  is_government_organization: flag.optional(),
  verified: flag.optional(),
  members_count: z.number().optional(),
  description: z.string().optional(),
  contacts: z.array(z.object({ phone: z.string().optional(), email: z.string().optional() })).optional(),
  addresses: z
    .object({
      is_enabled: flag,
      main_address_id: z.number().optional(),
      main_address: z
        .object({ address: z.string().optional(), city: z.object({ title: z.string() }).optional() })
        .optional(),
    })
    .optional(),
  site: z.string().optional(),
  cover: z.object({ enabled: flag }).optional(),
  has_photo: flag.optional(),
  wall: z.number().optional(),
});
export type VkGroup = z.infer<typeof group>;

/** v5.199 wraps the list as {groups, profiles}; older versions answered a bare array. */
export const groupsGetById = z
  .union([z.object({ groups: z.array(group) }), z.array(group)])
  .transform((r) => (Array.isArray(r) ? r : r.groups));

export const post = z.object({
  id: z.number().int(),
  owner_id: z.number().int(),
  from_id: z.number().int(),
  date: z.number(),
  text: z.string().default(""),
  is_pinned: flag.optional(),
  copy_history: z.array(z.object({ text: z.string().optional() })).optional(),
  comments: z.object({ count: z.number(), can_post: flag.optional() }).optional(),
  likes: counter,
  reposts: counter,
  views: counter,
});
export type VkPost = z.infer<typeof post>;

export const wallGet = z.object({ count: z.number(), items: z.array(post) });

/**
 * A page's comments are most of what an audit reads (200 and more per page), and checking them
 * with zod cost more CPU than fetching them (bench:audit). So this one shape is read by hand, with
 * zod's rules: required keys must have their type, optional ones may be absent, the rest is
 * dropped. A reader answers the value or the first problem as text.
 */
export interface VkReply {
  id: number;
  /** absent (or 0) on some deleted comments */
  from_id?: number;
  date: number;
  text?: string;
  deleted?: boolean;
  reply_to_comment?: number;
}
export interface VkTopLevelComment extends VkReply {
  thread?: { count: number; items: VkReply[] };
}
/** One page of wall.getComments: top-level comments, or one thread's replies when comment_id is set. */
export interface VkCommentsPage {
  count: number;
  /** top-level (or this thread's) count; `count` also includes replies in threads */
  current_level_count?: number;
  items: VkTopLevelComment[];
}

type Read<T> = T | { problem: string };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const problem = (path: string, expected: string): { problem: string } => ({ problem: `${path}: expected ${expected}` });
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

function readReply(v: unknown, path: string): Read<VkReply> {
  if (!isObject(v)) return problem(path, "an object");
  const { id, from_id, date, text, deleted, reply_to_comment } = v;
  if (!isInt(id)) return problem(`${path}.id`, "an integer");
  if (typeof date !== "number") return problem(`${path}.date`, "a number");
  const out: VkReply = { id, date };
  if (from_id !== undefined) {
    if (!isInt(from_id)) return problem(`${path}.from_id`, "an integer");
    out.from_id = from_id;
  }
  if (text !== undefined) {
    if (typeof text !== "string") return problem(`${path}.text`, "a string");
    out.text = text;
  }
  if (deleted !== undefined) {
    if (typeof deleted !== "boolean") return problem(`${path}.deleted`, "a boolean");
    out.deleted = deleted;
  }
  if (reply_to_comment !== undefined) {
    if (!isInt(reply_to_comment)) return problem(`${path}.reply_to_comment`, "an integer");
    out.reply_to_comment = reply_to_comment;
  }
  return out;
}

function readReplies(v: unknown, path: string, withThreads: boolean): Read<VkTopLevelComment[]> {
  if (!Array.isArray(v)) return problem(path, "an array");
  const out: VkTopLevelComment[] = [];
  for (let i = 0; i < v.length; i++) {
    const item = readReply(v[i], `${path}.${i}`);
    if ("problem" in item) return item;
    const thread = withThreads ? (v[i] as Record<string, unknown>).thread : undefined;
    if (thread !== undefined) {
      if (!isObject(thread) || typeof thread.count !== "number") return problem(`${path}.${i}.thread`, "{count, items}");
      const items = thread.items === undefined ? [] : readReplies(thread.items, `${path}.${i}.thread.items`, false);
      if ("problem" in items) return items;
      (item as VkTopLevelComment).thread = { count: thread.count, items };
    }
    out.push(item);
  }
  return out;
}

export function readCommentsPage(v: unknown): Read<VkCommentsPage> {
  if (!isObject(v)) return problem("comments", "an object");
  if (typeof v.count !== "number") return problem("comments.count", "a number");
  if (v.current_level_count !== undefined && typeof v.current_level_count !== "number") return problem("comments.current_level_count", "a number");
  const items = readReplies(v.items, "comments.items", true);
  if ("problem" in items) return items;
  return { count: v.count, ...(v.current_level_count !== undefined ? { current_level_count: v.current_level_count as number } : {}), items };
}

/** execute answers one slot per call, `false` where that call failed (see execute_errors). */
export const executeComments = z.array(
  z.custom<unknown>().transform((slot, ctx): VkCommentsPage | false => {
    if (slot === false) return false;
    const page = readCommentsPage(slot);
    if ("problem" in page) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: page.problem });
      return z.NEVER;
    }
    return page;
  }),
);

export const video = z.object({
  id: z.number().int(),
  owner_id: z.number().int(),
  title: z.string().optional(),
  date: z.number(),
  type: z.string().optional(),
  live: z.number().optional(),
  upcoming: z.number().optional(),
});

export const videoGet = z.object({ count: z.number(), items: z.array(video) });

/**
 * An `execute` of different methods: one slot per call, each read with its own schema, `false`
 * where that call failed (its error is then in execute_errors, in order).
 */
export function executeResults(schemas: ReadonlyArray<z.ZodType<unknown, z.ZodTypeDef, unknown>>) {
  return z.array(z.unknown()).transform((slots, ctx): unknown[] => {
    if (slots.length !== schemas.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${slots.length} results for ${schemas.length} calls` });
      return z.NEVER;
    }
    const out: unknown[] = [];
    for (let i = 0; i < slots.length; i++) {
      if (slots[i] === false) {
        out.push(false);
        continue;
      }
      const parsed = schemas[i]!.safeParse(slots[i]);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [i, ...issue.path] });
        return z.NEVER;
      }
      out.push(parsed.data);
    }
    return out;
  });
}

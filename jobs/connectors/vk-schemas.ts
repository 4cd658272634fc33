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

const reply = z.object({
  id: z.number().int(),
  /** absent (or 0) on some deleted comments */
  from_id: z.number().int().optional(),
  date: z.number(),
  text: z.string().optional(),
  deleted: z.boolean().optional(),
  reply_to_comment: z.number().int().optional(),
});
export type VkReply = z.infer<typeof reply>;

const topLevelComment = reply.extend({
  thread: z.object({ count: z.number(), items: z.array(reply).default([]) }).optional(),
});

/** One page of wall.getComments: top-level comments, or one thread's replies when comment_id is set. */
export const commentsPage = z.object({
  count: z.number(),
  /** top-level (or this thread's) count; `count` also includes replies in threads */
  current_level_count: z.number().optional(),
  items: z.array(topLevelComment),
});
export type VkCommentsPage = z.infer<typeof commentsPage>;

/** execute answers one slot per call, `false` where that call failed (see execute_errors). */
export const executeComments = z.array(
  z.custom<unknown>().transform((slot, ctx): VkCommentsPage | false => {
    if (slot === false) return false;
    const parsed = commentsPage.safeParse(slot);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue(issue);
      return z.NEVER;
    }
    return parsed.data;
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

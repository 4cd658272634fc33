/**
 * OK (Odnoklassniki) REST API: request signing, response shapes and the error-code map.
 * Sources: apiok.ru/dev/methods ("Calculating request signature"), the method pages of
 * group.getInfo, mediatopic.getTopics, discussions.getComments and url.getInfo, and
 * apiok.ru/dev/errors. Field names the docs leave vague are marked "live check" below.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { ConnectorErrorKind } from "./types";

export const md5 = (text: string): string => createHash("md5").update(text, "utf8").digest("hex");

/**
 * The documented rule: drop sig and access_token/session_key, sort the rest by key, join as
 * key=value with no separator, append the secret, md5, lower case. The secret is the
 * session_secret_key when the app has one, otherwise md5(access_token + application_secret_key).
 */
export function okSignature(params: Record<string, string>, secret: string): string {
  const signed = Object.keys(params)
    .filter((key) => key !== "sig" && key !== "access_token" && key !== "session_key")
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join("");
  return md5(signed + secret).toLowerCase();
}

export function okSigningSecret(config: { accessToken: string; applicationSecretKey: string; sessionSecretKey?: string }): string {
  return config.sessionSecretKey || md5(config.accessToken + config.applicationSecretKey).toLowerCase();
}

/** OK reports wall-clock times in Moscow (UTC+3 all year since 2014) without an offset. */
const MOSCOW_OFFSET_HOURS = 3;
const OK_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export function parseOkDate(text: string): Date | null {
  const m = OK_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h - MOSCOW_OFFSET_HOURS, mi, s));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatOkDate(date: Date): string {
  const moscow = new Date(date.getTime() + MOSCOW_OFFSET_HOURS * 3600_000);
  return moscow.toISOString().slice(0, 19).replace("T", " ");
}

export const okErrorSchema = z.object({
  error_code: z.number().int(),
  error_msg: z.string().optional().nullable(),
  error_data: z.unknown().optional(),
});

const idString = z.union([z.string(), z.number()]).transform(String);

export const okGroupSchema = z.object({
  uid: idString,
  name: z.string().optional(),
  description: z.string().optional(),
  members_count: z.number().int().optional(),
  phone: z.string().optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  homepage_url: z.string().optional(),
  pic_avatar: z.string().optional(),
  photo_id: idString.optional(),
  /** object of cover photo fields; we only need to know whether it is there */
  cover: z.unknown().optional(),
  access_type: z.string().optional(),
  private: z.boolean().optional(),
  /**
   * The government-organisation mark. OK's GROUP field set carries `gos_org` (seen in OK's own
   * group payloads); when OK leaves it out we report "cannot tell", never "no".
   */
  gos_org: z.boolean().optional(),
});
export type OkGroup = z.infer<typeof okGroupSchema>;

/** Documented as `{groups: [...]}`; production answers a bare array. Accept both. */
export const okGroupInfoSchema = z.union([z.array(okGroupSchema), z.object({ groups: z.array(okGroupSchema) })]).transform((value) => (Array.isArray(value) ? value : value.groups));

export const okUrlInfoSchema = z.object({ objectId: idString.optional(), objectIdStr: z.string().optional(), type: z.string() });

const countSummary = z.object({ count: z.number().int().optional() }).partial();

export const okTopicSchema = z.object({
  id: idString,
  created_ms: z.number(),
  /** "group:<id>" or "user:<id>" */
  author_ref: z.string().optional(),
  media: z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()).optional(),
  discussion_summary: z.object({ comments_count: z.number().int().optional() }).partial().optional(),
  like_summary: countSummary.optional(),
  reshare_summary: countSummary.optional(),
  /** pinned to the top of the group feed */
  is_sticky: z.boolean().optional(),
  /** live check: the flag OK sets when the author closed comments on this topic */
  is_commenting_denied: z.boolean().optional(),
});
export type OkTopic = z.infer<typeof okTopicSchema>;

export const okTopicsSchema = z.object({
  media_topics: z.array(okTopicSchema).default([]),
  anchor: z.string().optional(),
  has_more: z.boolean().optional(),
});

export const okCommentSchema = z.object({
  id: idString,
  author_id: idString.optional(),
  /** "USER" or "GROUP" (a comment written on behalf of a community) */
  author_type: z.string().optional(),
  date: z.string().regex(OK_DATE, "expected yyyy-MM-dd HH:mm:ss"),
  text: z.string().optional(),
  reply_to_comment_id: idString.optional(),
});
export type OkComment = z.infer<typeof okCommentSchema>;

export const okCommentsSchema = z.object({
  comments: z.array(okCommentSchema).default([]),
  anchor: z.string().optional(),
  has_more: z.boolean().optional(),
  entities: z.object({ groups: z.array(z.object({ uid: idString }).passthrough()).optional() }).passthrough().optional(),
});

/**
 * apiok.ru/dev/errors mapped to what the audit does next. `disableToken`: the credentials are
 * wrong for every page, so stop using them and alert (a bad signature usually means a wrong
 * application secret, which is just as fatal for the token's requests).
 */
export interface OkErrorClass {
  kind: ConnectorErrorKind;
  retryInPlace: boolean;
  disableToken: boolean;
}

export function classifyOkError(code: number): OkErrorClass {
  const is = (kind: ConnectorErrorKind, retryInPlace = false, disableToken = false) => ({ kind, retryInPlace, disableToken });
  switch (code) {
    case 7: // ACTION_BLOCKED: temporarily blocked for this user
    case 8: // FLOOD_BLOCKED
    case 9: // IP_BLOCKED
    case 11: // LIMIT_REACHED: method call limit
      return is("rate_limited", true);
    case 1: // UNKNOWN
    case 2: // SERVICE: temporarily unavailable
    case 9999: // SYSTEM
      return is("transient", true);
    case 101: // PARAM_API_KEY
    case 102: // PARAM_SESSION_EXPIRED
    case 103: // PARAM_SESSION_KEY
    case 104: // PARAM_SIGNATURE
    case 105: // PARAM_RESIGNATURE
    case 200: // PARAM_PERMISSION: the app lacks GROUP_CONTENT / VALUABLE_ACCESS
      return is("auth", false, true);
    case 100: // PARAM: e.g. a malformed gid
    case 160: // PARAM_GROUP_ID (invalid group id)
    case 300: // NOT_FOUND
      return is("page_not_found");
    case 10: // PERMISSION_DENIED for this object
    case 455: // restrictions: friends only / group members only / authorised only / privacy
    case 456:
    case 457:
    case 458:
      return is("page_private");
    default: // METHOD (3), REQUEST (4) and the rest: we asked something OK cannot answer
      return is("malformed");
  }
}

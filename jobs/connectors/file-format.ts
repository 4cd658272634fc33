/**
 * The activity file: page activity a centre already holds (exports, MAX channels before MAX has
 * a connector, the demo) in one JSON object per line. README "Page activity files" is the user-facing spec;
 * this module is its single implementation. Parsing is strict and total: every bad line becomes
 * a line error with the field at fault, and nothing here throws on bad input.
 */
import { z } from "zod";
import { PLATFORMS, type Platform } from "../../app/domain/compliance/observations";
import type { FetchedComment, FetchedPost, FetchedProfile, FetchedStream } from "./types";

/** "<platform>:<platform_id>" exactly as the registry names the page, e.g. "max:amur_health" */
export type PageKey = string;

export type ActivityRecord =
  | { type: "profile"; page: PageKey; profile: FetchedProfile }
  | { type: "post"; page: PageKey; post: FetchedPost }
  | { type: "comment"; page: PageKey; comment: FetchedComment }
  | { type: "stream"; page: PageKey; stream: FetchedStream };

export function pageKey(platform: Platform, platformId: string): PageKey {
  return `${platform}:${platformId}`;
}

export interface ActivityLineError {
  /** 1-based line number in the file */
  line: number;
  /** the offending field ("" for the line as a whole) */
  field: string;
  message: string;
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant written with its offset; "2025-02-30" and offset-less local times are refused. */
const instant = z.string().transform((text, ctx) => {
  const m = ISO_INSTANT.exec(text);
  const [year, month, day, hour, minute, second] = (m?.slice(1, 7) ?? []).map((part) => Number(part ?? 0));
  const calendar = m ? new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!)) : null;
  const exists = calendar !== null && calendar.getUTCMonth() === month! - 1 && calendar.getUTCDate() === day! && hour! < 24 && minute! < 60 && second! < 60;
  if (!m || !exists) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "expected an ISO 8601 date-time with an offset, e.g. 2025-03-01T09:30:00+09:00" });
    return z.NEVER;
  }
  return new Date(text);
});

const pageRef = z.string().transform((text, ctx): PageKey => {
  const [platform, ...rest] = text.split(":");
  const platformId = rest.join(":").trim();
  if (!PLATFORMS.includes(platform as Platform) || !platformId) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected "<platform>:<platform_id>" with platform one of ${PLATFORMS.join(", ")}` });
    return z.NEVER;
  }
  return pageKey(platform as Platform, platformId);
});

const id = z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform(String);
const count = z.number().int().nonnegative().nullable().optional();
const flag = z.boolean().nullable().optional();
const text = z.string().nullable().optional();

const profileLine = z
  .object({
    type: z.literal("profile"),
    page: pageRef,
    observed_at: instant,
    name: text,
    resolved_id: id.nullable().optional(),
    badge: flag,
    verified: flag,
    members: count,
    description: text,
    has_contacts: flag,
    address: text,
    site: text,
    has_avatar: flag,
    has_cover: flag,
    wall_open: flag,
  })
  .strict();

const postLine = z
  .object({
    type: z.literal("post"),
    page: pageRef,
    id,
    published_at: instant,
    by_owner: z.boolean(),
    is_repost: z.boolean().optional(),
    pinned: z.boolean().optional(),
    comments_open: flag,
    likes: count,
    reposts: count,
    comments: count,
    views: count,
    url: text,
    text,
  })
  .strict();

const commentLine = z
  .object({
    type: z.literal("comment"),
    page: pageRef,
    id,
    post_id: id,
    parent_id: id.nullable().optional(),
    author_kind: z.enum(["page", "organisation", "resident"]),
    author_id: id.nullable().optional(),
    created_at: instant,
    deleted: z.boolean().optional(),
    text,
    url: text,
  })
  .strict();

const streamLine = z
  .object({ type: z.literal("stream"), page: pageRef, id, started_at: instant, title: text, url: text })
  .strict();

const LINE_SCHEMAS = { profile: profileLine, post: postLine, comment: commentLine, stream: streamLine } as const;
type LineType = keyof typeof LINE_SCHEMAS;

function toRecord(type: LineType, line: unknown): ActivityRecord | z.ZodError {
  switch (type) {
    case "profile": {
      const r = profileLine.safeParse(line);
      if (!r.success) return r.error;
      const p = r.data;
      return {
        type,
        page: p.page,
        profile: {
          observedAt: p.observed_at,
          resolvedId: p.resolved_id ?? null,
          name: p.name ?? null,
          // a field left out means "the source cannot tell", never "no"
          badge: p.badge ?? null,
          verified: p.verified ?? null,
          members: p.members ?? null,
          description: p.description ?? null,
          hasContacts: p.has_contacts ?? null,
          address: p.address ?? null,
          site: p.site ?? null,
          hasAvatar: p.has_avatar ?? null,
          hasCover: p.has_cover ?? null,
          wallOpen: p.wall_open ?? null,
        },
      };
    }
    case "post": {
      const r = postLine.safeParse(line);
      if (!r.success) return r.error;
      const p = r.data;
      return {
        type,
        page: p.page,
        post: {
          id: p.id,
          publishedAt: p.published_at,
          byOwner: p.by_owner,
          isRepost: p.is_repost ?? false,
          pinned: p.pinned ?? false,
          commentsOpen: p.comments_open ?? null,
          likes: p.likes ?? null,
          reposts: p.reposts ?? null,
          comments: p.comments ?? null,
          views: p.views ?? null,
          url: p.url ?? null,
          text: p.text?.slice(0, 500) ?? null,
        },
      };
    }
    case "comment": {
      const r = commentLine.safeParse(line);
      if (!r.success) return r.error;
      const c = r.data;
      return {
        type,
        page: c.page,
        comment: {
          id: c.id,
          postId: c.post_id,
          parentId: c.parent_id ?? null,
          authorKind: c.author_kind,
          authorId: c.author_id ?? null,
          createdAt: c.created_at,
          deleted: c.deleted ?? false,
          text: c.text?.slice(0, 500) ?? null,
          url: c.url ?? null,
        },
      };
    }
    case "stream": {
      const r = streamLine.safeParse(line);
      if (!r.success) return r.error;
      const s = r.data;
      return { type, page: s.page, stream: { id: s.id, startedAt: s.started_at, title: s.title ?? null, url: s.url ?? null } };
    }
  }
}

/** what makes two lines "the same record": a second one is an error, never a silent overwrite */
function identity(record: ActivityRecord): string {
  const page = record.page.toLowerCase();
  switch (record.type) {
    case "profile":
      return `profile|${page}|${record.profile.observedAt.toISOString()}`;
    case "post":
      return `post|${page}|${record.post.id}`;
    case "comment":
      return `comment|${page}|${record.comment.id}`;
    case "stream":
      return `stream|${page}|${record.stream.id}`;
  }
}

export function parseActivityFile(text: string): { records: ActivityRecord[]; errors: ActivityLineError[] } {
  const records: ActivityRecord[] = [];
  const errors: ActivityLineError[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      errors.push({ line, field: "", message: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      errors.push({ line, field: "", message: "each line must be one JSON object" });
      return;
    }
    const type = (value as { type?: unknown }).type;
    if (typeof type !== "string" || !(type in LINE_SCHEMAS)) {
      errors.push({ line, field: "type", message: `expected one of ${Object.keys(LINE_SCHEMAS).join(", ")}` });
      return;
    }
    const record = toRecord(type as LineType, value);
    if (record instanceof z.ZodError) {
      for (const issue of record.issues) {
        const field = issue.code === z.ZodIssueCode.unrecognized_keys ? issue.keys.join(",") : issue.path.join(".");
        errors.push({ line, field, message: issue.code === z.ZodIssueCode.unrecognized_keys ? "unknown field" : issue.message });
      }
      return;
    }
    const key = identity(record);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line, field: record.type === "profile" ? "observed_at" : "id", message: `duplicate of line ${first}` });
      return;
    }
    seen.set(key, line);
    records.push(record);
  });
  return { records, errors };
}

/** One record as a line of the format (the demo generator and exports write files with it). */
export function formatActivityRecord(record: ActivityRecord): string {
  const page = record.page;
  const iso = (date: Date) => date.toISOString();
  switch (record.type) {
    case "profile": {
      const p = record.profile;
      return JSON.stringify({
        type: "profile", page, observed_at: iso(p.observedAt), name: p.name, resolved_id: p.resolvedId, badge: p.badge, verified: p.verified,
        members: p.members, description: p.description, has_contacts: p.hasContacts, address: p.address ?? null, site: p.site ?? null,
        has_avatar: p.hasAvatar, has_cover: p.hasCover, wall_open: p.wallOpen,
      });
    }
    case "post": {
      const p = record.post;
      return JSON.stringify({
        type: "post", page, id: p.id, published_at: iso(p.publishedAt), by_owner: p.byOwner, is_repost: p.isRepost, pinned: p.pinned,
        comments_open: p.commentsOpen, likes: p.likes, reposts: p.reposts, comments: p.comments, views: p.views, url: p.url, text: p.text,
      });
    }
    case "comment": {
      const c = record.comment;
      return JSON.stringify({
        type: "comment", page, id: c.id, post_id: c.postId, parent_id: c.parentId, author_kind: c.authorKind, author_id: c.authorId,
        created_at: iso(c.createdAt), deleted: c.deleted, text: c.text, url: c.url,
      });
    }
    case "stream": {
      const s = record.stream;
      return JSON.stringify({ type: "stream", page, id: s.id, started_at: iso(s.startedAt), title: s.title, url: s.url });
    }
  }
}

/**
 * OK (ok.ru) connector: signed fb.do calls for a group's profile, its feed topics and their
 * comment threads. Every request passes the shared rate gate for the application key first
 * (OK limits per application; we pace at 1 request/s by default, COMPLIANCE.md).
 */
import type { z } from "zod";
import type { Capabilities } from "../../app/domain/compliance/observations";
import { attemptHttp, defaultSleep, httpRequest, parseJson, retrying } from "./connector-http";
import {
  classifyOkError,
  okCommentsSchema,
  okErrorSchema,
  okGroupInfoSchema,
  okSignature,
  okSigningSecret,
  okTopicsSchema,
  okUrlInfoSchema,
  parseOkDate,
  type OkGroup,
  type OkTopic,
} from "./ok-schemas";
import {
  ConnectorError,
  type Connector,
  type ConnectorRuntime,
  type FetchedComment,
  type FetchedPost,
  type FetchedProfile,
  type PageTarget,
} from "./types";

export interface OkConnectorConfig {
  /** https://api.ok.ru/fb.do */
  baseUrl: string;
  applicationKey: string;
  applicationSecretKey: string;
  accessToken: string;
  /** when the app has one; otherwise md5(access_token + application_secret_key) signs calls */
  sessionSecretKey?: string;
  /** default 1 */
  requestsPerSecond?: number;
  /** first backoff step for rate limits and 5xx; doubles each retry (default 1000 ms) */
  retryDelayMs?: number;
}

const GROUP_FIELDS = [
  "uid", "name", "description", "members_count", "phone", "address", "city", "homepage_url",
  "pic_avatar", "photo_id", "cover", "access_type", "private", "gos_org",
].join(",");
const TOPIC_FIELDS = [
  "id", "created_ms", "author_ref", "media", "discussion_summary", "like_summary", "reshare_summary",
  "is_sticky", "is_commenting_denied",
].map((field) => `media_topic.${field}`).join(",");
const TOPICS_PAGE = 20;
const COMMENTS_PAGE = 100;
/** media items that mean "this topic shares another one" (live check: OK names both) */
const RESHARE_MEDIA = new Set(["reshare", "topic"]);

export function createOkConnector(config: OkConnectorConfig, runtime: ConnectorRuntime): Connector {
  const requestsPerSecond = config.requestsPerSecond ?? 1;
  const secret = okSigningSecret(config);
  const sleep = runtime.sleep ?? defaultSleep;
  const now = runtime.now ?? (() => new Date());
  /** screen name → numeric group id, so a page costs the url.getInfo call once per process */
  const resolved = new Map<string, string>();

  async function call<T>(method: string, params: Record<string, string>, schema: z.ZodType<T, z.ZodTypeDef, unknown>, signal?: AbortSignal): Promise<T> {
    const signed: Record<string, string> = { application_key: config.applicationKey, format: "json", method, ...params };
    signed.sig = okSignature(signed, secret);
    const body = new URLSearchParams({ ...signed, access_token: config.accessToken }).toString();
    return retrying<T>(
      async () => {
        await runtime.gate.acquire(`ok:${config.applicationKey}`, requestsPerSecond, 1000, signal);
        const init = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body };
        const result = await attemptHttp(() => httpRequest(runtime, config.baseUrl, init, signal));
        if ("retry" in result) return result;
        if (result.status === 429) return { retry: new ConnectorError("rate_limited", `${method}: HTTP 429`), waitMs: result.retryAfterMs ?? undefined };
        if (result.status >= 500) return { retry: new ConnectorError("transient", `${method}: HTTP ${result.status}`) };
        const json = parseJson(result.body);
        if (json === undefined) throw new ConnectorError("malformed", `${method}: answer is not JSON (HTTP ${result.status})`);
        const failure = okErrorSchema.safeParse(json);
        if (failure.success) {
          const { error_code: code, error_msg: message } = failure.data;
          const kind = classifyOkError(code);
          const error = new ConnectorError(kind.kind, `${method}: OK error ${code} ${message ?? ""}`.trim(), code);
          if (kind.retryInPlace) return { retry: error };
          if (kind.disableToken) await runtime.tokens.disable("ok", config.accessToken, `OK error ${code}: ${message ?? "no message"}`);
          throw error;
        }
        const parsed = schema.safeParse(json);
        if (result.status >= 400 || !parsed.success) {
          const issue = parsed.success ? `HTTP ${result.status}` : `${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`;
          throw new ConnectorError("malformed", `${method}: unexpected answer (${issue})`);
        }
        return { value: parsed.data };
      },
      { sleep, baseDelayMs: config.retryDelayMs ?? 1000, transientRetries: 2, rateLimitRetries: 3, signal },
    );
  }

  async function ensureUsable(): Promise<void> {
    if (await runtime.tokens.isDisabled("ok", config.accessToken)) {
      throw new ConnectorError("auth", "the OK access token is disabled; an analyst must replace it");
    }
  }

  async function groupId(page: PageTarget, signal?: AbortSignal): Promise<string> {
    if (/^\d+$/.test(page.platformId)) return page.platformId;
    const cached = resolved.get(page.platformId);
    if (cached) return cached;
    const info = await call("url.getInfo", { url: `https://ok.ru/${page.platformId}` }, okUrlInfoSchema, signal);
    const id = info.objectIdStr ?? info.objectId;
    if (info.type.toUpperCase() !== "GROUP" || !id) throw new ConnectorError("page_not_found", `ok.ru/${page.platformId} is not a group (${info.type})`);
    resolved.set(page.platformId, id);
    return id;
  }

  return {
    platform: "ok",

    capabilities(): Capabilities {
      // replies: OK marks comments written on behalf of a group, but whether staff answer from
      // personal accounts instead needs a live check (COMPLIANCE.md, known limits).
      // engagement: OK's public topic fields carry likes, reshares and comments but no views.
      // streams: no documented public way to list a group's live broadcasts with a start time.
      return { badge: true, replies: true, engagement: false, streams: false };
    },

    async profile(page, signal) {
      await ensureUsable();
      const gid = await groupId(page, signal);
      const groups = await call("group.getInfo", { uids: gid, fields: GROUP_FIELDS }, okGroupInfoSchema, signal);
      // OK answers an empty list for unknown and deleted groups alike
      const group = groups.find((g) => g.uid === gid);
      if (!group) throw new ConnectorError("page_not_found", `OK group ${gid} not found or deleted`);
      return toProfile(group, now());
    },

    async posts(page, since, signal) {
      await ensureUsable();
      const gid = await groupId(page, signal);
      const byId = new Map<string, FetchedPost>();
      let anchor: string | undefined;
      for (;;) {
        const params: Record<string, string> = { gid, count: String(TOPICS_PAGE), fields: TOPIC_FIELDS };
        if (anchor) params.anchor = anchor;
        const answer = await call("mediatopic.getTopics", params, okTopicsSchema, signal);
        let reachedOlder = false;
        for (const topic of answer.media_topics) {
          const post = toPost(topic, gid);
          // the feed is newest first; a pinned topic sits on top whatever its date
          if (post.publishedAt < since && !post.pinned) {
            reachedOlder = true;
            continue;
          }
          const seen = byId.get(post.id);
          byId.set(post.id, seen ? { ...seen, pinned: seen.pinned || post.pinned } : post);
        }
        if (reachedOlder || !answer.has_more || !answer.anchor || answer.media_topics.length === 0) break;
        anchor = answer.anchor;
      }
      return [...byId.values()].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
    },

    async comments(page, postIds, signal) {
      await ensureUsable();
      const gid = await groupId(page, signal);
      const out: FetchedComment[] = [];
      for (const postId of postIds) {
        let anchor: string | undefined;
        for (;;) {
          const params: Record<string, string> = { discussionId: postId, discussionType: "GROUP_TOPIC", count: String(COMMENTS_PAGE), direction: "FORWARD" };
          if (anchor) params.anchor = anchor;
          const answer = await call("discussions.getComments", params, okCommentsSchema, signal);
          const groupAuthors = new Set((answer.entities?.groups ?? []).map((g) => g.uid));
          for (const comment of answer.comments) {
            const createdAt = parseOkDate(comment.date);
            if (!createdAt) throw new ConnectorError("malformed", `discussions.getComments: bad date ${comment.date}`);
            const authorId = comment.author_id ?? null;
            const byGroup = comment.author_type?.toUpperCase() === "GROUP" || (authorId !== null && groupAuthors.has(authorId));
            out.push({
              id: comment.id,
              postId,
              parentId: comment.reply_to_comment_id ?? null,
              authorKind: authorId === gid ? "page" : byGroup ? "organisation" : "resident",
              authorId,
              createdAt,
              // OK leaves removed comments out of the answer, so whatever we see is live
              deleted: false,
              text: comment.text?.slice(0, 500) ?? null,
              url: null,
            });
          }
          if (!answer.has_more || !answer.anchor || answer.comments.length === 0) break;
          anchor = answer.anchor;
        }
      }
      return out;
    },

    async streams() {
      return [];
    },
  };
}

function toProfile(group: OkGroup, observedAt: Date): FetchedProfile {
  // We ask for every field below; OK leaves a field out when the group has not filled it in,
  // so a missing text is "empty" ("" / false), not "cannot tell".
  const address = [group.city, group.address].filter((part) => part && part.trim()).join(", ");
  return {
    observedAt,
    resolvedId: group.uid,
    name: group.name ?? null,
    badge: group.gos_org ?? null,
    // OK has no blue tick separate from the government mark
    verified: null,
    members: group.members_count ?? null,
    description: group.description ?? "",
    // OK groups have a phone field and no e-mail field
    hasContacts: Boolean(group.phone?.trim()),
    address,
    site: group.homepage_url ?? "",
    hasAvatar: Boolean(group.pic_avatar || group.photo_id),
    hasCover: group.cover !== undefined && group.cover !== null,
    // group.getInfo has no "comments open" switch for the group; topics carry their own flag (M9)
    wallOpen: null,
  };
}

function toPost(topic: OkTopic, gid: string): FetchedPost {
  const texts = (topic.media ?? []).filter((m) => m.type === "text" && m.text).map((m) => m.text!);
  return {
    id: topic.id,
    publishedAt: new Date(topic.created_ms),
    byOwner: topic.author_ref === `group:${gid}`,
    isRepost: (topic.media ?? []).some((m) => RESHARE_MEDIA.has(m.type)),
    pinned: topic.is_sticky ?? false,
    commentsOpen: topic.is_commenting_denied === undefined ? null : !topic.is_commenting_denied,
    likes: topic.like_summary?.count ?? null,
    reposts: topic.reshare_summary?.count ?? null,
    comments: topic.discussion_summary?.comments_count ?? null,
    views: null,
    url: `https://ok.ru/group/${gid}/topic/${topic.id}`,
    text: texts.length ? texts.join("\n").slice(0, 500) : null,
  };
}

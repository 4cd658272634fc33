/**
 * Telegram connector. Profile: Bot API getChat + getChatMemberCount (or, without a bot token,
 * the channel header of the public preview). Posts: the public preview t.me/s/<username>.
 * Comments: only where our bot sits in the channel's linked discussion group, read from the
 * bot's updates. Telegram has no government mark, no cover and no live-stream listing.
 *
 * Limits of the comment reading (reported as known measurement limits):
 * - getUpdates hands out each update once and Telegram keeps undelivered updates for 24 hours,
 *   so comments written while no audit polled for a day are lost, and comments seen by one
 *   process are buffered in that process only (the audit stores them on the first pass);
 * - the bot must be an administrator of the group or have privacy mode off to see all messages;
 * - a bot with a webhook cannot poll (409): that is a configuration error, not a page state;
 * - deletions are never delivered to bots, so `deleted` is always false.
 */
import { z } from "zod";
import type { AuthorKind, Capabilities } from "../../app/domain/compliance/observations";
import { attemptHttp, defaultSleep, httpRequest, parseJson, retrying, type Attempt, type HttpResult } from "./connector-http";
import {
  contactsFromDescription,
  parsePreview,
  tgChatFullSchema,
  tgEnvelopeSchema,
  tgUpdatesSchema,
  type PreviewPage,
  type TgMessage,
} from "./telegram-schemas";
import { ConnectorError, type Connector, type ConnectorRuntime, type FetchedComment, type FetchedPost } from "./types";

export interface TelegramConnectorConfig {
  /** https://api.telegram.org */
  apiUrl: string;
  botToken?: string;
  /** https://t.me */
  previewUrl: string;
  /** channel username → the linked discussion group's chat id, where our bot sits */
  discussionChats?: Record<string, string>;
  /** first backoff step for 5xx and timeouts (default 1000 ms); 429 waits what Telegram says */
  retryDelayMs?: number;
}

/** Bot API: ~30 requests/s per bot overall; we stay below. The preview is a web page: 1/s. */
const BOT_RATE = 20;
const PREVIEW_RATE = 1;

interface DiscussionBuffer {
  /** message id of the automatic forward in the group → the channel post id */
  forwards: Map<number, number>;
  messages: Map<number, TgMessage>;
}

export function createTelegramConnector(config: TelegramConnectorConfig, runtime: ConnectorRuntime): Connector {
  const sleep = runtime.sleep ?? defaultSleep;
  const now = runtime.now ?? (() => new Date());
  const policy = (signal?: AbortSignal) => ({ sleep, baseDelayMs: config.retryDelayMs ?? 1000, transientRetries: 2, rateLimitRetries: 3, signal });
  const discussionOf = new Map(Object.entries(config.discussionChats ?? {}).map(([name, chat]) => [handleOf(name), String(chat)]));
  /** learned from getChat, for posts' commentsOpen and for telling the channel's own comments */
  const channels = new Map<string, { id: string; commentsOpen: boolean }>();
  const buffers = new Map<string, DiscussionBuffer>([...discussionOf.values()].map((chat) => [chat, { forwards: new Map(), messages: new Map() }]));
  let updateOffset = 0;

  async function bot<T>(method: string, params: Record<string, unknown>, schema: z.ZodType<T, z.ZodTypeDef, unknown>, signal?: AbortSignal): Promise<T> {
    const token = config.botToken;
    if (!token) throw new ConnectorError("not_configured", "no Telegram bot token configured");
    if (await runtime.tokens.isDisabled("telegram", token)) throw new ConnectorError("auth", "the Telegram bot token is disabled");
    const init = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params) };
    return retrying(async (): Promise<Attempt<T>> => {
      await runtime.gate.acquire("telegram:bot", BOT_RATE, 1000, signal);
      const result = await attemptHttp(() => httpRequest(runtime, `${config.apiUrl}/bot${token}/${method}`, init, signal));
      if ("retry" in result) return result;
      const envelope = tgEnvelopeSchema.safeParse(parseJson(result.body));
      if (!envelope.success) {
        if (result.status >= 500 || result.status === 429) return { retry: httpError(method, result) };
        throw new ConnectorError("malformed", `${method}: unexpected answer (HTTP ${result.status})`);
      }
      const answer = envelope.data;
      if (answer.ok) {
        const parsed = schema.safeParse(answer.result);
        if (!parsed.success) throw new ConnectorError("malformed", `${method}: unexpected result (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`);
        return { value: parsed.data };
      }
      const code = answer.error_code;
      const description = answer.description ?? "";
      const error = (kind: ConstructorParameters<typeof ConnectorError>[0]) => new ConnectorError(kind, `${method}: ${code} ${description}`.trim(), code);
      if (code === 429) return { retry: error("rate_limited"), waitMs: (answer.parameters?.retry_after ?? 1) * 1000 };
      if (code >= 500) return { retry: error("transient") };
      if (code === 401) {
        await runtime.tokens.disable("telegram", token, `Telegram ${code}: ${description}`);
        throw error("auth");
      }
      if (code === 403) throw error("page_private");
      if (code === 400 && /chat not found|username not found|invalid username/i.test(description)) throw error("page_not_found");
      if (code === 409) throw error("not_configured"); // a webhook is set, or another poller holds the bot
      throw error("malformed");
    }, policy(signal));
  }

  async function preview(handle: string, before: number | null, signal?: AbortSignal): Promise<PreviewPage> {
    const url = `${config.previewUrl}/s/${encodeURIComponent(handle)}${before ? `?before=${before}` : ""}`;
    return retrying(async (): Promise<Attempt<PreviewPage>> => {
      await runtime.gate.acquire("telegram:preview", PREVIEW_RATE, 1000, signal);
      const result = await attemptHttp(() => httpRequest(runtime, url, { method: "GET", headers: { accept: "text/html" } }, signal));
      if ("retry" in result) return result;
      if (result.status === 429 || result.status >= 500) return { retry: httpError("preview", result), waitMs: result.retryAfterMs ?? undefined };
      if (result.status === 404) throw new ConnectorError("page_not_found", `no public preview for ${handle}`);
      if (result.status >= 400 || !result.contentType.includes("text/html")) {
        throw new ConnectorError("malformed", `preview of ${handle}: HTTP ${result.status} ${result.contentType}`);
      }
      const page = parsePreview(result.body);
      if (page.unreadable > 0) throw new ConnectorError("malformed", `preview of ${handle}: ${page.unreadable} message block(s) in an unknown layout`);
      return { value: page };
    }, policy(signal));
  }

  async function drainUpdates(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const params = { offset: updateOffset, limit: 100, timeout: 0, allowed_updates: ["message", "edited_message"] };
      const updates = await bot("getUpdates", params, tgUpdatesSchema, signal);
      for (const update of updates) {
        updateOffset = Math.max(updateOffset, update.update_id + 1);
        const message = update.message ?? update.edited_message;
        const buffer = message && buffers.get(String(message.chat.id));
        if (!message || !buffer) continue; // other chats, service updates
        const postId = message.forward_origin?.message_id ?? message.forward_from_message_id;
        if (message.is_automatic_forward && postId !== undefined) buffer.forwards.set(message.message_id, postId);
        else buffer.messages.set(message.message_id, message); // an edit replaces the original
      }
      if (updates.length < 100) return;
    }
  }

  /** the channel post a discussion message belongs to, following replies up the thread */
  function postOf(message: TgMessage, buffer: DiscussionBuffer, depth = 0): number | undefined {
    const root = message.message_thread_id ?? message.reply_to_message?.message_id;
    if (root === undefined || depth > 50) return undefined;
    const post = buffer.forwards.get(root);
    if (post !== undefined) return post;
    const parent = buffer.messages.get(root);
    return parent ? postOf(parent, buffer, depth + 1) : undefined;
  }

  function authorKind(message: TgMessage, handle: string, discussionChat: string): AuthorKind {
    const sender = message.sender_chat;
    if (sender) {
      const ownChannel = sender.username?.toLowerCase() === handle || String(sender.id) === channels.get(handle)?.id;
      // the group's anonymous administrators post as the group itself: that is the page answering
      return ownChannel || String(sender.id) === discussionChat ? "page" : "organisation";
    }
    // a bot is neither a resident nor the page
    return message.from?.is_bot ? "organisation" : "resident";
  }

  return {
    platform: "telegram",

    capabilities(page): Capabilities {
      const replies = Boolean(config.botToken) && discussionOf.has(handleOf(page.platformId));
      // engagement: the preview shows views but no reposts or comment counts
      return { badge: false, replies, engagement: false, streams: false };
    },

    async profile(page, signal) {
      const handle = handleOf(page.platformId);
      const observedAt = now();
      const common = { observedAt, badge: null, verified: null, hasCover: null };
      if (!config.botToken) {
        const header = await preview(handle, null, signal);
        if (!header.found || !header.channel) throw new ConnectorError("page_not_found", `t.me/${handle} shows no channel`);
        const description = header.channel.description ?? "";
        return { ...common, ...contactsFromDescription(description), resolvedId: null, name: header.channel.title, members: header.channel.members, description, hasAvatar: header.channel.hasAvatar, wallOpen: null };
      }
      const chat = await bot("getChat", { chat_id: `@${handle}` }, tgChatFullSchema, signal);
      let members: number | null = null;
      try {
        members = await bot("getChatMemberCount", { chat_id: chat.id }, z.number().int(), signal);
      } catch (error) {
        // some channels hide their member list from bots; that is "cannot tell", not a failure
        if (!(error instanceof ConnectorError && (error.code === 400 || error.code === 403))) throw error;
      }
      const commentsOpen = chat.linked_chat_id !== undefined;
      channels.set(handle, { id: String(chat.id), commentsOpen });
      const description = chat.description ?? "";
      return { ...common, ...contactsFromDescription(description), resolvedId: String(chat.id), name: chat.title ?? null, members, description, hasAvatar: chat.photo !== undefined, wallOpen: commentsOpen };
    },

    async posts(page, since, signal) {
      const handle = handleOf(page.platformId);
      const byId = new Map<string, FetchedPost>();
      let before: number | null = null;
      for (;;) {
        const view = await preview(handle, before, signal);
        if (!view.found) throw new ConnectorError("page_not_found", `t.me/${handle} shows no channel`);
        for (const post of view.posts) {
          if (post.publishedAt < since) continue;
          byId.set(String(post.id), {
            id: String(post.id),
            publishedAt: post.publishedAt,
            // a channel's posts are the channel's: there is no one else who can post there
            byOwner: true,
            isRepost: post.isRepost,
            // the preview does not mark the pinned post
            pinned: false,
            commentsOpen: channels.get(handle)?.commentsOpen ?? null,
            likes: null,
            reposts: null,
            comments: null,
            views: post.views,
            url: `${config.previewUrl}/${post.path}`,
            text: post.text,
          });
        }
        const oldest = view.posts.reduce<(typeof view.posts)[number] | null>((a, b) => (!a || b.id < a.id ? b : a), null);
        if (!oldest || oldest.publishedAt < since || oldest.id <= 1) break;
        before = oldest.id;
      }
      return [...byId.values()].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
    },

    async comments(page, postIds, signal) {
      const handle = handleOf(page.platformId);
      const chat = discussionOf.get(handle);
      if (!config.botToken || !chat) return []; // replies are "not measurable" here (capabilities)
      await drainUpdates(signal);
      const buffer = buffers.get(chat)!;
      const wanted = new Set(postIds);
      const out: FetchedComment[] = [];
      for (const message of buffer.messages.values()) {
        const post = postOf(message, buffer);
        if (post === undefined || !wanted.has(String(post))) continue;
        const threadRoot = message.message_thread_id ?? message.reply_to_message?.message_id;
        const answers = message.reply_to_message?.message_id;
        const author = message.sender_chat?.id ?? message.from?.id;
        out.push({
          id: String(message.message_id),
          postId: String(post),
          parentId: answers === undefined || answers === threadRoot || buffer.forwards.has(answers) ? null : String(answers),
          authorKind: authorKind(message, handle, chat),
          authorId: author === undefined ? null : String(author),
          createdAt: new Date(message.date * 1000),
          deleted: false,
          text: (message.text ?? message.caption)?.slice(0, 500) ?? null,
          url: `${config.previewUrl}/${handle}/${post}?comment=${message.message_id}`,
        });
      }
      return out.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },

    async streams() {
      return []; // not measurable from the preview or the Bot API (capabilities.streams = false)
    },
  };
}

function handleOf(platformId: string): string {
  return platformId.replace(/^@/, "").replace(/^https?:\/\/t\.me\/(s\/)?/, "").toLowerCase();
}

function httpError(what: string, result: HttpResult): ConnectorError {
  return result.status === 429
    ? new ConnectorError("rate_limited", `${what}: HTTP 429`, 429)
    : new ConnectorError("transient", `${what}: HTTP ${result.status}`, result.status);
}

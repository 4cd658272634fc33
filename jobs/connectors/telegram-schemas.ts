/**
 * What Telegram answers, in the two forms we read: Bot API JSON (core.telegram.org/bots/api)
 * and the public web preview of a channel (t.me/s/<username>), which is HTML made for browsers.
 * The preview has no contract; the class names below are the ones t.me has used for years, and
 * a page that stops matching them surfaces as "malformed", never as "no posts".
 */
import { z } from "zod";

export const tgEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error_code: z.number().int(),
    description: z.string().optional(),
    parameters: z.object({ retry_after: z.number().optional() }).partial().optional(),
  }),
]);

const chatSchema = z.object({ id: z.number(), type: z.string(), title: z.string().optional(), username: z.string().optional() });

/** getChat answers a ChatFullInfo; only the fields the audit reads */
export const tgChatFullSchema = chatSchema.extend({
  description: z.string().optional(),
  photo: z.object({}).passthrough().optional(),
  /** for a channel: its discussion group, i.e. comments are enabled */
  linked_chat_id: z.number().optional(),
});
export type TgChatFull = z.infer<typeof tgChatFullSchema>;

export const tgMessageSchema = z.object({
  message_id: z.number().int(),
  date: z.number(),
  chat: chatSchema,
  from: z.object({ id: z.number(), is_bot: z.boolean() }).passthrough().optional(),
  /** set when a chat (the channel itself, the group's anonymous admins, another channel) wrote it */
  sender_chat: chatSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  message_thread_id: z.number().int().optional(),
  reply_to_message: z.object({ message_id: z.number().int() }).passthrough().optional(),
  /** the copy of a channel post Telegram drops into the linked discussion group */
  is_automatic_forward: z.boolean().optional(),
  forward_origin: z.object({ type: z.string(), message_id: z.number().int().optional() }).passthrough().optional(),
  /** pre-7.0 Bot API name of forward_origin.message_id */
  forward_from_message_id: z.number().int().optional(),
});
export type TgMessage = z.infer<typeof tgMessageSchema>;

export const tgUpdatesSchema = z.array(
  z.object({ update_id: z.number().int(), message: tgMessageSchema.optional(), edited_message: tgMessageSchema.optional() }),
);

// ---------------------------------------------------------------- the t.me/s/<name> preview

export interface PreviewPost {
  id: number;
  /** "name/123" as in data-post */
  path: string;
  publishedAt: Date;
  views: number | null;
  isRepost: boolean;
  text: string | null;
}

export interface PreviewPage {
  /** false when t.me shows no channel under this name (unknown, private or deleted) */
  found: boolean;
  channel: { title: string | null; description: string | null; members: number | null; hasAvatar: boolean } | null;
  posts: PreviewPost[];
  /** message blocks we could not read: a changed page layout, reported as "malformed" */
  unreadable: number;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === "#") return String.fromCodePoint(name[1]?.toLowerCase() === "x" ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .trim();
}

/** "987", "1.2K", "3,4M" → a number (rounded the way t.me rounded it) */
export function parseCompactCount(text: string): number | null {
  const m = /^([\d.,]+)\s*([KMB]?)$/i.exec(text.trim().replace(/\s+(?=\d)/g, ""));
  if (!m) return null;
  const value = Number(m[1]!.replace(",", "."));
  const scale = { "": 1, K: 1e3, M: 1e6, B: 1e9 }[m[2]!.toUpperCase() as "" | "K" | "M" | "B"];
  return Number.isFinite(value) ? Math.round(value * scale) : null;
}

const first = (html: string, pattern: RegExp): string | null => pattern.exec(html)?.[1] ?? null;

function parseMessage(block: string): PreviewPost | null {
  const post = /data-post="([^"/]+)\/(\d+)"/.exec(block);
  const datetime = first(block, /<time[^>]*datetime="([^"]+)"/);
  if (!post || !datetime) return null;
  const publishedAt = new Date(datetime);
  if (Number.isNaN(publishedAt.getTime())) return null;
  const views = first(block, /<span class="tgme_widget_message_views">([^<]*)<\/span>/);
  const text = first(block, /<div class="tgme_widget_message_text[^"]*"[^>]*>([\s\S]*?)<\/div>/);
  return {
    id: Number(post[2]),
    path: `${post[1]}/${post[2]}`,
    publishedAt,
    views: views === null ? null : parseCompactCount(views),
    isRepost: block.includes("tgme_widget_message_forwarded_from"),
    text: text === null ? null : htmlToText(text).slice(0, 500) || null,
  };
}

export function parsePreview(html: string): PreviewPage {
  const found = html.includes('class="tgme_channel_info"');
  const channel = found
    ? {
        title: htmlToText(first(html, /<div class="tgme_channel_info_header_title"[^>]*>([\s\S]*?)<\/div>/) ?? "") || null,
        description: htmlToText(first(html, /<div class="tgme_channel_info_description"[^>]*>([\s\S]*?)<\/div>/) ?? "") || null,
        members: parseCompactCount(first(html, /<span class="counter_value">([^<]+)<\/span>\s*<span class="counter_type">(?:subscribers?|members?)<\/span>/) ?? ""),
        hasAvatar: /<i class="tgme_page_photo_image[^"]*"[^>]*>\s*<img/.test(html),
      }
    : null;
  const posts: PreviewPost[] = [];
  let unreadable = 0;
  for (const block of html.split('<div class="tgme_widget_message_wrap').slice(1)) {
    if (/class="tgme_widget_message[^"]*service_message/.test(block)) continue; // "channel created", "pinned"
    const post = parseMessage(block);
    if (post) posts.push(post);
    else unreadable += 1;
  }
  return { found, channel, posts, unreadable };
}

// ---------------------------------------------------------------- contacts in a description

/**
 * Telegram has no contact or address fields; bodies put them in the description. We read a
 * phone or e-mail, a web site (not t.me) and an address-looking line from it. Nothing found is
 * reported as "cannot tell" (null), because the details may sit in a pinned post instead.
 */
export function contactsFromDescription(description: string): { hasContacts: boolean | null; address: string | null; site: string | null } {
  // +7 or 8, then ten digits in any grouping: "+7 (4162) 22-33-44", "8 800 100-00-00"
  const phone = /(?:\+7|\b8)(?:[\s()-]*\d){10}(?!\d)/.test(description);
  const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.test(description);
  const site = /\bhttps?:\/\/(?!t\.me\b)[^\s<>"]+/i.exec(description)?.[0] ?? null;
  const address = description
    .split(/\n/)
    .map((line) => line.trim())
    .find((line) => /(^|[\s,])(ул\.|улица|пр-т|проспект|пер\.|переулок|пл\.|площадь|д\.\s*\d)/i.test(line));
  return { hasContacts: phone || email ? true : null, address: address ?? null, site };
}

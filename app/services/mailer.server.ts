/**
 * Outgoing e-mail (the weekly briefing to the governor's office) over SMTP with nodemailer.
 *
 * One SMTP URL says everything: `smtp://user:pass@host:587` (STARTTLS when the server offers it)
 * or `smtps://user:pass@host:465` (TLS from the start). Without a configuration the mailer is
 * disabled: `enabled` is false and `send` throws, so a caller can hide the "send" button instead
 * of failing at the last step. Errors never carry the SMTP password.
 */
import { domainToASCII } from "node:url";
import nodemailer from "nodemailer";

export interface MailerConfig {
  /** smtp://user:pass@host:port or smtps://user:pass@host:port */
  url: string;
  /** the sender, "ЦУР Амурской области <reports@example.org>" or a bare address */
  from: string;
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

export interface SendResult {
  accepted: string[];
  rejected: string[];
}

export interface Mailer {
  enabled: boolean;
  send(message: MailMessage): Promise<SendResult>;
}

// A slow or silent server must fail a send quickly, not hold a job for nodemailer's default
// two minutes (connection) and ten (socket).
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/**
 * A deliverable address: an ASCII local part (dot-atom) and a domain of dot-separated labels,
 * which may be Cyrillic (правительство.рф; nodemailer sends it as punycode). No display names,
 * no spaces, no line breaks: an address is never a place to smuggle a header.
 */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

export function isEmailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf("@");
  if (at <= 0 || at > 64) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split(".");
  return LOCAL.test(local) && labels.length >= 2 && labels.every((label) => LABEL.test(label)) && !/^\d+$/.test(labels.at(-1)!);
}

/** The URL with any user name and password masked, for messages and logs. */
export function redactSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = "***";
      parsed.password = "";
    }
    parsed.search = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(unparseable SMTP URL)";
  }
}

function parseConfig(config: MailerConfig): { url: string; from: string; where: string } {
  let parsed: URL;
  try {
    parsed = new URL(config.url);
  } catch {
    throw new Error("mailer: the SMTP URL is not a URL (expected smtp://user:pass@host:port or smtps://…)");
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
    throw new Error(`mailer: the SMTP URL must start with smtp:// or smtps://, not ${parsed.protocol}//`);
  }
  if (!parsed.hostname) throw new Error("mailer: the SMTP URL has no host");
  const from = config.from.trim();
  const bare = /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from;
  if (!isEmailAddress(bare.trim()) || /[\r\n]/.test(from)) throw new Error(`mailer: the sender address ${JSON.stringify(config.from)} is not valid`);
  return { url: config.url, from, where: redactSmtpUrl(config.url) };
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  rejected?: string[];
}

/** nodemailer's error, retold with what was attempted and where, and no credentials. */
function explain(error: unknown, where: string): Error {
  const e = (error instanceof Error ? error : new Error(String(error))) as SmtpError;
  const detail = (e.response ?? e.message).replace(/\s+/g, " ").trim();
  switch (e.code) {
    case "EENVELOPE":
      if (e.rejected?.length) return new Error(`mailer: the SMTP server at ${where} rejected every recipient (${e.rejected.join(", ")}): ${detail}`, { cause: e });
      return new Error(`mailer: the SMTP server at ${where} refused the envelope: ${detail}`, { cause: e });
    case "ECONNECTION":
    case "ESOCKET":
    case "EDNS":
    case "ETIMEDOUT":
    case "ETLS":
      return new Error(`mailer: could not talk to the SMTP server at ${where} (${e.code}): ${detail}`, { cause: e });
    case "EAUTH":
    case "ENOAUTH":
      return new Error(`mailer: the SMTP server at ${where} refused the login (${e.code}): ${detail}`, { cause: e });
    default:
      return new Error(`mailer: sending through ${where} failed${e.code ? ` (${e.code})` : ""}: ${detail}`, { cause: e });
  }
}

const addressOf = (value: string | { address: string }) => (typeof value === "string" ? value : value.address);

/**
 * The address as the SMTP envelope carries it: nodemailer sends a Cyrillic domain as punycode
 * (правительство.рф -> xn--80aealotwbjpid2k.xn--p1ai) and reports it so.
 */
function envelopeAddress(address: string): string {
  const at = address.lastIndexOf("@");
  const domain = address.slice(at + 1);
  if (!/[^\p{ASCII}]/u.test(domain)) return address;
  const ascii = domainToASCII(domain);
  return ascii ? `${address.slice(0, at)}@${ascii}` : address;
}

export function createMailer(config: MailerConfig | null): Mailer {
  if (!config) {
    return {
      enabled: false,
      send: async () => {
        throw new Error("mailer: e-mail is not configured (no SMTP URL and sender), so nothing can be sent");
      },
    };
  }
  const { url, from, where } = parseConfig(config);
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    // the briefing goes to a handful of people once a week: no pool to keep open between sends
    pool: false,
    logger: false,
  });

  return {
    enabled: true,
    async send(message) {
      const to = [...new Set(message.to.map((address) => address.trim()))];
      if (to.length === 0) throw new Error("mailer: the message has no recipients");
      const invalid = to.filter((address) => !isEmailAddress(address));
      if (invalid.length > 0) {
        throw new Error(`mailer: not sent, invalid recipient address${invalid.length > 1 ? "es" : ""}: ${invalid.map((a) => JSON.stringify(a)).join(", ")}`);
      }
      // the result names the addresses as the caller wrote them, not as they went on the wire
      const asGiven = new Map(to.map((address) => [envelopeAddress(address).toLowerCase(), address]));
      let info;
      try {
        info = await transport.sendMail({
          from,
          to,
          // a subject is one line whatever the caller passes
          subject: message.subject.replace(/[\r\n]+/g, " "),
          text: message.text,
          attachments: message.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
        });
      } catch (error) {
        throw explain(error, where);
      }
      const original = (value: string | { address: string }) => asGiven.get(addressOf(value).toLowerCase()) ?? addressOf(value);
      return { accepted: info.accepted.map(original), rejected: info.rejected.map(original) };
    },
  };
}

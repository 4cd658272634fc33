/**
 * Structured JSON-line logs through pino. Callers keep the small `Logger` function type, so the
 * logging library stays behind this file. Never pass personal data here; the redaction below is
 * a safety net for mistakes, not a licence: keys that usually hold personal data are censored,
 * and e-mail addresses and IP addresses inside any string value are masked.
 */
import pino, { type DestinationStream } from "pino";

type Level = "debug" | "info" | "warn" | "error";

export type Logger = (level: Level, msg: string, data?: Record<string, unknown>) => void;

export const REDACTED = "[redacted]";

// Keys whose values identify a person or a device, at the top level and one level down
// (e.g. `{ headers: { cookie } }`). pino's redaction is path based, so both depths are listed.
const SENSITIVE_KEYS = [
  "email",
  "e_mail",
  "ip",
  "clientAddress",
  "client_address",
  "remoteAddress",
  "cookie",
  "cookies",
  "set-cookie",
  "authorization",
  "password",
  "token",
  "x-forwarded-for",
  "userAgent",
  "user-agent",
];
const REDACT_PATHS = SENSITIVE_KEYS.flatMap((key) => {
  const path = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  return [path, `*.${path}`.replace(".[", "[")];
});

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
// at least three groups with a "::" or seven colons: avoids masking times such as 12:30:15
const IPV6 = /\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b|\b(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?\b|::ffff:[\d.]+|(?<![\w:])::[0-9A-Fa-f]{0,4}(?![\w:])/g;

// this machine's own addresses identify nobody, and "server ready" on 127.0.0.1 should say so
const maskAddress = (address: string) => (/^(127\.|0\.0\.0\.0$|::1?$|::ffff:127\.)/.test(address) ? address : REDACTED);

/** Masks e-mail and IP addresses inside a string (an error message quoting a login, say). */
export function scrubText(text: string): string {
  if (!text.includes("@") && !/\d\.\d|:/.test(text)) return text;
  return text.replace(EMAIL, REDACTED).replace(IPV6, maskAddress).replace(IPV4, maskAddress);
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

/**
 * @param destination where lines go (tests capture them); stdout by default, written
 *   synchronously so the last lines before `process.exit` are never lost
 */
export function createLogger(minLevel: Level = "info", base: Record<string, unknown> = {}, destination?: DestinationStream): Logger {
  const logger = pino(
    {
      level: minLevel,
      base,
      messageKey: "msg",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
  return (level, msg, data) => {
    if (!logger.isLevelEnabled(level)) return;
    if (data) logger[level](data, scrubText(msg));
    else logger[level](scrubText(msg));
  };
}

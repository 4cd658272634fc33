/**
 * The environment, parsed once with zod. Entry points (server.ts, jobs/worker.ts, scripts/)
 * call loadEnv(); nothing else reads process.env.
 */
import { z } from "zod";

const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // remix-serve binds every interface unless told; we default to loopback and let operators widen it
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  /** connections each process keeps to PostgreSQL (ignored by the embedded engine, which has one) */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional(),
  SESSION_SECRET: z
    .string()
    .min(32, "must be at least 32 characters")
    .optional(),
  COOKIE_SECURE: booleanish.optional(),
  /** public origin (https://pulse.example.ru) when behind a proxy that rewrites Host */
  APP_ORIGIN: z.string().url().optional(),
  /** seed the Amur demo region on an empty embedded database (never with DATABASE_URL in production) */
  DEMO: z.enum(["auto", "off"]).default("auto"),
  /** Redis key prefix of every queue: lets several installations (or test runs) share one Redis */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, . _ - only")
    .default("rp"),
  /** process jobs inside the web process even when REDIS_URL is set (small installations) */
  WEB_RUNS_JOBS: booleanish.optional(),
  /** poll submissions a client (by address) may make per minute in one web process; 0 = no limit */
  SUBMISSION_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(30),
  REGION_TIMEZONE: z.string().min(1).default("Asia/Yakutsk"),
  /** responses per column block of survey answers (results read blocks, and the newer tail as JSON) */
  RESULT_BLOCK_SIZE: z.coerce.number().int().min(10).max(1_000_000).default(10_000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** jobs each processing process runs at once per queue (audits wait on platforms, not CPU) */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** when set, GET /metrics also answers `Authorization: Bearer <token>` from other hosts (loopback always may) */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** days after which a response's device/client metadata is anonymised (answers are kept) */
  RESPONSE_METADATA_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),

  // The weekly briefing (README "Compliance reports"): a PDF archived every Monday, mailed when SMTP is set.
  REPORT_WEEKLY: booleanish.default("true"),
  /** local hour (REGION_TIMEZONE) on Mondays */
  REPORT_WEEKLY_HOUR: z.coerce.number().int().min(0).max(23).default(9),
  /** smtp://user:pass@host:587 or smtps://…; unset: the briefing is archived, not mailed */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "smtp:// or smtps:// URL").optional(),
  SMTP_FROM: z.string().min(3).max(200).default("Пульс региона <reports@pulse.local>"),
  /** comma-separated addresses that receive the weekly briefing */
  REPORT_MAIL_TO: z.string().max(4000).optional(),

  // Official-page audits (README "Audits"). Every base URL is configuration so tests use a fake server.
  /** the daily sweep of every active page; off for installations that audit only on demand */
  AUDIT_SWEEP: booleanish.default("true"),
  /** local hour (REGION_TIMEZONE) of the daily sweep */
  AUDIT_SWEEP_HOUR: z.coerce.number().int().min(0).max(23).default(3),
  /** every audit re-reads posts and their comments this far back (late comments, edited counters) */
  AUDIT_LOOKBACK_DAYS: z.coerce.number().int().min(1).max(400).default(35),
  /** a page's first audit reads this far back, so last month can be scored at once */
  AUDIT_FIRST_DAYS: z.coerce.number().int().min(1).max(400).default(62),
  VK_API_URL: z.string().url().default("https://api.vk.com/method"),
  VK_API_VERSION: z.string().regex(/^5\.\d+$/).default("5.199"),
  /** comma-separated VK service or user tokens; each is held to VK_REQUESTS_PER_SECOND across all workers */
  VK_TOKENS: z.string().optional(),
  VK_REQUESTS_PER_SECOND: z.coerce.number().positive().max(100).default(3),
  OK_API_URL: z.string().url().default("https://api.ok.ru/fb.do"),
  OK_APPLICATION_KEY: z.string().optional(),
  OK_APPLICATION_SECRET_KEY: z.string().optional(),
  OK_ACCESS_TOKEN: z.string().optional(),
  OK_SESSION_SECRET_KEY: z.string().optional(),
  OK_REQUESTS_PER_SECOND: z.coerce.number().positive().max(100).default(1),
  TELEGRAM_API_URL: z.string().url().default("https://api.telegram.org"),
  TELEGRAM_PREVIEW_URL: z.string().url().default("https://t.me"),
  TELEGRAM_BOT_TOKEN: z.string().optional(),
  /** channel=discussion_chat_id pairs, comma-separated: channels whose discussion group our bot sits in */
  TELEGRAM_DISCUSSION_CHATS: z
    .string()
    .regex(/^([A-Za-z0-9_]+=-?\d+)(,[A-Za-z0-9_]+=-?\d+)*$/, "channel=chat_id pairs separated by commas")
    .optional(),
});

export type Env = z.infer<typeof schema> & {
  /** NODE_ENV=production with a PostgreSQL server: strict rules apply */
  strictProduction: boolean;
  embedded: boolean;
};

export class EnvError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable (FOO= in a unit file or .env) means "not set", as shells and Docker treat it.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const strictProduction = env.NODE_ENV === "production" && Boolean(env.DATABASE_URL);
  if (strictProduction && !env.SESSION_SECRET) {
    throw new EnvError(
      "SESSION_SECRET is required when NODE_ENV=production with DATABASE_URL (at least 32 random characters, e.g. `openssl rand -hex 32`)",
    );
  }
  return { ...env, strictProduction, embedded: !env.DATABASE_URL };
}

/**
 * The one interface every platform connector implements (VK, OK, Telegram, file import, MAX).
 * Connectors are the only code that talks to platforms. They return plain observations; the
 * audit processor hashes author ids, upserts by platform ids and moves the cursors.
 */
import type {
  AuthorKind,
  Capabilities,
  Platform,
  PostObservation,
  ProfileObservation,
  StreamObservation,
} from "../../app/domain/compliance/observations";

/** An official page as the registry knows it (official_pages row). */
export interface PageTarget {
  pageId: number;
  platform: Platform;
  /** VK/OK: numeric id or screen name; Telegram: channel username without @ */
  platformId: string;
  url: string;
  /** the platform's own id found by an earlier audit (a screen name resolved), when known */
  resolvedId?: string | null;
}

export interface FetchedProfile extends ProfileObservation {
  /** the platform's own numeric id once resolved (VK group id, OK group id, Telegram chat id) */
  resolvedId: string | null;
  name: string | null;
}

export interface FetchedPost extends PostObservation {
  url: string | null;
  /** first 500 characters, for evidence links; never used for scoring */
  text: string | null;
}

export interface FetchedComment {
  id: string;
  postId: string;
  parentId: string | null;
  authorKind: AuthorKind;
  /** the platform's raw author id; the processor stores only a salted hash of it */
  authorId: string | null;
  createdAt: Date;
  deleted: boolean;
  text: string | null;
  url: string | null;
}

export interface FetchedStream extends StreamObservation {
  title: string | null;
  url: string | null;
}

export interface Connector {
  readonly platform: Platform;
  capabilities(page: PageTarget): Capabilities;
  profile(page: PageTarget, signal?: AbortSignal): Promise<FetchedProfile>;
  /** every post published at or after `since`, newest first, plus a pinned post whatever its date */
  posts(page: PageTarget, since: Date, signal?: AbortSignal): Promise<FetchedPost[]>;
  /** all comments (threads included, any depth) on these posts; batched where the API allows */
  comments(page: PageTarget, postIds: string[], signal?: AbortSignal): Promise<FetchedComment[]>;
  /** live streams started at or after `since` */
  streams(page: PageTarget, since: Date, signal?: AbortSignal): Promise<FetchedStream[]>;
  /**
   * Optional: profile, posts and streams at once, in fewer requests than the three calls above
   * (VK batches them in one `execute`). Same results and errors as calling them one by one.
   */
  overview?(page: PageTarget, since: Date, signal?: AbortSignal): Promise<PageOverview>;
}

export interface PageOverview {
  profile: FetchedProfile;
  posts: FetchedPost[];
  streams: FetchedStream[];
}

/**
 * rate_limited / transient: retry later (the job retries with backoff).
 * auth: every token is bad; the connector has disabled them and raised an alert (not retried).
 * page_private / page_deleted / page_not_found: the page's own state, recorded, never retried.
 * malformed: the platform answered something we cannot read (retried a few times, then recorded).
 */
export type ConnectorErrorKind =
  | "rate_limited"
  | "transient"
  | "auth"
  | "page_private"
  | "page_deleted"
  | "page_not_found"
  | "malformed"
  | "not_configured";

// auth is not retried: the connector has already moved on to its other tokens before giving up
const RETRYABLE: ReadonlySet<ConnectorErrorKind> = new Set(["rate_limited", "transient", "malformed"]);

export class ConnectorError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    /** the platform's own error code, when it gave one */
    readonly code?: number | string,
  ) {
    super(message);
    this.name = "ConnectorError";
    this.retryable = RETRYABLE.has(kind);
  }
}

/**
 * Spacing of calls per key (a VK token, the OK application) shared by every process that holds
 * the same gate: at most `limit` calls in any `windowMs` window.
 */
export interface RateGate {
  acquire(key: string, limit: number, windowMs: number, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** Where a connector learns that a token was revoked, so no process keeps using it. */
export interface TokenRegistry {
  isDisabled(platform: Platform, token: string): Promise<boolean>;
  /** marks the token unusable and raises an alert for the analysts */
  disable(platform: Platform, token: string, reason: string): Promise<void>;
}

/** Injected so tests can point connectors at the fake server and skip real waiting. */
export interface ConnectorRuntime {
  gate: RateGate;
  tokens: TokenRegistry;
  fetch?: typeof fetch;
  /** per-request timeout; default 15 s */
  timeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => Date;
}

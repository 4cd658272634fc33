/**
 * What an audit saw on one official page, in the shape the metric rules (metrics.ts) read.
 * Connectors fill these from the platforms; the database stores them; nothing here does I/O.
 * `null` always means "the platform cannot tell", never "no" — the rules turn it into
 * "not measurable" instead of a failure (COMPLIANCE.md, "Known measurement limits").
 */
export type Platform = "vk" | "ok" | "telegram" | "max";
export const PLATFORMS: readonly Platform[] = ["vk", "ok", "telegram", "max"];

/** The page itself, another community/organisation, or a person (a resident). */
export type AuthorKind = "page" | "organisation" | "resident";

export interface ProfileObservation {
  observedAt: Date;
  /** the "Государственная организация" mark; the blue verified tick is NOT this */
  badge: boolean | null;
  verified: boolean | null;
  members: number | null;
  description: string | null;
  /** phone or e-mail present */
  hasContacts: boolean | null;
  address: string | null | undefined;
  site: string | null | undefined;
  hasAvatar: boolean | null;
  hasCover: boolean | null;
  /** wall / comments open to residents */
  wallOpen: boolean | null;
}

export interface PostObservation {
  /** platform id, unique within the page */
  id: string;
  publishedAt: Date;
  /** authored by the page (its reposts included); residents' and other bodies' posts are false */
  byOwner: boolean;
  isRepost: boolean;
  pinned: boolean;
  commentsOpen: boolean | null;
  likes: number | null;
  reposts: number | null;
  comments: number | null;
  views: number | null;
}

export interface CommentObservation {
  /** platform id, unique within the page */
  id: string;
  postId: string;
  /** the comment this one answers; null for a top-level comment */
  parentId: string | null;
  authorKind: AuthorKind;
  createdAt: Date;
  deleted: boolean;
}

export interface StreamObservation {
  id: string;
  startedAt: Date;
}

/** Which metrics a platform (with our access) can measure at all for this page. */
export interface Capabilities {
  badge: boolean;
  replies: boolean;
  engagement: boolean;
  streams: boolean;
}

export interface PageObservations {
  platform: Platform;
  capabilities: Capabilities;
  /** the latest snapshot taken at or before the period's end; null if the page was never read */
  profile: ProfileObservation | null;
  posts: PostObservation[];
  comments: CommentObservation[];
  streams: StreamObservation[];
}

/** Half-open [start, end) instants; ISO weeks and dates are taken in timeZone. */
export interface Period {
  start: Date;
  end: Date;
  timeZone: string;
}

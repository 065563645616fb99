import type { ListQuery } from "../../contracts/list-query";
import type { NotificationDetail, NotificationFilter, NotificationType } from "../../contracts/notifications";

export type { NotificationDetail, NotificationType };

/** Notices older than this are pruned (docs/notifications.md#retention). */
export const NOTIFICATION_RETENTION_DAYS = 180;

/** A notice as the core makes it (notice.ts), stored as it is. */
export interface NewNotice {
  userId: number;
  /** When the event happened: the notice's createdAt. */
  at: Date;
  type: NotificationType;
  detail: NotificationDetail;
  sessionId: string | null;
}

/**
 * The notices a write makes once it knows what it did (a row changed, a factor existed): none
 * when the write changed nothing. A store that takes one writes what it returns in the same
 * transaction as the write itself, through the one writer in lib/db/notices.ts.
 */
export type NoticesFor<Outcome> = (outcome: Outcome) => readonly NewNotice[];

export interface StoredNotification {
  id: number;
  userId: number;
  type: string;
  /** JSON text of a NotificationDetail. */
  detail: string;
  sessionId: string | null;
  /** Whether that login is still the owner's and not ended: "this wasn't me" has something to end. */
  sessionActive: boolean;
  readAt: Date | null;
  createdAt: Date;
}

/** Where a user has signed in from: what the new-device rule decides on (new-device.ts). */
export interface SignInHistory {
  /** Whether the user has ever signed in (any login, however old). */
  signedInBefore: boolean;
  /** The User-Agents of their logins started since the given moment. */
  recentUserAgents: (string | null)[];
}

/** A user's notices. Every read and write is scoped to the owner: nobody reads another's. */
export interface NotificationStore {
  list(userId: number, query: ListQuery<NotificationFilter>): Promise<{ rows: StoredNotification[]; total: number }>;
  get(userId: number, id: number): Promise<StoredNotification | null>;
  /** Marks the owner's unread notices read (these ids, or all of them); how many changed. */
  markRead(userId: number, which: readonly number[] | "all", now: Date): Promise<number>;
  unreadCount(userId: number): Promise<number>;
  signInHistory(userId: number, since: Date): Promise<SignInHistory>;
  /** Deletes everyone's notices created before `before`; how many went. */
  pruneBefore(before: Date): Promise<number>;
}

import type { HttpClient } from "./http-client";

/** Security notices beyond the `notifications` resource's list (docs/notifications.md). */
export interface NotificationCalls {
  /** These notices, or every one, marked read. */
  markNotificationsRead(which: { ids: number[] } | { all: true }): Promise<void>;
  /** "This wasn't me": the server ends the login the notice names and marks it read. */
  notMe(id: number): Promise<void>;
}

export const NOTIFICATIONS_RESOURCE = "notifications";

export function createNotificationCalls(httpClient: HttpClient, api = "/api"): NotificationCalls {
  return {
    async markNotificationsRead(which) {
      await httpClient(`${api}/${NOTIFICATIONS_RESOURCE}/read`, { method: "POST", body: JSON.stringify(which) });
    },
    async notMe(id) {
      await httpClient(`${api}/${NOTIFICATIONS_RESOURCE}/${encodeURIComponent(String(id))}/not-me`, { method: "POST" });
    },
  };
}

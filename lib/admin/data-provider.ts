import type { DataProvider, Identifier } from "react-admin";
import simpleRestProvider from "ra-data-simple-rest";
import { type Activity, activitySchema, type Summary, summarySchema } from "../contracts/audit";
import type { ChangePasswordRequest } from "../contracts/auth";
import { type UserRow, userRowSchema } from "../contracts/users";
import type { HttpClient } from "./http-client";
import { createNotificationCalls, type NotificationCalls } from "./notification-calls";
import { createPasskeyCalls, type PasskeyCalls } from "./passkey-calls";
import { createTwoStepCalls, type TwoStepCalls } from "./two-step-calls";

export const API_URL = "/api";

/** The calls beyond ra-data-simple-rest's CRUD that the admin screens make. */
export interface GatehouseDataProvider extends DataProvider, TwoStepCalls, PasskeyCalls, NotificationCalls {
  userAction(id: Identifier, action: "unlock" | "logout"): Promise<{ data: UserRow }>;
  activity(span: { hours: number } | { days: number }): Promise<Activity>;
  summary(): Promise<Summary>;
  changePassword(body: ChangePasswordRequest): Promise<void>;
}

export function createDataProvider(httpClient: HttpClient): GatehouseDataProvider {
  const post = (url: string, body?: unknown) => httpClient(url, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });
  return {
    ...simpleRestProvider(API_URL, httpClient),
    ...createTwoStepCalls(httpClient, API_URL),
    ...createPasskeyCalls(httpClient, API_URL),
    ...createNotificationCalls(httpClient, API_URL),
    async userAction(id, action) {
      const { json } = await post(`${API_URL}/users/${encodeURIComponent(String(id))}/${action}`);
      return { data: userRowSchema.parse(json) };
    },
    async activity(span) {
      const query = "hours" in span ? `hours=${span.hours}` : `days=${span.days}`;
      return activitySchema.parse((await httpClient(`${API_URL}/stats/activity?${query}`)).json);
    },
    async summary() {
      return summarySchema.parse((await httpClient(`${API_URL}/stats/summary`)).json);
    },
    async changePassword(body) {
      await post(`${API_URL}/auth/password`, body);
    },
  };
}

import type { NotificationType } from "../../contracts/notifications";
import type { ClientInfo } from "../context";
import { deviceName } from "../manage/device";
import type { NewNotice } from "./storage";

/**
 * The one way the core makes a notice: the device and address of the request that caused the
 * event, its time, and the login it names. Stores write it with the event (NoticesFor).
 */
export function notice(type: NotificationType, userId: number, client: ClientInfo, now: Date, sessionId: string | null = null): NewNotice {
  const detail = { device: deviceName(client.userAgent), ip: client.ip, at: now.toISOString(), ...(sessionId && { sessionId }) };
  return { userId, at: now, type, detail, sessionId };
}

/** The notice when the write did something (`true`, or a count above 0), none otherwise. */
export const noticeIf =
  (type: NotificationType, userId: number, client: ClientInfo, now: Date, sessionId: string | null = null) =>
  (happened: boolean | number | null | undefined | object): readonly NewNotice[] =>
    happened ? [notice(type, userId, client, now, sessionId)] : [];

import type { AuthContext, ClientInfo } from "../context";
import type { AuditEventInput } from "./storage";

/** Records an auth event with the device it came from. */
export function audit(ctx: Pick<AuthContext, "store">, client: ClientInfo, event: AuditEventInput, now: Date) {
  return ctx.store.audit.record({ ip: client.ip, userAgent: client.userAgent, ...event }, now);
}

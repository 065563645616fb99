import type { AuthConfig } from "./config";
import type { LiveLoginView } from "./sessions/live-logins";
import type { PasswordHasher } from "./passwords/hasher";
import type { AuditEventInput, AuthStorage } from "./storage";

export interface AuthContext {
  store: AuthStorage;
  config: AuthConfig;
  passwords: PasswordHasher;
  liveLogins: LiveLoginView;
  /** Waits out a throttling delay; tests may count instead of wait. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

export const sleepFor = (ctx: AuthContext) => ctx.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

export function audit(ctx: AuthContext, client: ClientInfo, event: AuditEventInput, now: Date) {
  return ctx.store.audit.record({ ip: client.ip, userAgent: client.userAgent, ...event }, now);
}

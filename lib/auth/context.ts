import type { AuthConfig } from "./config";
import type { SecondStepPolicy } from "./factors/second-step";
import type { LiveLoginView } from "./sessions/live-logins";
import type { PasswordHasher } from "./passwords/hasher";
import type { AuthStorage } from "./storage";

export interface AuthContext {
  store: AuthStorage;
  config: AuthConfig;
  passwords: PasswordHasher;
  liveLogins: LiveLoginView;
  /** Whether a sign-in needs a second step; none is required when absent. */
  secondStep?: SecondStepPolicy;
  /** Waits out a throttling delay; tests may count instead of wait. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

export const sleepFor = (ctx: AuthContext) => ctx.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));


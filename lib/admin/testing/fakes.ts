import type { TokenResponse } from "../../contracts/auth";
import type { AuthApi, AuthOutcome } from "../auth-api";
import type { SecondFactor } from "../second-factor";
import type { SessionEnding } from "../session-messages";
import type { Clock, Timers } from "../clock";
import type { TabChannel, TabMessage } from "../tab-channel";

/** Both clocks and the timers, moved only by advance(); timers run on the monotonic clock. */
export class FakeTime implements Clock, Timers {
  wallNow = 1_800_000_000_000;
  monoNow = 5_000;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;

  monotonic = () => this.monoNow;
  wall = () => this.wallNow;

  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.queue.push({ at: this.monoNow + Math.max(0, ms), fn, id });
    return id;
  };

  clearTimeout = (handle: unknown) => {
    this.queue = this.queue.filter((t) => t.id !== handle);
  };

  pendingTimers = () => this.queue.length;

  /** Moves time forward, running due timers in order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const target = this.monoNow + ms;
    for (;;) {
      await settle();
      const next = this.queue.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.queue = this.queue.filter((t) => t !== next);
      this.move(next.at - this.monoNow);
      next.fn();
    }
    this.move(target - this.monoNow);
    await settle();
  }

  /** The machine sleeps: the wall clock runs on, the monotonic clock and timers do not. */
  suspend(ms: number) {
    this.wallNow += ms;
  }

  private move(delta: number) {
    this.monoNow += delta;
    this.wallNow += delta;
  }
}

export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A BroadcastChannel stand-in: every endpoint hears every other endpoint, never itself. */
export function channelHub() {
  const endpoints = new Set<{ listeners: Set<(m: TabMessage) => void> }>();
  const log: TabMessage[] = [];
  return {
    log,
    connect(): TabChannel & { close(): void } {
      const self = { listeners: new Set<(m: TabMessage) => void>() };
      endpoints.add(self);
      return {
        post(message) {
          log.push(message);
          const copy = structuredClone(message);
          for (const other of endpoints) {
            if (other !== self) queueMicrotask(() => other.listeners.forEach((l) => l(copy)));
          }
        },
        subscribe(listener) {
          self.listeners.add(listener);
          return () => self.listeners.delete(listener);
        },
        close: () => endpoints.delete(self),
      };
    },
  };
}

type Outcome = AuthOutcome | "ok";

/** The auth endpoints with a fixed lifetime, a little latency on the fake clock, and scripted failures. */
export class FakeAuthApi implements AuthApi {
  calls = { login: 0, refresh: 0, logout: 0, reauthenticate: 0, secondStep: 0 };
  /** Set for an account with a second factor: the code its app shows now, and its unused recovery codes. */
  secondFactor: { otp: string; recoveryCodes: string[] } | null = null;
  /** The challenges handed out by the password step that have not been finished. */
  private challenges = new Set<string>();
  /** The bearer token each re-authentication was sent with. */
  reauthenticatedWith: string[] = [];
  /** Whether each refresh was sent as a probe. */
  probes: boolean[] = [];
  /** The login's absolute cap in seconds from the server's "now", when set. */
  sessionSeconds: number | null = null;
  issued: string[] = [];
  private scripted: Outcome[] = [];

  constructor(
    private readonly time: FakeTime,
    private readonly ttlSeconds = 100,
    private readonly latencyMs = 20,
  ) {}

  /** The next refresh calls answer these, in order; afterwards they succeed. */
  script(...outcomes: Outcome[]) {
    this.scripted.push(...outcomes);
  }

  login = async ({ password }: { username: string; password: string }): Promise<AuthOutcome> => {
    this.calls.login++;
    await this.delay();
    if (password !== "secret") return { ok: false, kind: "rejected", status: 401, detail: "Incorrect username or password" };
    if (this.secondFactor) {
      const mfaToken = `challenge-${this.calls.login}`;
      this.challenges.add(mfaToken);
      return { ok: false, kind: "second-step", status: 403, detail: "A second factor is required.", challenge: { mfaToken, methods: ["totp", "recovery_code"] } };
    }
    return this.issue();
  };

  secondStep = async (mfaToken: string, factor: SecondFactor): Promise<AuthOutcome> => {
    this.calls.secondStep++;
    await this.delay();
    if (!this.challenges.has(mfaToken) || !this.secondFactor) return { ok: false, kind: "rejected", status: 401, detail: "Sign in again.", code: "MFA_TOKEN_INVALID" };
    const recovery = "recovery_code" in factor ? this.secondFactor.recoveryCodes.indexOf(factor.recovery_code) : -1;
    if ("otp" in factor ? factor.otp !== this.secondFactor.otp : recovery < 0) return { ok: false, kind: "rejected", status: 401, detail: "That code is not right.", code: "MFA_CODE_INVALID" };
    this.challenges.delete(mfaToken);
    if (recovery < 0) return this.issue();
    this.secondFactor.recoveryCodes.splice(recovery, 1);
    return { ok: true, token: this.token(), recoveryCodesLeft: this.secondFactor.recoveryCodes.length };
  };

  refresh = async (options?: { probe?: boolean }): Promise<AuthOutcome> => {
    this.calls.refresh++;
    this.probes.push(options?.probe ?? false);
    await this.delay();
    const next = this.scripted.shift() ?? "ok";
    return next === "ok" ? this.issue() : next;
  };

  reauthenticate = async (accessToken: string, password: string, factor?: SecondFactor): Promise<AuthOutcome> => {
    this.calls.reauthenticate++;
    this.reauthenticatedWith.push(accessToken);
    await this.delay();
    if (password !== "secret") return { ok: false, kind: "rejected", status: 401, detail: "Incorrect username or password" };
    if (this.secondFactor && !(factor && "otp" in factor && factor.otp === this.secondFactor.otp)) {
      return { ok: false, kind: "rejected", status: 401, detail: "Enter the code from your app.", code: "MFA_REQUIRED" };
    }
    return this.issue();
  };

  passkeySignIn = async (): Promise<AuthOutcome> => {
    await this.delay();
    return this.issue();
  };

  reauthenticateWithPasskey = async (accessToken: string): Promise<AuthOutcome> => {
    this.calls.reauthenticate++;
    this.reauthenticatedWith.push(accessToken);
    await this.delay();
    return this.issue();
  };

  logout = async () => {
    this.calls.logout++;
    await this.delay();
    return true;
  };

  private issue(): AuthOutcome {
    return { ok: true, token: this.token() };
  }

  private token(): TokenResponse {
    const token: TokenResponse = {
      access_token: `token-${this.issued.length + 1}`,
      token_type: "bearer",
      token_expiry: this.ttlSeconds,
      unread_notifications: 0,
      // Deliberately far off: the client must not read the server's clock.
      expires_at: 42,
      ...(this.sessionSeconds !== null && { session_expires_at: 42 - this.ttlSeconds + this.sessionSeconds }),
    };
    this.issued.push(token.access_token);
    return token;
  }

  private delay() {
    return new Promise<void>((resolve) => this.time.setTimeout(resolve, this.latencyMs));
  }
}

export const transient = (status = 503): AuthOutcome => ({ ok: false, kind: "transient", status, detail: "Service unavailable" });
export const rejected = (detail = "The refresh token has expired or was not found.", reason?: SessionEnding): AuthOutcome => ({
  ok: false,
  kind: "rejected",
  status: 401,
  detail,
  reason,
});

export const noSession = (): AuthOutcome => ({ ok: false, kind: "none", status: 204, detail: "No session." });

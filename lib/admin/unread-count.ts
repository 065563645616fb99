import type { AuthApi, AuthOutcome } from "./auth-api";
import type { TabChannel } from "./tab-channel";

/**
 * The signed-in person's unread security notices, as the last token answer said
 * (docs/notifications.md): no polling of its own. Every tab of the browser shares it on the
 * channel the tokens travel on, and a tab that opens asks the others for it.
 */
export interface UnreadCount {
  /** Null until a token answer (or another tab) has said. */
  get(): number | null;
  /** A count this tab learned (a token answer, or notices it marked read); the other tabs hear it. */
  set(count: number): void;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

export function createUnreadCount(channel: TabChannel): UnreadCount {
  let count: number | null = null;
  const listeners = new Set<() => void>();
  const change = (next: number) => {
    if (next === count) return;
    count = next;
    [...listeners].forEach((listener) => listener());
  };
  const unsubscribe = channel.subscribe((message) => {
    if (message.type === "unread") change(message.count);
    else if (message.type === "unread-request" && count !== null) channel.post({ type: "unread", count });
    // A sign-out anywhere ends this session's count; the next sign-in brings its own.
    else if (message.type === "signed-out") change(0);
  });
  channel.post({ type: "unread-request" });
  return {
    get: () => count,
    set(next) {
      const clamped = Math.max(0, Math.trunc(next));
      change(clamped);
      channel.post({ type: "unread", count: clamped });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      unsubscribe();
      listeners.clear();
    },
  };
}

/** The auth calls, with every token answer's `unread_notifications` handed to the count on the way. */
export function withUnreadCount(api: AuthApi, unread: UnreadCount): AuthApi {
  const read = async (outcome: Promise<AuthOutcome>) => {
    const answer = await outcome;
    if (answer.ok) unread.set(answer.token.unread_notifications);
    return answer;
  };
  return {
    ...api,
    login: (credentials) => read(api.login(credentials)),
    refresh: (options) => read(api.refresh(options)),
    secondStep: (challenge, factor) => read(api.secondStep(challenge, factor)),
    reauthenticate: (accessToken, password, factor) => read(api.reauthenticate(accessToken, password, factor)),
    passkeySignIn: (proof) => read(api.passkeySignIn(proof)),
    reauthenticateWithPasskey: (accessToken, proof) => read(api.reauthenticateWithPasskey(accessToken, proof)),
  };
}

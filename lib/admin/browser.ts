import type { AuthProvider, DataProvider } from "react-admin";
import { createAuthApi } from "./auth-api";
import { createAuthProvider } from "./auth-provider";
import { systemClock, systemTimers } from "./clock";
import { createDataProvider } from "./data-provider";
import { browserDeviceKey } from "./dpop";
import { createHttpClient } from "./http-client";
import { tabLocalLocks, webLocks } from "./locks";
import { createPasskeyCeremony, type PasskeyCeremony } from "./passkey-ceremony";
import { createReauth, type Reauth } from "./reauth";
import { createStepUp, type StepUp } from "./step-up";
import { CHANNEL_NAME, tabChannel } from "./tab-channel";
import { createTokenManager, type TokenManager } from "./token-manager";
import { createUnreadCount, type UnreadCount, withUnreadCount } from "./unread-count";

export interface AdminServices {
  tokens: TokenManager;
  unread: UnreadCount;
  reauth: Reauth;
  stepUp: StepUp;
  passkeys: PasskeyCeremony;
  authProvider: AuthProvider;
  dataProvider: DataProvider;
}

let services: AdminServices | null = null;

/** One token manager per page, created on first use in the browser. */
export function adminServices(): AdminServices {
  services ??= create();
  return services;
}

function create(): AdminServices {
  const fetchFn: typeof fetch = (input, init) => fetch(input, init);
  const channel = tabChannel(typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL_NAME) : null);
  const unread = createUnreadCount(channel);
  const tokens = createTokenManager({
    api: withUnreadCount(createAuthApi(fetchFn, systemTimers, "/api/auth", browserDeviceKey()), unread),
    locks: navigator.locks ? webLocks(navigator.locks) : tabLocalLocks(),
    channel,
    clock: systemClock,
    timers: systemTimers,
    onWake: wakeEvents,
  });
  const stepUp = createStepUp();
  const httpClient = createHttpClient({ tokens, fetch: fetchFn, timers: systemTimers, stepUp });
  const reauth = createReauth();
  return { tokens, unread, reauth, stepUp, passkeys: createPasskeyCeremony(fetchFn), authProvider: createAuthProvider(tokens, httpClient, reauth), dataProvider: createDataProvider(httpClient) };
}

function wakeEvents(listener: () => void): () => void {
  const onVisibility = () => {
    if (document.visibilityState === "visible") listener();
  };
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("online", listener);
  window.addEventListener("focus", listener);
  return () => {
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("online", listener);
    window.removeEventListener("focus", listener);
  };
}

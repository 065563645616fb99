import { describe, expect, it } from "vitest";
import { type BroadcastChannelLike, tabChannel, type TabMessage } from "./tab-channel";

function fakeBroadcastChannel() {
  const listeners = new Set<(event: MessageEvent) => void>();
  const posted: unknown[] = [];
  const channel: BroadcastChannelLike = {
    postMessage: (message) => posted.push(message),
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
  };
  const deliver = (data: unknown) => listeners.forEach((l) => l(new MessageEvent("message", { data })));
  return { channel, posted, deliver, listeners };
}

describe("tab channel", () => {
  it("posts messages and hands on the well-formed ones it receives", () => {
    const fake = fakeBroadcastChannel();
    const channel = tabChannel(fake.channel);
    const received: TabMessage[] = [];
    const unsubscribe = channel.subscribe((m) => received.push(m));

    channel.post({ type: "signed-out", reason: null });
    fake.deliver({ type: "token", token: { value: "jwt", lifetimeMs: 4000, remainingMs: 3000 } });
    fake.deliver({ type: "token", token: { value: "" } });
    fake.deliver("hello");
    fake.deliver({ type: "who-knows" });

    expect(fake.posted).toEqual([{ type: "signed-out", reason: null }]);
    expect(received).toEqual([{ type: "token", token: { value: "jwt", lifetimeMs: 4000, remainingMs: 3000 } }]);
    unsubscribe();
    expect(fake.listeners.size).toBe(0);
  });

  it("works as a silent channel where BroadcastChannel is missing", () => {
    const channel = tabChannel(null);
    expect(() => channel.post({ type: "token-request" })).not.toThrow();
    expect(typeof channel.subscribe(() => {})).toBe("function");
  });
});

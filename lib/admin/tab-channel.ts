import { z } from "zod";

const sharedTokenSchema = z.object({
  value: z.string().min(1),
  lifetimeMs: z.number().positive(),
  remainingMs: z.number(),
  sessionRemainingMs: z.number().nullable().optional(),
});

const tabMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("token"), token: sharedTokenSchema }),
  z.object({ type: z.literal("token-request") }),
  z.object({ type: z.literal("signed-out"), reason: z.string().nullable(), resumable: z.boolean().optional() }),
  z.object({ type: z.literal("unread"), count: z.number().int().min(0) }),
  z.object({ type: z.literal("unread-request") }),
]);

export type TabMessage = z.infer<typeof tabMessageSchema>;

/** The messages tabs of one browser exchange; the sender never hears its own. */
export interface TabChannel {
  post(message: TabMessage): void;
  subscribe(listener: (message: TabMessage) => void): () => void;
}

export const CHANNEL_NAME = "gatehouse-session";

/** Minimal BroadcastChannel surface, so tests can pass a fake. */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

export function tabChannel(channel: BroadcastChannelLike | null): TabChannel {
  if (!channel) return { post: () => {}, subscribe: () => () => {} };
  return {
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      // Another version of the app may share the channel during a deploy: ignore what we cannot read.
      const onMessage = (event: MessageEvent) => {
        const parsed = tabMessageSchema.safeParse(event.data);
        if (parsed.success) listener(parsed.data);
      };
      channel.addEventListener("message", onMessage);
      return () => channel.removeEventListener("message", onMessage);
    },
  };
}

import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const WEBHOOK_SECRET = "webhook-secret-that-is-long-enough-0123456789";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the receiver does with a request: take it, refuse it with a 500, or never answer. */
export type ReceiverMode = "ok" | "fail" | "hang";

/** The check a receiver makes, as docs/notifications.md shows it. */
export function signatureValid(body: string, header: string | string[] | undefined, secret = WEBHOOK_SECRET): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const given = Buffer.from(String(header ?? ""));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A real HTTP receiver on 127.0.0.1 for the webhook tests. `down()` closes it, so the port
 * refuses connections, and `up()` listens on the same port again.
 */
export async function webhookReceiver() {
  const received: Received[] = [];
  const hanging = new Set<import("node:http").ServerResponse>();
  let mode: ReceiverMode = "ok";
  let server: Server | undefined;
  let port = 0;

  async function up() {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        if (mode === "hang") return void hanging.add(res);
        if (mode === "fail") return void res.writeHead(500).end("down for maintenance");
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  }

  async function down() {
    for (const res of hanging) res.destroy();
    hanging.clear();
    const closing = server;
    server = undefined;
    closing?.closeAllConnections();
    await new Promise<void>((resolve) => (closing ? closing.close(() => resolve()) : resolve()));
  }

  await up();
  return {
    url: () => `http://127.0.0.1:${port}/hooks/gatehouse`,
    received,
    hangingCount: () => hanging.size,
    setMode: (next: ReceiverMode) => void (mode = next),
    up,
    down,
    /** The parsed bodies received, in order. */
    payloads: () => received.map((r) => JSON.parse(r.body) as { id: string; type: string; at: string; userId: number | null; username: string | null; detail: Record<string, unknown> }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof webhookReceiver>>;

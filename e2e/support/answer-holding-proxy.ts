import http from "node:http";
import net from "node:net";

/**
 * A forward proxy between a browser context and the app that can hold back the answers to
 * one path: the server has answered (and committed what it did), the browser has not heard.
 * A browser context uses it with `proxy: { server, bypass: "<-loopback>" }` (Chromium skips
 * proxies for localhost unless told not to).
 */
export async function answerHoldingProxy(port: number, heldPath: string) {
  let holding = false;
  let release = () => {};
  let released = Promise.resolve();
  const answered: (() => void)[] = [];

  const server = http.createServer((request, response) => {
    const target = new URL(request.url ?? "/");
    const headers = { ...request.headers };
    delete headers["proxy-connection"];
    const upstream = http.request(target, { method: request.method, headers }, async (answer) => {
      const body: Buffer[] = [];
      for await (const chunk of answer) body.push(chunk as Buffer);
      if (holding && target.pathname === heldPath) {
        const gate = released;
        answered.splice(0).forEach((resolve) => resolve());
        await gate;
      }
      response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      response.end(Buffer.concat(body));
    });
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  // Playwright's API requests tunnel through the proxy; they pass untouched.
  server.on("connect", (request, client, head) => {
    const [host = "localhost", targetPort = "80"] = (request.url ?? "").split(":");
    const upstream = net.connect(Number(targetPort), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));

  return {
    server: `http://127.0.0.1:${port}`,
    /** From now on, answers to the held path wait for `release`; resolves when the first has arrived from the server. */
    hold(): Promise<void> {
      holding = true;
      released = new Promise((resolve) => (release = resolve));
      return new Promise((resolve) => answered.push(resolve));
    },
    release(): void {
      holding = false;
      release();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Does what server.mjs does for every request: names the header that carries the socket's
 * address. Route handlers only trust that header once it has been named.
 */
export function actAsGatehouseServer(): void {
  (globalThis as { __gatehouseClientIpHeader?: string }).__gatehouseClientIpHeader = "x-gatehouse-client-ip";
}

export const fromIp = (ip: string) => ({ "x-gatehouse-client-ip": ip });

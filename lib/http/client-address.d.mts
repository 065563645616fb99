import type { IncomingMessage } from "node:http";
export declare const CLIENT_IP_HEADER: string;
export declare function clientAddress(req: Pick<IncomingMessage, "headers" | "socket">, trustedHops: number): string;
export declare function markClientAddress(req: Pick<IncomingMessage, "headers" | "socket">, trustedHops: number): string;

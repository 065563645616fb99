import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

export declare const REQUEST_ID_HEADER: "x-request-id";
export declare function pathOf(target?: string): string;
export declare function logRequest(logger: Logger, req: IncomingMessage, res: ServerResponse, ip: string): string;

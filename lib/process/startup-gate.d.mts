export declare function publishStartup(checks: Promise<void>): void;
export declare function startupPassed(options?: { timeoutMs?: number; pollMs?: number }): Promise<void>;

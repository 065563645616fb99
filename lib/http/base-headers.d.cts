export declare function baseSecurityHeaders(production: boolean): Record<string, string>;

export declare function webConcurrency(raw: string | undefined, cores?: number): number | null;
export declare function processesOfThisServer(isWorker?: boolean, raw?: string): number;

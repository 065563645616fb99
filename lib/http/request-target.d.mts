export declare function originFormTarget(target: string, hostHeader: string | undefined): string | null;

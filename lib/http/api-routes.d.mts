export interface ApiRoute {
  route: string;
  pattern: RegExp;
  methods: string[];
}
export interface GateAnswer {
  status: number;
  body: { detail: string; code: string };
  headers: Record<string, string>;
}
export declare function scanApiRoutes(appDir: string): ApiRoute[];
export declare function allowedMethods(route: ApiRoute): string[];
export declare function apiGate(routes: ApiRoute[], method: string, pathname: string): GateAnswer | null;

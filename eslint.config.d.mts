import type { Linter } from "eslint";

export interface Zone {
  name: string;
  files: string[];
  ignores?: string[];
  patterns: { regex: string; message: string }[];
}

export declare const zones: Zone[];
export declare function zoneConfigs(enabled: Zone[]): Linter.Config[];
export declare function gatehouseConfig(enabled?: Zone[]): Linter.Config[];
declare const config: Linter.Config[];
export default config;

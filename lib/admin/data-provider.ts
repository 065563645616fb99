import type { DataProvider } from "react-admin";
import simpleRestProvider from "ra-data-simple-rest";
import type { HttpClient } from "./http-client";

export const API_URL = "/api";

export function createDataProvider(httpClient: HttpClient): DataProvider {
  return simpleRestProvider(API_URL, httpClient);
}

import { HttpError } from "@/lib/admin/http-error";

/** The server's word on a typed code (422 with `errors.code`), or what else went wrong. */
export function codeError(failure: unknown): string {
  const fields = failure instanceof HttpError ? (failure.body as { errors?: Record<string, string> } | null)?.errors : undefined;
  return fields?.code ?? (failure instanceof Error && failure.message ? failure.message : "That did not work.");
}

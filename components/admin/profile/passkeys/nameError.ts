import { HttpError } from "@/lib/admin/http-error";
import { passkeyProblem } from "@/lib/admin/passkey-errors";

/** The server's word on the name (422 with `errors.name`), or what else went wrong; null for a closed prompt. */
export function nameError(failure: unknown): string | null {
  const fields = failure instanceof HttpError ? (failure.body as { errors?: Record<string, string> } | null)?.errors : undefined;
  return fields?.name ?? passkeyProblem(failure, "add");
}

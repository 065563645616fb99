import { errorBodySchema } from "../contracts/auth";
import { HttpError } from "./http-error";

/** The server's RFC 9470 refusal: the token is fine, its proof is older than `maxAgeSeconds` allows. */
export interface StepUpRefusal {
  detail: string;
  maxAgeSeconds: number | null;
}

/**
 * The in-place "Confirm it's you": a request the server refused for an old proof opens it,
 * the dialog settles it. Requests refused while it is open share the one answer.
 */
export interface StepUp {
  current(): StepUpRefusal | null;
  /** Confirmed (true: send the request once more) or cancelled (false). */
  confirm(refusal: StepUpRefusal): Promise<boolean>;
  settle(confirmed: boolean): void;
  subscribe(listener: () => void): () => void;
}

export const NOT_CONFIRMED = "Not saved: confirmation needed.";

/** A request left undone because nobody confirmed: the session is fine and nothing was written. */
export const notConfirmedError = (refusal: StepUpRefusal) => new HttpError(NOT_CONFIRMED, 401, { detail: refusal.detail, code: "REAUTH_REQUIRED" });

/** The step-up refusal in a response, or null for any other answer (a plain 401 included). */
export async function stepUpRefusal(response: Response): Promise<StepUpRefusal | null> {
  if (response.status !== 401) return null;
  const parsed = errorBodySchema.safeParse(await response.clone().json().catch(() => null));
  if (!parsed.success || parsed.data.code !== "REAUTH_REQUIRED") return null;
  return { detail: parsed.data.detail, maxAgeSeconds: parsed.data.max_age ?? null };
}

export function createStepUp(): StepUp {
  let open: StepUpRefusal | null = null;
  let waiters: ((confirmed: boolean) => void)[] = [];
  const listeners = new Set<() => void>();
  const notify = () => [...listeners].forEach((listener) => listener());

  return {
    current: () => open,
    confirm(refusal) {
      const answer = new Promise<boolean>((resolve) => waiters.push(resolve));
      if (!open) {
        open = refusal;
        notify();
      }
      return answer;
    },
    settle(confirmed) {
      if (!open) return;
      open = null;
      const settled = waiters;
      waiters = [];
      settled.forEach((resolve) => resolve(confirmed));
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

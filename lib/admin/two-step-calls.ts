import type { Identifier } from "react-admin";
import { type MfaStatus, mfaStatusSchema, type RecoveryCodes, recoveryCodesSchema, type TotpEnrolment, totpEnrolmentSchema } from "../contracts/mfa";
import type { HttpClient } from "./http-client";

/**
 * Two-step verification from the dashboard. Each call but the status is a sensitive action:
 * an old proof is refused with REAUTH_REQUIRED and the http client asks in place (StepUpDialog).
 */
export interface TwoStepCalls {
  twoStepStatus(): Promise<MfaStatus>;
  /** A new pending secret; nothing is on until `confirmTotp`. */
  startTotp(): Promise<TotpEnrolment>;
  confirmTotp(code: string): Promise<RecoveryCodes>;
  disableTotp(code: string): Promise<void>;
  regenerateRecoveryCodes(): Promise<RecoveryCodes>;
  /** An admin's reset for someone who lost their phone: removes their TOTP and recovery codes and ends their logins. */
  resetSecondFactor(userId: Identifier): Promise<void>;
}

export function createTwoStepCalls(httpClient: HttpClient, api = "/api"): TwoStepCalls {
  const send = (url: string, method: string, body?: unknown) => httpClient(url, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return {
    async twoStepStatus() {
      return mfaStatusSchema.parse((await httpClient(`${api}/auth/me`)).json);
    },
    async startTotp() {
      return totpEnrolmentSchema.parse((await send(`${api}/account/totp`, "POST")).json);
    },
    async confirmTotp(code) {
      return recoveryCodesSchema.parse((await send(`${api}/account/totp/confirm`, "POST", { code })).json);
    },
    async disableTotp(code) {
      await send(`${api}/account/totp`, "DELETE", { code });
    },
    async regenerateRecoveryCodes() {
      return recoveryCodesSchema.parse((await send(`${api}/account/recovery-codes`, "POST")).json);
    },
    async resetSecondFactor(userId) {
      await send(`${api}/users/${encodeURIComponent(String(userId))}/mfa/reset`, "POST");
    },
  };
}

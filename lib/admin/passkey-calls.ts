import { type PublicKeyCredentialCreationOptionsJSON, type RegistrationResponseJSON, startRegistration } from "@simplewebauthn/browser";
import { z } from "zod";
import { type PasskeyRow, passkeyRowSchema, passkeyStatusSchema } from "../contracts/passkeys";
import type { HttpClient } from "./http-client";

/** The browser's "create a passkey" prompt, apart so tests can stand in for it. */
export type CreatePasskey = (optionsJSON: PublicKeyCredentialCreationOptionsJSON) => Promise<RegistrationResponseJSON>;

/** The creation options go to the browser as the server's library made them; only their envelope is checked. */
const creationOptionsSchema = z.looseObject({ challenge: z.string().min(1), rp: z.looseObject({}), user: z.looseObject({}) });

export const browserCreatePasskey: CreatePasskey = (optionsJSON) => startRegistration({ optionsJSON });

/**
 * Passkeys beyond the `account/passkeys` resource's list, rename and remove. Adding one is a
 * sensitive action: its options call may open "Confirm it's you" first (StepUpDialog).
 */
export interface PasskeyCalls {
  /** How many passkeys the signed-in person has, asked afresh (it changes in this page). */
  passkeyCount(): Promise<number>;
  /** Options from the server, the browser's prompt, then the new passkey saved under `name`. */
  addPasskey(name: string): Promise<PasskeyRow>;
}

export const PASSKEYS_RESOURCE = "account/passkeys";

export function createPasskeyCalls(httpClient: HttpClient, api = "/api", create: CreatePasskey = browserCreatePasskey): PasskeyCalls {
  return {
    async passkeyCount() {
      return passkeyStatusSchema.parse((await httpClient(`${api}/auth/me`)).json).passkeyCount;
    },
    async addPasskey(name) {
      const options = creationOptionsSchema.parse((await httpClient(`${api}/${PASSKEYS_RESOURCE}/options`, { method: "POST" })).json);
      const credential = await create(options as unknown as PublicKeyCredentialCreationOptionsJSON);
      const saved = await httpClient(`${api}/${PASSKEYS_RESOURCE}`, { method: "POST", body: JSON.stringify({ name, credential }) });
      return passkeyRowSchema.parse(saved.json);
    },
  };
}

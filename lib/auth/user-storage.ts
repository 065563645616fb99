import type { Role } from "../contracts/auth";
import type { NoticesFor } from "./notifications/storage";

/** The users the auth core signs in; lib/db implements it (see storage.ts). */
export interface UserRecord {
  id: number;
  username: string;
  email: string;
  fullName: string;
  passwordHash: string;
  role: Role;
  disabled: boolean;
  /** Changes with every new password: a login that checked an older one must not outlive it. */
  credentialVersion: number;
}

export interface UserStore {
  /** `username` must already be canonical (see canonicalUsername). */
  findByUsername(username: string): Promise<UserRecord | null>;
  findById(id: number): Promise<UserRecord | null>;
  /** Sets a new password hash and moves the credential version on, in one write (with `notices`, in their transaction). */
  setPasswordHash(id: number, passwordHash: string, notices?: NoticesFor<boolean>): Promise<void>;
}

import type { AuditRow } from "@/lib/contracts/audit";
import { wasSensitive } from "@/lib/contracts/sensitive-actions";
import { roleChoices } from "../users/roles";

type Value = string | number | boolean | null;

const REASONS: Record<string, string> = {
  bad_password: "wrong password",
  unknown_user: "no such user",
  disabled: "account disabled",
  deleted: "account deleted",
  absolute_cap: "reached the longest a session may last",
  idle: "unused for too long",
};
const SCOPES: Record<string, string> = { all: "every session", others: "every other session", current: "this session" };
const FIELDS: Record<string, string> = { fullName: "full name", email: "email" };
const METHODS: Record<string, string> = { pwd: "password", otp: "one-time code", pop: "passkey", mfa: "two factors" };
const roleName = (role: Value) => roleChoices.find((choice) => choice.id === role)?.name ?? String(role);
const seconds = (value: Value) => `${value} s`;

/** Each detail key as people read it, and how its value reads. */
const WORDS: Record<string, [label: string, value?: (value: Value) => string]> = {
  reason: ["Reason", (value) => REASONS[String(value)] ?? String(value)],
  retryAfter: ["Locked for", seconds],
  tokensRevoked: ["Tokens revoked"],
  otherSessionsRevoked: ["Other sessions ended"],
  scope: ["Ended", (value) => SCOPES[String(value)] ?? String(value)],
  cleared: ["Locks cleared"],
  kid: ["Key"],
  dropped: ["Old keys dropped"],
  role: ["Role", roleName],
  from: ["From", roleName],
  to: ["To", roleName],
  fields: ["Changed", (value) => String(value).split(",").map((field) => FIELDS[field] ?? field).join(", ")],
  rotatedSecondsAgo: ["Rotated", (value) => `${value} s before`],
  amr: ["Proved by", (value) => String(value).split(" ").map((method) => METHODS[method] ?? method).join(" and ")],
};

/** "tokensRevoked" a key this table does not know yet still reads as words: "tokens revoked". */
const spaced = (key: string) => key.replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().replace(/^./, (first) => first.toUpperCase());

/** An event's detail as label and value pairs in words, never raw keys; with its type, whether it needed a fresh proof. */
export function detailWords(detail: AuditRow["detail"], type?: string): [string, string][] {
  const words = Object.entries(detail ?? {}).map(([key, value]): [string, string] => {
    const [label, read] = WORDS[key] ?? [spaced(key)];
    return [label, read ? read(value) : String(value)];
  });
  return type !== undefined && wasSensitive(type, detail) ? [...words, ["Confirmation", "needed a recent sign-in"]] : words;
}

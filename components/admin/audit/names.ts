import { auditEventNames } from "@/lib/contracts/audit";

export const eventName = (type: string) => (auditEventNames as Record<string, string>)[type] ?? type;

export const eventChoices = Object.entries(auditEventNames).map(([id, name]) => ({ id, name }));

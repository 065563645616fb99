import { SimpleList } from "react-admin";
import type { AuditRow } from "@/lib/contracts/audit";
import { detailWords } from "./detail-words";
import { actorText, eventName } from "./names";

const detailText = (detail: AuditRow["detail"], type: string) => detailWords(detail, type).map(([label, value]) => `${label}: ${value}`).join(", ");
const actedBy = (record: AuditRow) => {
  const actor = actorText(record);
  return actor && !actor.startsWith("attempted") ? `by ${actor}` : actor;
};
const who = (record: AuditRow) => [actedBy(record), record.username && `concerns ${record.username}`, record.ip].filter(Boolean).join(" · ");

/** The audit trail on a phone: the event and when, then who, whom and from where, then its detail as one line. */
export function AuditSimpleList() {
  return (
    <SimpleList<AuditRow>
      rowClick={false}
      primaryText={(record) => <span data-testid="audit-event">{eventName(record.type)}</span>}
      secondaryText={(record) => `${new Date(record.at).toLocaleString()}${who(record) ? ` · ${who(record)}` : ""}`}
      tertiaryText={(record) => detailText(record.detail, record.type)}
    />
  );
}

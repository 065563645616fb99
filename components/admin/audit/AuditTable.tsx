import { DataTable, DateField, useListContext } from "react-admin";
import type { AuditRow } from "@/lib/contracts/audit";
import { RowsSkeleton } from "../layout/RowsSkeleton";
import { useIsSmall } from "../layout/useIsSmall";
import { AuditSimpleList } from "./AuditSimpleList";
import { DetailTable } from "./DetailTable";
import { actorText, eventName } from "./names";

export function AuditTable() {
  const isSmall = useIsSmall();
  const { isPending } = useListContext();
  if (isPending) return <RowsSkeleton rows={10} />;
  if (isSmall) return <AuditSimpleList />;
  return (
    <DataTable<AuditRow> bulkActionButtons={false} rowClick={false}>
      <DataTable.Col source="at" label="When">
        <DateField source="at" showTime />
      </DataTable.Col>
      <DataTable.Col source="type" label="Event" render={(record) => <span data-testid="audit-event">{eventName(record.type)}</span>} />
      <DataTable.Col source="actorUsername" label="By" disableSort render={(record: AuditRow) => actorText(record) ?? "—"} />
      <DataTable.Col source="username" label="Concerns" disableSort render={(record) => record.username ?? "—"} />
      <DataTable.Col source="ip" label="Address" disableSort render={(record) => record.ip ?? "—"} />
      <DataTable.Col source="detail" disableSort render={(record) => <DetailTable detail={record.detail} type={record.type} />} />
    </DataTable>
  );
}

import { Chip } from "@mui/material";
import { DataTable, DateField, useListContext } from "react-admin";
import type { SessionRow } from "@/lib/contracts/sessions";
import { RowsSkeleton } from "../layout/RowsSkeleton";
import { useIsSmall } from "../layout/useIsSmall";
import { EndSessionButton } from "./EndSessionButton";
import { SessionSimpleList } from "./SessionSimpleList";

/** Logins as rows: device, address, started, last active, and a badge on this device's own. */
export function SessionTable({ showUser = false }: { showUser?: boolean }) {
  const isSmall = useIsSmall();
  const { isPending } = useListContext();
  if (isPending) return <RowsSkeleton rows={3} />;
  if (isSmall) return <SessionSimpleList showUser={showUser} />;
  return (
    <DataTable<SessionRow> bulkActionButtons={false} rowClick={false}>
      {showUser && <DataTable.Col source="username" label="User" disableSort />}
      <DataTable.Col
        source="device"
        disableSort
        render={(record) => (
          <span data-testid="session-device">
            {record.device} {record.current && <Chip size="small" color="primary" label="This device" data-testid="this-device" />}
          </span>
        )}
      />
      <DataTable.Col source="ip" label="Address" disableSort render={(record) => record.ip ?? "unknown"} />
      <DataTable.Col source="createdAt" label="Started">
        <DateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="lastUsedAt" label="Last active">
        <DateField source="lastUsedAt" showTime />
      </DataTable.Col>
      <DataTable.Col label="" disableSort>
        <EndSessionButton />
      </DataTable.Col>
    </DataTable>
  );
}

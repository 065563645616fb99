import { Chip } from "@mui/material";
import { SimpleList } from "react-admin";
import type { SessionRow } from "@/lib/contracts/sessions";
import { EndSessionButton } from "./EndSessionButton";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

/** Logins on a phone: device and badge, then user, address and last activity, and the End button. */
export function SessionSimpleList({ showUser = false }: { showUser?: boolean }) {
  return (
    <SimpleList<SessionRow>
      rowClick={false}
      primaryText={(record) => (
        <span data-testid="session-device">
          {record.device} {record.current && <Chip size="small" color="primary" label="This device" data-testid="this-device" />}
        </span>
      )}
      secondaryText={(record) => `${showUser ? `${record.username} · ` : ""}${record.ip ?? "unknown"} · last active ${when(record.lastUsedAt)}`}
      rightIcon={() => <EndSessionButton />}
    />
  );
}

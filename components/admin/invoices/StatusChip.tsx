import { Chip, type ChipProps } from "@mui/material";
import type { InvoiceStatus } from "@/lib/contracts/invoice";
import { statusName } from "./statuses";

const looks: Record<InvoiceStatus, Pick<ChipProps, "color" | "variant">> = {
  draft: { color: "default", variant: "filled" },
  sent: { color: "primary", variant: "filled" },
  paid: { color: "success", variant: "filled" },
  void: { color: "default", variant: "outlined" },
};

export function StatusChip({ status }: { status: InvoiceStatus }) {
  return <Chip size="small" label={statusName(status)} data-testid="status-chip" {...looks[status]} />;
}

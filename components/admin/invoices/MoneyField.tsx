import { Typography } from "@mui/material";
import type { FC } from "react";
import { useRecordContext } from "react-admin";
import type { Invoice } from "@/lib/contracts/invoice";
import { formatMoney } from "./money";

/** `label` and `source` are read by the show layout around it. */
export const MoneyField: FC<{ label?: string; source?: string }> = () => {
  const record = useRecordContext<Invoice>();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2">
      {formatMoney(record.amountCents, record.currency)}
    </Typography>
  );
};

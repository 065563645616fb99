import { useCallback, useEffect, useState } from "react";
import { useDataProvider } from "react-admin";
import type { MfaStatus } from "@/lib/contracts/mfa";
import type { GatehouseDataProvider } from "@/lib/admin/data-provider";

/** Whether two-step is on and how many recovery codes are left, asked again after each change. */
export function useTwoStepStatus() {
  const dataProvider = useDataProvider<GatehouseDataProvider>();
  const [status, setStatus] = useState<MfaStatus | null>(null);
  const [failed, setFailed] = useState(false);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    dataProvider.twoStepStatus().then(
      (next) => live && (setStatus(next), setFailed(false)),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [dataProvider, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { status, failed, reload };
}

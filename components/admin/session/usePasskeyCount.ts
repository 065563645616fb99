import { useEffect, useState } from "react";
import { useDataProvider } from "react-admin";
import type { GatehouseDataProvider } from "@/lib/admin/data-provider";

/** How many passkeys the signed-in person has, asked when the caller mounts (it changes on Profile); 0 until known. */
export function usePasskeyCount(): number {
  const dataProvider = useDataProvider<GatehouseDataProvider>();
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    dataProvider.passkeyCount().then(
      (next) => live && setCount(next),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [dataProvider]);
  return count;
}

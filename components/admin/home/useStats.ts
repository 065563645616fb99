import { useEffect, useState } from "react";
import { useDataProvider } from "react-admin";
import type { GatehouseDataProvider } from "@/lib/admin/data-provider";

function useLoad<T>(load: (dataProvider: GatehouseDataProvider) => Promise<T>, key: string) {
  const dataProvider = useDataProvider<GatehouseDataProvider>();
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown }>({ key });
  useEffect(() => {
    let live = true;
    load(dataProvider).then(
      (data) => live && setState({ key, data }),
      (error: unknown) => live && setState({ key, error }),
    );
    return () => {
      live = false;
    };
    // `key` names what `load` fetches; a new closure for the same key must not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataProvider, key]);
  return state.key === key ? state : { key };
}

export const useSummary = () => useLoad((dataProvider) => dataProvider.summary(), "summary");

export const useActivity = (span: { hours: number } | { days: number }) => useLoad((dataProvider) => dataProvider.activity(span), JSON.stringify(span));

import { useEffect, useState } from "react";
import { commonPasswordSet } from "@/lib/contracts/password-policy";

let loading: Promise<ReadonlySet<string>> | undefined;

/** The server's common-password list, loaded once as its own chunk when a password hint first shows. */
export function useCommonPasswords(): ReadonlySet<string> | null {
  const [common, setCommon] = useState<ReadonlySet<string> | null>(null);
  useEffect(() => {
    let live = true;
    loading ??= import("@/data/common-passwords.json").then((list) => commonPasswordSet(list.default));
    void loading.then((set) => live && setCommon(set));
    return () => {
      live = false;
    };
  }, []);
  return common;
}

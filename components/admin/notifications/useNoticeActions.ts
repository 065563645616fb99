import { useDataProvider, useNotify, useRefresh } from "react-admin";
import { adminServices } from "@/lib/admin/browser";
import type { GatehouseDataProvider } from "@/lib/admin/data-provider";
import type { NotificationRow } from "@/lib/contracts/notifications";

/** Marking read and "this wasn't me", with the bell's count moved here and in the other tabs at once. */
export function useNoticeActions() {
  const dataProvider = useDataProvider<GatehouseDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { unread } = adminServices();
  const failed = (error: unknown) => notify(error instanceof Error ? error.message : "That did not work.", { type: "error" });

  return {
    async markAllRead() {
      try {
        await dataProvider.markNotificationsRead({ all: true });
        unread.set(0);
        refresh();
      } catch (error) {
        failed(error);
      }
    },
    /** True when the login was ended. */
    async notMe(notice: Pick<NotificationRow, "id" | "read">): Promise<boolean> {
      try {
        await dataProvider.notMe(notice.id);
        if (!notice.read) unread.set((unread.get() ?? 1) - 1);
        refresh();
        return true;
      } catch (error) {
        failed(error);
        return false;
      }
    },
  };
}

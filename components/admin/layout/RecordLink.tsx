import type { MouseEvent, ReactNode } from "react";
import { Link, useCreatePath, useRecordContext, useResourceContext } from "react-admin";

/**
 * The row's own link to its show page, so a keyboard reaches and opens the row (Tab, Enter)
 * the way a click on the row does.
 */
export function RecordLink({ children }: { children: ReactNode }) {
  const record = useRecordContext();
  const resource = useResourceContext();
  const createPath = useCreatePath();
  if (!record || !resource) return null;
  return (
    <Link to={createPath({ resource, id: record.id, type: "show" })} onClick={(event: MouseEvent) => event.stopPropagation()}>
      {children}
    </Link>
  );
}

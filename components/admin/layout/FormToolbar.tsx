import { DeleteButton, SaveButton, Toolbar } from "react-admin";

/**
 * Next's development indicator sits in the bottom-left corner (20 px in, 36 px wide), where a
 * phone's sticky form toolbar puts Save; in development that toolbar starts clear of it.
 */
const clearOfDevIndicator = process.env.NODE_ENV === "development" ? { "&.RaToolbar-mobileToolbar": { pl: 9 } } : {};

/** Save, and Delete (asking first) on edit forms. */
export function FormToolbar({ deletable = false }: { deletable?: boolean }) {
  return (
    <Toolbar sx={{ justifyContent: "space-between", ...clearOfDevIndicator }}>
      <SaveButton />
      {deletable && <DeleteButton mutationMode="pessimistic" />}
    </Toolbar>
  );
}

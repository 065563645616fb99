import LogoutIcon from "@mui/icons-material/Logout";
import { ListItemIcon, ListItemText, MenuItem } from "@mui/material";
import { forwardRef } from "react";
import { useGetIdentity, useLogout, UserMenu, useUserMenu } from "react-admin";

export function AccountMenu() {
  return (
    <UserMenu label="Account">
      <SignedInAs />
      <SignOutItem />
    </UserMenu>
  );
}

function SignedInAs() {
  const { identity } = useGetIdentity();
  if (!identity) return null;
  return (
    <MenuItem disabled data-testid="signed-in-as">
      <ListItemText primary={identity.fullName} secondary={`${identity.username} · ${identity.role}`} />
    </MenuItem>
  );
}

const SignOutItem = forwardRef<HTMLLIElement>(function SignOutItem(_props, ref) {
  const logout = useLogout();
  const menu = useUserMenu();
  return (
    <MenuItem
      ref={ref}
      onClick={() => {
        menu?.onClose();
        void logout(null, undefined, false);
      }}
    >
      <ListItemIcon>
        <LogoutIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>Sign out</ListItemText>
    </MenuItem>
  );
});

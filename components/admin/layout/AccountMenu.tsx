import LogoutIcon from "@mui/icons-material/Logout";
import SecurityIcon from "@mui/icons-material/Security";
import { ListItemIcon, ListItemText, MenuItem } from "@mui/material";
import { forwardRef } from "react";
import { useGetIdentity, useLogout, UserMenu, useUserMenu } from "react-admin";
import { useNavigate } from "react-router-dom";
import { SECURITY_ACTIVITY_PATH } from "../notifications/SecurityActivityPage";
import { useIsSmall } from "./useIsSmall";

/**
 * Where the button shows the user's name, its accessible name starts with that name (WCAG
 * 2.5.3), so "John Doe" finds it by voice; on a phone it is an icon named "Account".
 */
export function AccountMenu() {
  const { identity } = useGetIdentity();
  const isSmall = useIsSmall();
  return (
    <UserMenu label={identity?.fullName && !isSmall ? `${identity.fullName}, account` : "ra.auth.user_menu"}>
      <SignedInAs />
      <SecurityActivityItem />
      <SignOutItem />
    </UserMenu>
  );
}

function SignedInAs() {
  const { identity } = useGetIdentity();
  if (!identity) return null;
  return (
    // Disabled because there is nothing to do here; full opacity, or the dimmed line fails AA contrast.
    <MenuItem disabled data-testid="signed-in-as" sx={{ "&.Mui-disabled": { opacity: 1 } }}>
      <ListItemText primary={identity.fullName} secondary={`${identity.username} · ${identity.role}`} />
    </MenuItem>
  );
}

const SecurityActivityItem = forwardRef<HTMLLIElement>(function SecurityActivityItem(_props, ref) {
  const navigate = useNavigate();
  const menu = useUserMenu();
  return (
    <MenuItem
      ref={ref}
      onClick={() => {
        menu?.onClose();
        navigate(SECURITY_ACTIVITY_PATH);
      }}
    >
      <ListItemIcon>
        <SecurityIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>Security activity</ListItemText>
    </MenuItem>
  );
});

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

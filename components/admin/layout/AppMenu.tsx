import DevicesIcon from "@mui/icons-material/Devices";
import PersonIcon from "@mui/icons-material/Person";
import SecurityIcon from "@mui/icons-material/Security";
import { Menu } from "react-admin";
import { SECURITY_ACTIVITY_PATH } from "../notifications/SecurityActivityPage";

/** Resources appear only when the role may list them (canAccess); every user has their devices, security activity and profile. */
export function AppMenu() {
  return (
    <Menu>
      <Menu.DashboardItem primaryText="Home" />
      <Menu.ResourceItems />
      <Menu.Item to="/devices" primaryText="Your devices" leftIcon={<DevicesIcon />} />
      <Menu.Item to={SECURITY_ACTIVITY_PATH} primaryText="Security activity" leftIcon={<SecurityIcon />} />
      <Menu.Item to="/profile" primaryText="Profile" leftIcon={<PersonIcon />} />
    </Menu>
  );
}

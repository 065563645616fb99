import DevicesIcon from "@mui/icons-material/Devices";
import PersonIcon from "@mui/icons-material/Person";
import { Menu } from "react-admin";

/** Resources appear only when the role may list them (canAccess); every user has their devices and profile. */
export function AppMenu() {
  return (
    <Menu>
      <Menu.DashboardItem primaryText="Home" />
      <Menu.ResourceItems />
      <Menu.Item to="/devices" primaryText="Your devices" leftIcon={<DevicesIcon />} />
      <Menu.Item to="/profile" primaryText="Profile" leftIcon={<PersonIcon />} />
    </Menu>
  );
}

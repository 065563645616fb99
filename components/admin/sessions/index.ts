import DevicesIcon from "@mui/icons-material/Devices";
import { SessionList } from "./SessionList";

const sessions = { list: SessionList, icon: DevicesIcon, options: { label: "All sessions" } };

export default sessions;

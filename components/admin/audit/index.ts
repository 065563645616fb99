import HistoryIcon from "@mui/icons-material/History";
import { AuditList } from "./AuditList";

const auditEvents = { list: AuditList, icon: HistoryIcon, options: { label: "Audit log" } };

export default auditEvents;

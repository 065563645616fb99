import ReceiptIcon from "@mui/icons-material/ReceiptLong";
import { InvoiceCreate } from "./InvoiceCreate";
import { InvoiceEdit } from "./InvoiceEdit";
import { InvoiceList } from "./InvoiceList";
import { InvoiceShow } from "./InvoiceShow";

const invoices = {
  list: InvoiceList,
  show: InvoiceShow,
  create: InvoiceCreate,
  edit: InvoiceEdit,
  icon: ReceiptIcon,
  recordRepresentation: "number",
};

export default invoices;

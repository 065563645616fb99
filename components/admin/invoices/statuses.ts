import { invoiceStatusSchema } from "@/lib/contracts/invoice";

export const statusChoices = invoiceStatusSchema.options.map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1) }));

import { invoiceStatusSchema } from "@/lib/contracts/invoice";

export const statusChoices = invoiceStatusSchema.options.map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1) }));

export const statusName = (status: string) => statusChoices.find((choice) => choice.id === status)?.name ?? status;

import { z } from "zod";
import { storableInstant } from "./instant";
import { lineText } from "./text";

export const invoiceStatusSchema = z.enum(["draft", "sent", "paid", "void"]);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;

const isoDate = storableInstant();

export const invoiceSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  customer: z.string(),
  amountCents: z.number().int(),
  currency: z.string(),
  status: invoiceStatusSchema,
  issuedAt: z.string(),
  dueAt: z.string().nullable(),
  ownerId: z.number().int(),
  ownerUsername: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

/** A database id: the integer columns hold at most 2^31 - 1. */
export const MAX_ID = 2_147_483_647;
const recordId = z.number().int().min(1, "Not a valid id").max(MAX_ID, "Not a valid id");

const currency = z.string().regex(/^[A-Z]{3}$/, "Currency is a three-letter ISO code such as USD");

const invoiceFields = z.object({
  number: lineText().trim().min(1, "Number is required").max(40, "Number is too long").regex(/^[\w./-]+$/, "Use letters, digits, - _ . / only"),
  customer: lineText().trim().min(1, "Customer is required").max(200, "Customer is too long"),
  amountCents: z.number().int("Amount must be whole cents").min(0, "Amount cannot be negative").max(2_147_483_647, "Amount is too large"),
  currency,
  status: invoiceStatusSchema,
  issuedAt: isoDate,
  dueAt: isoDate.nullable().optional(),
  /** Honoured for admins only; everyone else owns what they create. */
  ownerId: recordId.optional(),
});
export const invoiceInputSchema = invoiceFields.extend({
  currency: currency.default("USD"),
  status: invoiceStatusSchema.default("draft"),
});
export type InvoiceInput = z.infer<typeof invoiceInputSchema>;

/**
 * Updates change only the fields they name (no defaults here, or a partial update would
 * reset them); react-admin sends the whole record, so unknown keys are dropped.
 */
export const invoiceUpdateSchema = invoiceFields
  .partial()
  .refine((update) => Object.values(update).some((value) => value !== undefined), "Nothing to update: send at least one invoice field");
export type InvoiceUpdate = z.infer<typeof invoiceUpdateSchema>;

export const invoiceSortFields = ["id", "number", "customer", "amountCents", "currency", "status", "issuedAt", "dueAt", "createdAt", "updatedAt", "ownerId"] as const;

export const invoiceFilterSchema = z
  .object({
    q: lineText().max(200).optional(),
    status: z.union([invoiceStatusSchema, z.array(invoiceStatusSchema).max(4)]).optional(),
    customer: lineText().max(200).optional(),
    ownerId: recordId.optional(),
    id: z.array(recordId).max(1000).optional(),
  })
  .strict();
export type InvoiceFilter = z.infer<typeof invoiceFilterSchema>;

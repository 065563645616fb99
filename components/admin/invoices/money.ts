/** Invoices store integer cents; people read and type amounts in the currency's units. */

/** `code` writes "USD 1,234.56": in a list mixing currencies, "$" alone would not say which dollar. */
export function formatMoney(amountCents: number, currency: string, locale?: string, display: "symbol" | "code" = "symbol"): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: display }).format(amountCents / 100);
  } catch {
    // A code Intl does not know still shows the amount.
    return `${(amountCents / 100).toFixed(2)} ${currency}`;
  }
}

export function centsToAmount(cents: unknown): string {
  return typeof cents === "number" && Number.isFinite(cents) ? String(cents / 100) : "";
}

export function amountToCents(amount: unknown): number | null {
  if (amount === "" || amount === null || amount === undefined) return null;
  const value = typeof amount === "number" ? amount : Number(amount);
  return Number.isFinite(value) ? Math.round(value * 100) : null;
}

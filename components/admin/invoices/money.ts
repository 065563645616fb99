/** Invoices store integer cents; people read and type amounts in the currency's units. */

/**
 * "USD 1,234.56", the one way amounts are shown, list and invoice alike: where currencies mix,
 * "$" alone would not say which dollar.
 */
export function formatMoney(amountCents: number, currency: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "code" }).format(amountCents / 100);
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

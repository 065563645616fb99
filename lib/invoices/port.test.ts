import { describe, expect, it, vi } from "vitest";

describe("InvoiceWriteRefused", () => {
  it("is recognised when another copy of the module made it, as another route's bundle does", async () => {
    const first = await import("./port");
    vi.resetModules();
    const second = await import("./port");
    expect(second.InvoiceWriteRefused).not.toBe(first.InvoiceWriteRefused);

    const refusal = new first.InvoiceWriteRefused("number_taken");
    expect(refusal instanceof second.InvoiceWriteRefused).toBe(false);
    expect(second.isInvoiceWriteRefused(refusal)).toBe(true);
    expect(second.isInvoiceWriteRefused(new Error("An invoice with this number already exists."))).toBe(false);
    expect(second.isInvoiceWriteRefused(null)).toBe(false);
  });
});

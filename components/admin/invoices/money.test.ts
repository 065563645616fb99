import { describe, expect, it } from "vitest";
import { amountToCents, centsToAmount, formatMoney } from "./money";

describe("money", () => {
  it("shows cents as an amount in the invoice's currency", () => {
    expect(formatMoney(123456, "USD", "en-US")).toBe("USD\u00a01,234.56");
    expect(formatMoney(500, "EUR", "en-US")).toBe("EUR\u00a05.00");
    expect(formatMoney(100, "XYZ", "en-US")).toMatch(/1\.00/);
  });

  it("converts typed amounts to whole cents without float drift", () => {
    expect(amountToCents("19.99")).toBe(1999);
    expect(amountToCents(0.1 + 0.2)).toBe(30);
    expect(amountToCents("")).toBeNull();
    expect(amountToCents("abc")).toBeNull();
    expect(centsToAmount(1999)).toBe("19.99");
    expect(centsToAmount(null)).toBe("");
  });
});

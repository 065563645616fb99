import { z } from "zod";

// The instants both databases store through Prisma, in UTC: a date written with an offset
// may cross into year 0 or 10000, which Prisma cannot write or compare (it answered 500).
const EARLIEST = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

/** An ISO date or instant (with its offset) inside the calendar the databases hold. */
export const storableInstant = () =>
  z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .refine((text) => {
      const time = Date.parse(text);
      return time >= EARLIEST && time <= LATEST;
    }, "Dates must fall between the years 1 and 9999 (UTC)");

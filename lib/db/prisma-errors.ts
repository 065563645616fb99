/**
 * Each generated client carries its own runtime, so a Prisma error from the PostgreSQL
 * client is not an instance of the SQLite client's class: recognise errors by code.
 */
export function prismaErrorCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  const name = (error as { name?: unknown }).name;
  return typeof code === "string" && typeof name === "string" && name.startsWith("PrismaClient") ? code : null;
}

/** A unique constraint refused the write (P2002). */
export const isUniqueViolation = (error: unknown) => prismaErrorCode(error) === "P2002";

import { env } from "../env";

// Imported once when the server starts: bad settings stop it here, not at the first request.
try {
  env();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

import { env } from "../env";
import { serverContext } from "./context";

/**
 * Runs once when the server starts: bad settings, or a database the server cannot use,
 * stop it here rather than at the first request. Also creates the first signing key.
 */
export async function startupChecks(): Promise<void> {
  try {
    env();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  try {
    await serverContext().config.accessToken.keys.signingKey(new Date());
  } catch (error) {
    const reason = error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error);
    fail(`The database is not ready (run \`npm run db:migrate\`): ${reason}`);
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

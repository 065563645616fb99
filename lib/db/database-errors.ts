/** How the rest of the server reads a database error, whichever engine threw it. */
export { databaseFault, errorKind, type DatabaseFault } from "./engine/driver-adapter/errors";
export type { ErrorKind } from "./engine/engine";

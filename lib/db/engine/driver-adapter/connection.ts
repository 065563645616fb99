import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export interface RememberingFactory extends SqlDriverAdapterFactory {
  /** The connection the client has open, if any: none before it connects and after it disposed one. */
  connected(): SqlDriverAdapter | undefined;
}

/**
 * A driver adapter factory that remembers the connection it opened last, so statements
 * sent straight to the adapter (statements.ts) go to the connection the client itself uses. The
 * client connects lazily and again after a $disconnect, and disposes the old connection
 * first, so the connection is forgotten when it is disposed.
 */
export function rememberConnection(factory: SqlDriverAdapterFactory): RememberingFactory {
  let connected: SqlDriverAdapter | undefined;
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        if (connected === adapter) connected = undefined;
        await dispose();
      };
      connected = adapter;
      return adapter;
    },
    connected: () => connected,
  };
}

/**
 * The connection `client` has open through `factory`, connecting the client first when it
 * has none: it connects lazily, and again after a $disconnect.
 */
export function openConnection(client: { $connect(): Promise<void> }, factory: RememberingFactory): () => Promise<SqlDriverAdapter> {
  return async () => {
    const current = factory.connected();
    if (current) return current;
    await client.$connect();
    const reconnected = factory.connected();
    if (!reconnected) throw new Error("the database client connected without a driver adapter connection");
    return reconnected;
  };
}

import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export interface RememberingFactory extends SqlDriverAdapterFactory {
  /** The connection the client has open, if any: none before it connects and after it disposed one. */
  connected(): SqlDriverAdapter | undefined;
}

/**
 * A driver adapter factory that remembers the connection it opened last, so the hot
 * statements (hot-statements.ts) can go to the connection the client itself uses. The
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

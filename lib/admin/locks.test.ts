import { describe, expect, it } from "vitest";
import { tabLocalLocks, webLocks } from "./locks";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

/** A single-tab stand-in for navigator.locks with the two request forms we call. */
function fakeLockManager() {
  let held = false;
  const waiting: (() => void)[] = [];
  async function run<T>(callback: (lock: unknown) => Promise<T>) {
    held = true;
    try {
      return await callback({});
    } finally {
      held = false;
      waiting.shift()?.();
    }
  }
  return {
    request<T>(_name: string, a: unknown, b?: (lock: unknown) => Promise<T>): Promise<T> {
      if (typeof a === "function") {
        const callback = a as (lock: unknown) => Promise<T>;
        if (!held) return run(callback);
        return new Promise<void>((resolve) => waiting.push(resolve)).then(() => run(callback));
      }
      return held ? b!(null) : run(b!);
    },
  };
}

describe.each([
  ["web locks", () => webLocks(fakeLockManager())],
  ["tab-local locks", () => tabLocalLocks()],
])("%s", (_name, make) => {
  it("runs one task at a time and tells a waiting task it was contended", async () => {
    const locks = make();
    const order: string[] = [];
    const gate = deferred();
    const first = locks.withLock("refresh", async (contended) => {
      order.push(`first contended=${contended}`);
      await gate.promise;
      order.push("first done");
      return 1;
    });
    const second = locks.withLock("refresh", async (contended) => {
      order.push(`second contended=${contended}`);
      return 2;
    });
    await Promise.resolve();
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(order).toEqual(["first contended=false", "first done", "second contended=true"]);
  });

  it("releases the lock when a task fails", async () => {
    const locks = make();
    await expect(locks.withLock("refresh", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await locks.withLock("refresh", async (contended) => contended)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { liveLoginView } from "./live-logins";
import type { LoginState } from "../storage";

const NOW = new Date("2026-11-30T12:00:00Z");
const CAP = new Date("2026-12-30T12:00:00Z");

/** The view over an in-memory table of logins and a signal the test moves, on a clock it sets. */
function harness() {
  const logins = new Map<string, LoginState>([["family", { userId: 7, role: "user", absoluteExpiresAt: CAP }]]);
  const state = { version: 1 as number | null, reads: 0, unreadable: false, clock: 0 };
  let releaseRead: (() => void) | null = null;
  const view = liveLoginView(
    {
      logins: {
        loginState: async (familyId: string) => {
          state.reads++;
          const answer = logins.get(familyId) ?? null;
          if (releaseRead) await new Promise<void>((resolve) => (releaseRead = resolve));
          return answer;
        },
      } as never,
      revocations: {
        version: async () => {
          if (state.unreadable) throw new Error("database unreachable");
          return state.version;
        },
      },
    },
    { monotonic: () => state.clock, pollAfterMs: 250, trustForMs: 750 },
  );
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  /** The next login read waits until the returned function is called. */
  const holdNextRead = () => {
    releaseRead = () => {};
    return () => {
      const release = releaseRead;
      releaseRead = null;
      release?.();
    };
  };
  return { view, logins, state, settle, holdNextRead };
}

describe("the live-login view", () => {
  it("answers from memory once the signal has been read, and reads the database before that", async () => {
    const { view, state, settle } = harness();
    expect(await view.find("family", NOW)).toEqual({ userId: 7, role: "user" });
    await settle();
    expect(await view.find("family", NOW)).toEqual({ userId: 7, role: "user" });
    expect(await view.find("family", NOW)).toEqual({ userId: 7, role: "user" });
    expect(state.reads).toBe(2);
  });

  it("drops what it remembers when the signal moves, so a revocation elsewhere is refused", async () => {
    const { view, logins, state, settle } = harness();
    await view.find("family", NOW);
    await settle();
    await view.find("family", NOW);
    logins.delete("family");
    state.version = 2;
    state.clock = 300;
    await view.find("family", NOW);
    await settle();
    expect(await view.find("family", NOW)).toBeNull();
  });

  it("never answers from memory once the last look at the signal began more than the bound ago", async () => {
    const { view, logins, state, settle } = harness();
    await view.find("family", NOW);
    await settle();
    await view.find("family", NOW);
    logins.delete("family");
    state.unreadable = true;
    state.clock = 751;
    expect(await view.find("family", NOW)).toBeNull();
  });

  it("forgets at once when this instance writes a revocation", async () => {
    const { view, logins, settle } = harness();
    await view.find("family", NOW);
    await settle();
    await view.find("family", NOW);
    logins.delete("family");
    view.forget();
    expect(await view.find("family", NOW)).toBeNull();
  });

  it("does not remember an answer read before a drop", async () => {
    const { view, logins, state, settle, holdNextRead } = harness();
    logins.set("other", { userId: 8, role: "admin", absoluteExpiresAt: CAP });
    await view.find("family", NOW);
    await settle();
    const release = holdNextRead();
    const inFlight = view.find("other", NOW);
    // While that read is on its way, this instance revokes the login.
    logins.delete("other");
    view.forget();
    release();
    expect(await inFlight).toEqual({ userId: 8, role: "admin" });
    expect(await view.find("other", NOW)).toBeNull();
    expect(state.reads).toBe(3);
  });

  it("refuses a remembered login once its absolute cap has passed", async () => {
    const { view, settle } = harness();
    await view.find("family", NOW);
    await settle();
    await view.find("family", NOW);
    expect(await view.find("family", CAP)).toBeNull();
  });

  it("reads the database for every request while the database keeps no signal", async () => {
    const { view, state, settle } = harness();
    state.version = null;
    await view.find("family", NOW);
    await settle();
    await view.find("family", NOW);
    await view.find("family", NOW);
    expect(state.reads).toBe(3);
  });
});

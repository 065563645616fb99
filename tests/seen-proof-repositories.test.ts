import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthStorage } from "@/lib/auth/storage";
import { prismaStorage } from "@/lib/db/storage";
import { type Provisioned, provision } from "./helpers/provision";

/** The seen DPoP proofs' storage contract, run against every database engine (one Vitest project per engine). */
let database: Provisioned;
let store: AuthStorage;
let second: AuthStorage;
beforeAll(async () => {
  database = await provision();
  store = prismaStorage(database);
  // Another process's stores on the same database: its own prune clock.
  second = prismaStorage(database);
});
afterAll(() => database.dispose());

const now = new Date("2026-12-07T12:00:00Z");
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe("taking a DPoP proof once", () => {
  it("takes an id once, on any instance, and others independently", async () => {
    const id = randomUUID();
    expect(await store.seenProofs.claim(id, later(61), now)).toBe(true);
    expect(await store.seenProofs.claim(id, later(61), now)).toBe(false);
    expect(await second.seenProofs.claim(id, later(61), now)).toBe(false);
    expect(await second.seenProofs.claim(randomUUID(), later(61), now)).toBe(true);
  });

  it("lets exactly one of many concurrent takes of one id win", async () => {
    const id = randomUUID();
    const takes = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? second : store).seenProofs.claim(id, later(61), now)));
    expect(takes.filter(Boolean)).toHaveLength(1);
  });

  it("prunes rows past their window, keeping the live ones", async () => {
    const stale = randomUUID();
    const live = randomUUID();
    await store.seenProofs.claim(stale, later(61), now);
    await store.seenProofs.claim(live, later(200), later(1));
    const seen = () => database.db.seenDpopProof.findMany({ where: { id: { in: [stale, live] } }, select: { id: true } });
    expect(await seen()).toHaveLength(2);
    await store.seenProofs.claim(randomUUID(), later(300), later(120));
    expect((await seen()).map((row) => row.id)).toEqual([live]);
  });
});

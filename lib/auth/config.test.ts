import { describe, expect, it } from "vitest";
import { provision } from "@/tests/helpers/provision";
import { prismaStorage } from "../db/storage";
import { authSettings, parseEnv } from "../env";
import { signAccessToken, verifyAccessToken } from "./tokens/access-token";
import { authConfig } from "./config";

const secret = "s".repeat(40);
const signingKeys = async () => prismaStorage(await provision()).signingKeys;
const subject = { userId: 1, familyId: "f", role: "user" as const, username: "janedoe", authTime: 1_700_000_000, amr: ["pwd"] };

describe("JWT_ALG", () => {
  it("defaults to EdDSA with published keys", async () => {
    const config = authConfig(authSettings(parseEnv({ JWT_SECRET: secret })), await signingKeys());
    expect(config.accessToken.keys.algorithms).toEqual(["EdDSA"]);
    expect((await config.accessToken.keys.publicJwks(new Date())).keys).toHaveLength(1);
  });

  it("HS256 signs and verifies with a key derived from JWT_SECRET and publishes nothing", async () => {
    const config = authConfig(authSettings(parseEnv({ JWT_SECRET: secret, JWT_ALG: "HS256" })), await signingKeys());
    expect(config.accessToken.keys.algorithms).toEqual(["HS256"]);
    expect((await config.accessToken.keys.publicJwks(new Date())).keys).toEqual([]);
    const now = new Date();
    const { token } = await signAccessToken(subject, config.accessToken, now);
    expect(JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString())).toMatchObject({ alg: "HS256", kid: expect.stringMatching(/^hs256-/) });
    expect(await verifyAccessToken(token, config.accessToken, now)).toMatchObject({ sub: "1" });
    const other = authConfig(authSettings(parseEnv({ JWT_SECRET: "t".repeat(40), JWT_ALG: "HS256" })), await signingKeys());
    expect(await verifyAccessToken(token, other.accessToken, now)).toBeNull();
  });

  it("refuses an algorithm outside the list", () => {
    expect(() => parseEnv({ JWT_SECRET: secret, JWT_ALG: "none" })).toThrow(/JWT_ALG/);
  });
});

import { expect } from "@playwright/test";
import { gatehouseTest } from "../gatehouse-fixture";

/** Two tests of one worker with an admin and a per-worker user; the spec that runs this checks what the worker left behind. */
const test = gatehouseTest({
  accounts: { admin: { username: "johndoe", password: "secret" } },
  workerUsers: { prefix: process.env.LIFECYCLE_PREFIX },
});

for (const n of [1, 2]) {
  test(`test ${n}: an admin and this worker's own user, side by side`, async ({ asAdmin, asWorkerUser, workerUser }) => {
    test.info().annotations.push({ type: "worker-user", description: workerUser.username });
    await asAdmin.goto("/admin#/users");
    await asAdmin.getByPlaceholder("Username, name or email").fill(workerUser.username);
    await expect(asAdmin.locator("main table tbody tr")).toHaveCount(1);
    await expect(asAdmin.locator("main table tbody tr")).toContainText(workerUser.username);

    await asWorkerUser.goto("/admin#/");
    await expect(asWorkerUser.getByRole("button", { name: "Account" })).toHaveAccessibleName(new RegExp(`^${workerUser.fullName}\\b`));
    await expect(asWorkerUser.getByRole("menuitem", { name: "Users", exact: true })).toHaveCount(0);
  });
}

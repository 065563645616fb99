// Run as a process of its own (see lost-answer-crash.test.ts): one refresh through the real
// route handler, against the database in DATABASE_URL, then SIGKILL before any byte of the
// answer leaves: a crash between the rotation's commit and its answer.
import * as refreshRoute from "@/app/api/auth/refresh-token/route";

async function main(cookie: string | undefined) {
  if (!cookie) throw new Error("usage: crash-after-refresh <Cookie header>");
  await refreshRoute.POST(new Request("http://localhost:3000/api/auth/refresh-token", { method: "POST", headers: { cookie } }));
  process.kill(process.pid, "SIGKILL");
}

void main(process.argv[2]);

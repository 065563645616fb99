import type { APIRequest, BrowserContext } from "@playwright/test";

export interface Account {
  username: string;
  password: string;
}

/** Cookies only: the session is the refresh cookie, and a test's UI state should not leak into the next. */
export interface CookieState {
  cookies: Awaited<ReturnType<BrowserContext["cookies"]>>;
  origins: [];
}

export interface Endpoint {
  baseURL: string;
  /** Where the token, refresh-token and logout endpoints live. */
  authPath: string;
}

// A refresh the server could not serve wrote nothing: the same cookie may be sent again.
const TRANSIENT = new Set([429, 502, 503, 504]);
const ATTEMPTS = 3;

/**
 * One login, handed from test to test inside a worker like a baton: only one holder at a
 * time, and each holder gives back the cookie it ended with. A refresh token rotates on every
 * use, so presenting one that a later holder already moved past is reuse, which ends the login.
 */
export class SharedLogin {
  private state: CookieState | null = null;

  constructor(
    private readonly http: APIRequest,
    readonly endpoint: Endpoint,
    readonly account: Account,
  ) {}

  /**
   * The cookies the next holder starts from, moved on once through the API so the login is
   * known to be live. A login a test ended (signed out, revoked) is replaced by a new sign-in,
   * and `onNewSignIn` says why.
   */
  async take(onNewSignIn: (why: string) => void = () => undefined): Promise<CookieState> {
    return (await this.renew(onNewSignIn)).state;
  }

  /** What the holder's browser ended with; `null` when it could not be read, so the next holder signs in afresh. */
  giveBack(state: CookieState | null): void {
    this.state = state;
  }

  /** A fresh access token for API calls, moving the login on: only for a login no browser holds. */
  async accessToken(): Promise<string> {
    return (JSON.parse((await this.renew()).body) as { access_token: string }).access_token;
  }

  /** Ends the login on the server, as signing out does. */
  async signOut(): Promise<void> {
    if (!this.state) return;
    const answer = await this.post("logout", this.state);
    this.state = null;
    if (answer.status !== 204) throw failure(`sign-out of ${this.account.username}`, answer);
  }

  private async renew(onNewSignIn: (why: string) => void = () => undefined): Promise<Answer> {
    if (this.state) {
      const answer = await this.post("refresh-token", this.state);
      if (answer.status === 200) return this.keep(answer);
      if (answer.status !== 401) throw failure(`refresh for ${this.account.username}`, answer);
      onNewSignIn(`the login of ${this.account.username} had ended (its refresh answered 401), so the fixture signed in again`);
    }
    const answer = await this.post("token", null, { username: this.account.username, password: this.account.password });
    if (answer.status !== 200) throw failure(`sign-in of ${this.account.username}`, answer);
    return this.keep(answer);
  }

  private keep(answer: Answer): Answer {
    this.state = answer.state;
    return answer;
  }

  /** One call in a request context of its own, started from `state`, and the cookies it ended with. */
  private async post(endpoint: string, state: CookieState | null, data?: Account): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      const request = await this.http.newContext({ baseURL: this.endpoint.baseURL, storageState: state ?? undefined });
      try {
        const response = await request.post(`${this.endpoint.authPath}/${endpoint}`, data ? { data } : {});
        if (!TRANSIENT.has(response.status()) || attempt === ATTEMPTS) {
          const { cookies } = await request.storageState();
          return { status: response.status(), body: await response.text(), state: { cookies, origins: [] } };
        }
        await wait(Number(response.headers()["retry-after"]) || 1);
      } finally {
        await request.dispose();
      }
    }
  }
}

interface Answer {
  status: number;
  body: string;
  state: CookieState;
}

const wait = (seconds: number) => new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 10) * 1000));

const failure = (what: string, answer: Answer) => new Error(`Gatehouse fixture: ${what} answered ${answer.status}: ${answer.body.slice(0, 300)}`);

/**
 * The flow's own decisions (ordering, stale answers, the server ending a session), driven through
 * a client whose answers the test releases one by one. The same flow against the real proxy and
 * SDK is in `session-flow.proxy.test.ts`.
 */
import { StAuthError, StNetworkError, StRateLimitError } from '@st/client';
import { BehaviorSubject, filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { LoginProblem, SESSION_ENDED } from './login-problems.ts';
import { type SessionClient, SessionFlow } from './session-flow.ts';
import { Phase, type SessionView, type SignedInUser } from './session-view.ts';

const alice: SignedInUser = { id: 'alice', displayName: 'Alice' };

/** A promise the test settles when it wants, to order answers as a slow network would. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

class ScriptedClient implements SessionClient {
  readonly state$ = new BehaviorSubject<{ status: string }>({ status: 'idle' });
  readonly logins: { userId: string; password: string; answer: ReturnType<typeof deferred<SignedInUser>> }[] =
    [];
  resumeAnswer = deferred<SignedInUser | null>();
  logoutAnswer = deferred<void>();

  login(userId: string, password: string): Promise<SignedInUser> {
    const answer = deferred<SignedInUser>();
    this.logins.push({ userId, password, answer });
    return answer.promise;
  }
  resume(): Promise<SignedInUser | null> {
    return this.resumeAnswer.promise;
  }
  logout(): Promise<void> {
    return this.logoutAnswer.promise;
  }
}

function until(flow: SessionFlow, phase: SessionView['phase']): Promise<SessionView> {
  return firstValueFrom(flow.view$.pipe(filter((v) => v.phase === phase)));
}

describe('SessionFlow', () => {
  it('resumes a cookie session on start, so a reload stays logged in', async () => {
    const client = new ScriptedClient();
    const flow = new SessionFlow(client);
    expect(flow.view.phase).toBe(Phase.Resuming);
    void flow.start();
    client.resumeAnswer.resolve(alice);
    expect(await until(flow, Phase.SignedIn)).toEqual({ phase: Phase.SignedIn, user: alice });
  });

  it('shows the form without a complaint when there is no session', async () => {
    const client = new ScriptedClient();
    const flow = new SessionFlow(client);
    void flow.start();
    client.resumeAnswer.resolve(null);
    expect(await until(flow, Phase.SignedOut)).toEqual({ phase: Phase.SignedOut });
  });

  it('says so up front when the server cannot be reached on load', async () => {
    const client = new ScriptedClient();
    const flow = new SessionFlow(client);
    void flow.start();
    client.resumeAnswer.reject(new StNetworkError('ST_ERR_NETWORK', 0, 'fetch failed'));
    const view = await until(flow, Phase.SignedOut);
    expect(view.phase === Phase.SignedOut && view.problem?.text).toMatch(/cannot be reached/);
  });

  it('logs in with a trimmed user id and ignores a second press while the first is in flight', async () => {
    const client = new ScriptedClient();
    const flow = new SessionFlow(client);
    void flow.start();
    client.resumeAnswer.resolve(null);
    await until(flow, Phase.SignedOut);

    const first = flow.login(' alice ', 'demo');
    expect(flow.view).toEqual({ phase: Phase.SigningIn, userId: 'alice' });
    void flow.login('alice', 'demo');
    expect(client.logins).toHaveLength(1);
    expect(client.logins[0]?.userId).toBe('alice');

    client.logins[0]?.answer.resolve(alice);
    await first;
    expect(flow.view).toEqual({ phase: Phase.SignedIn, user: alice });
  });

  it('keeps the form up with the reason in words when the login is refused', async () => {
    const client = new ScriptedClient();
    const flow = new SessionFlow(client);
    void flow.start();
    client.resumeAnswer.resolve(null);
    await until(flow, Phase.SignedOut);

    const wrong = flow.login('alice', 'nope');
    client.logins[0]?.answer.reject(new StAuthError('ST_ERR_BAD_CREDENTIALS', 401, 'wrong'));
    await wrong;
    expect(flow.view.phase === Phase.SignedOut && flow.view.problem).toEqual({
      kind: LoginProblem.BadCredentials,
      text: expect.stringMatching(/wrong/),
    });

    const limited = flow.login('alice', 'nope');
    client.logins[1]?.answer.reject(new StRateLimitError('ST_ERR_RATE_LIMITED', 429, 'slow down', 90_000));
    await limited;
    expect(flow.view.phase === Phase.SignedOut && flow.view.problem?.text).toMatch(/Wait 2 minutes/);
  });

  it('returns to the form, saying why, when the server ends the session', async () => {
    const client = new ScriptedClient();
    const flow = new SessionFlow(client);
    void flow.start();
    client.resumeAnswer.resolve(alice);
    await until(flow, Phase.SignedIn);

    client.state$.next({ status: 'unauthenticated' });
    expect(flow.view).toEqual({ phase: Phase.SignedOut, problem: SESSION_ENDED });
  });

  it('ignores the unauthenticated state of a client nobody is logged in to', async () => {
    const client = new ScriptedClient();
    const flow = new SessionFlow(client);
    void flow.start();
    client.resumeAnswer.resolve(null);
    await until(flow, Phase.SignedOut);
    client.state$.next({ status: 'unauthenticated' });
    expect(flow.view).toEqual({ phase: Phase.SignedOut });
  });

  it('logs out locally even when the server cannot be told', async () => {
    const client = new ScriptedClient();
    const flow = new SessionFlow(client);
    void flow.start();
    client.resumeAnswer.resolve(alice);
    await until(flow, Phase.SignedIn);

    const out = flow.logout();
    expect(flow.view).toEqual({ phase: Phase.SigningOut, user: alice });
    client.logoutAnswer.reject(new StNetworkError('ST_ERR_NETWORK', 0, 'offline'));
    await out;
    expect(flow.view).toEqual({ phase: Phase.SignedOut });
  });
});

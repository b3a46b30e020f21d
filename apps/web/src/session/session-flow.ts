/**
 * The login flow of the hosted client, without a DOM: resume the cookie session on load, log in,
 * log out, and drop back to the login form when the server ends the session. Views subscribe to
 * `view$` and call the methods; nothing here knows about elements.
 */
import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import { describeLoginFailure, describeResumeFailure, SESSION_ENDED } from './login-problems.ts';
import { Phase, type SessionView, type SignedInUser } from './session-view.ts';

/** The part of the SDK's client the flow drives (the SDK's `StClient` has all of it). */
export interface SessionClient {
  readonly state$: Observable<{ status: string }>;
  login(userId: string, password: string): Promise<SignedInUser>;
  resume(): Promise<SignedInUser | null>;
  logout(): Promise<void>;
}

export class SessionFlow {
  readonly #view: BehaviorSubject<SessionView>;
  readonly #client: SessionClient;
  #stateSubscription: Subscription | undefined;

  constructor(client: SessionClient) {
    this.#client = client;
    this.#view = new BehaviorSubject<SessionView>({ phase: Phase.Resuming });
  }

  get view$(): Observable<SessionView> {
    return this.#view.asObservable();
  }

  get view(): SessionView {
    return this.#view.value;
  }

  /** Start: a reload keeps the person logged in when the session cookie is still good. */
  async start(): Promise<void> {
    if (this.view.phase !== Phase.Resuming) return;
    this.#watchConnection();
    try {
      const user = await this.#client.resume();
      this.#set(user ? { phase: Phase.SignedIn, user } : { phase: Phase.SignedOut });
    } catch (error) {
      const problem = describeResumeFailure(error);
      this.#set(problem ? { phase: Phase.SignedOut, problem } : { phase: Phase.SignedOut });
    }
  }

  /** Log in with a user id and password; a failure leaves the form up with the reason in words. */
  async login(userId: string, password: string): Promise<void> {
    // Only from the form: a second press while one login is in flight does nothing. Every action
    // is allowed from one phase alone, so answers can never arrive out of turn.
    if (this.view.phase !== Phase.SignedOut) return;
    const trimmedId = userId.trim();
    this.#set({ phase: Phase.SigningIn, userId: trimmedId });
    try {
      const user = await this.#client.login(trimmedId, password);
      this.#set({ phase: Phase.SignedIn, user });
    } catch (error) {
      this.#set({ phase: Phase.SignedOut, problem: describeLoginFailure(error) });
    }
  }

  /** Log out. The form comes back even when the server cannot be told (the cookie is then stale). */
  async logout(): Promise<void> {
    const view = this.view;
    if (view.phase !== Phase.SignedIn) return;
    this.#set({ phase: Phase.SigningOut, user: view.user });
    try {
      await this.#client.logout();
    } catch {
      // Logging out locally matters more than telling the server; its session expires by itself.
    }
    this.#set({ phase: Phase.SignedOut });
  }

  dispose(): void {
    this.#stateSubscription?.unsubscribe();
    this.#stateSubscription = undefined;
    this.#view.complete();
  }

  /** The server ending the session (expiry, logout elsewhere) shows the form again, saying why. */
  #watchConnection(): void {
    this.#stateSubscription ??= this.#client.state$.subscribe((state) => {
      if (state.status !== 'unauthenticated' || this.view.phase !== Phase.SignedIn) return;
      this.#set({ phase: Phase.SignedOut, problem: SESSION_ENDED });
    });
  }

  #set(view: SessionView): void {
    if (!this.#view.closed) this.#view.next(view);
  }
}

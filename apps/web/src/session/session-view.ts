/**
 * What the hosted client shows, as data: which screen, and what that screen needs. The views only
 * render a `SessionView`; every change to it goes through `SessionFlow`.
 */
import type { LoginNotice } from './login-problems.ts';

/** Who is logged in, as the server names them. */
export interface SignedInUser {
  id: string;
  displayName: string;
}

export const Phase = {
  /** Asking the server whether the cookie still holds a session (the reload path). */
  Resuming: 'resuming',
  SignedOut: 'signed-out',
  SigningIn: 'signing-in',
  SignedIn: 'signed-in',
  SigningOut: 'signing-out',
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export type SessionView =
  | { phase: typeof Phase.Resuming }
  /** `problem` is what the login form's alert says (a failed login, an ended session). */
  | { phase: typeof Phase.SignedOut; problem?: LoginNotice | undefined }
  | { phase: typeof Phase.SigningIn; userId: string }
  | { phase: typeof Phase.SignedIn; user: SignedInUser }
  | { phase: typeof Phase.SigningOut; user: SignedInUser };

export const APP_NAME = 'st-proxy';

/**
 * The document title for a view, so tabs and screen-reader users can tell where they are; unread
 * messages come first, as "(3)", so they show in a narrow browser tab.
 */
export function documentTitle(view: SessionView, unread = 0): string {
  const count =
    unread > 0 && (view.phase === Phase.SignedIn || view.phase === Phase.SigningOut) ? `(${unread}) ` : '';
  return count + baseTitle(view);
}

function baseTitle(view: SessionView): string {
  switch (view.phase) {
    case Phase.Resuming:
      return APP_NAME;
    case Phase.SignedOut:
    case Phase.SigningIn:
      return `Log in · ${APP_NAME}`;
    case Phase.SignedIn:
    case Phase.SigningOut:
      return `${view.user.displayName} · ${APP_NAME}`;
  }
}

/** Whether the login form is on screen (it stays mounted while a login is in flight). */
export function showsLoginForm(view: SessionView): boolean {
  return view.phase === Phase.SignedOut || view.phase === Phase.SigningIn;
}

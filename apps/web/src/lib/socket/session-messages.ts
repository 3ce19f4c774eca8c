/**
 * Why a browser's session (and with it its /ui socket, terminals and log follows) ended. The
 * server sends `session.ended` to the affected sockets just before it disconnects them; the
 * browser shows the message where the terminal or log follow was.
 */
export const sessionEndReasons = [
  'logged-out',
  'password-changed',
  'password-reset',
  'role-changed',
  'disabled',
  'deleted',
  'expired',
  'ended',
] as const;
export type SessionEndReason = (typeof sessionEndReasons)[number];

export interface SessionEndedEvent {
  reason: SessionEndReason;
  message: string;
}

const messages: Readonly<Record<SessionEndReason, string>> = {
  'logged-out': 'session ended: logged out',
  'password-changed': 'session ended: the password was changed',
  'password-reset': 'session ended: an admin reset the password',
  'role-changed': 'your role changed',
  disabled: 'session ended: the account was disabled',
  deleted: 'session ended: the account was deleted',
  expired: 'session ended: expired',
  ended: 'session ended',
};

export function sessionEndMessage(reason: SessionEndReason): string {
  return messages[reason];
}

/** Whether the browser must sign in again (false: the session lives on, only reload). */
export function signedOut(reason: SessionEndReason): boolean {
  return reason !== 'role-changed';
}

/** Error details of an API or socket refusal while the user must still change their password. */
export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

/**
 * Getting the person's attention for a message that arrives while they look elsewhere: a desktop
 * notification (once they allowed it, asked from a button they pressed) and a short sound (when
 * their `sound` preference says so), only while the page is hidden. The decision is a plain
 * function; the browser parts are behind small seams so the decision is tested on its own.
 */
import type { IncomingMessage, Preferences } from '@st/client';

export interface AttentionContext {
  hidden: boolean;
  permission: NotificationPermission | 'unsupported';
  preferences: Pick<Preferences, 'sound'> | undefined;
}

export interface AttentionPlan {
  notify: boolean;
  sound: boolean;
}

/** What to do for a message from someone else. */
export function attentionFor(context: AttentionContext): AttentionPlan {
  if (!context.hidden) return { notify: false, sound: false };
  return {
    notify: context.permission === 'granted',
    sound: context.preferences?.sound ?? true,
  };
}

/** What the notification says: who wrote, in which conversation, and the words (shortened). */
export function notificationText(incoming: IncomingMessage, myId: string): { title: string; body: string } {
  const { message, conversation } = incoming;
  const nway = conversation?.kind === 'nway';
  const where = nway
    ? (conversation?.topic ??
      conversation?.participants
        .filter((p) => p.id !== myId)
        .map((p) => p.displayName)
        .join(', '))
    : '';
  const title = nway && where ? `${message.from.displayName} in ${where}` : message.from.displayName;
  const text = message.text.replace(/\s+/g, ' ').trim();
  return { title, body: text.length > 140 ? `${text.slice(0, 139)}…` : text };
}

export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks for permission; call it from a click (browsers ignore requests made without one). */
export async function askForNotifications(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

let audio: AudioContext | undefined;

/** Two soft tones made on the spot (no sound file, so nothing for the page's CSP to allow). */
export function playChime(): void {
  const Context = globalThis.AudioContext;
  if (!Context) return;
  try {
    audio ??= new Context();
    const now = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.12, 1320],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + offset);
      gain.gain.exponentialRampToValueAtTime(0.15, now + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.25);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(now + offset);
      oscillator.stop(now + offset + 0.3);
    }
  } catch {
    // No sound is no failure.
  }
}

/** Shows a notification; clicking it brings the page forward and opens the conversation. */
export function showNotification(
  text: { title: string; body: string },
  tag: string,
  onClick: () => void,
): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const notification = new Notification(text.title, { body: text.body, tag });
    notification.onclick = () => {
      globalThis.focus?.();
      onClick();
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker: the sound and title remain.
  }
}

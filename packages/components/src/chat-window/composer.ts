/**
 * The message box: Enter sends, Shift+Enter breaks the line; typing is announced (throttled by
 * the SDK) and withdrawn when the box is emptied or the message sent; a message over the limit is
 * said before it could be sent.
 */
import {
  type ConversationHandle,
  isSendableText,
  LIMITS,
  messageCharacters,
  StValidationError,
} from '@st/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { composerKey } from './transcript-items.ts';

export class ChatComposer implements ReactiveController {
  /** What is typed, kept across re-renders. */
  draft = '';
  /** Why the draft cannot be sent ('' when it can, or is empty). */
  problem = '';

  constructor(
    private readonly host: ReactiveControllerHost & { scroller: { toBottom(): void } },
    private readonly handle: () => ConversationHandle | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.handle()?.setTyping(false);
  }

  onInput(event: Event): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    const over = messageCharacters(this.draft) - LIMITS.messageLength;
    const problem =
      over > 0
        ? `${over.toLocaleString('en')} characters over the limit of ${LIMITS.messageLength.toLocaleString('en')}.`
        : '';
    if (problem !== this.problem) {
      this.problem = problem;
      this.host.requestUpdate();
    }
    this.handle()?.setTyping(this.draft.trim().length > 0);
  }

  onKeydown(event: KeyboardEvent): void {
    if (composerKey(event) !== 'send') return;
    event.preventDefault();
    this.send(event.target as HTMLTextAreaElement);
  }

  onSubmit(event: Event): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const box = form.querySelector('textarea');
    if (box) this.send(box);
    box?.focus();
  }

  private send(box: HTMLTextAreaElement): void {
    const handle = this.handle();
    const text = box.value;
    if (!handle || !isSendableText(text)) return;
    this.draft = '';
    box.value = '';
    this.problem = '';
    this.host.scroller.toBottom();
    this.host.requestUpdate();
    handle.send(text).catch((error: unknown) => {
      // Refusals for good show on the message itself (Retry, Discard); only a refusal before
      // queueing needs saying here.
      if (error instanceof StValidationError && error.status === 0) {
        this.problem = error.message;
        this.host.requestUpdate();
      }
    });
  }
}

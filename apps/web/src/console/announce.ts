/** What a console view says to screen readers (and shows) after a result or an action. */
export class AnnounceEvent extends CustomEvent<{ text: string }> {
  static readonly type = 'st-console-announce';
  constructor(text: string) {
    super(AnnounceEvent.type, { detail: { text }, bubbles: true, composed: true });
  }
}

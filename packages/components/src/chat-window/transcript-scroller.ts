/**
 * How the transcript scrolls: it follows new messages while the reader is at the bottom and stays
 * put while they read back; scrolling to the top widens the window of messages in the DOM, then
 * pages older history in, keeping what was on screen in place. While the window is visible it marks
 * what it shows as read.
 */
import type { TimelineMessage } from '@st/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Messages in the DOM at first, and how many more each step back adds. */
export const INITIAL_WINDOW = 80;
export const WINDOW_STEP = 60;
/** Within this many pixels of an edge counts as at it. */
const EDGE_PX = 48;

export interface ScrollerOptions {
  transcript(): HTMLElement | null;
  loadOlder(): Promise<unknown> | undefined;
  markRead(seq: number): void;
}

export class TranscriptScroller implements ReactiveController {
  /** How many of the newest messages are in the DOM. */
  shown = INITIAL_WINDOW;
  /** Older history is on its way. */
  loadingOlder = false;
  private stick = true;
  /** Distance from the bottom to keep while older messages are added above. */
  private anchor: number | undefined;
  private markedSeq = 0;
  private intersecting = false;
  private observer: IntersectionObserver | undefined;
  private readonly onVisibility = () => this.host.requestUpdate();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ScrollerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    if (typeof IntersectionObserver === 'undefined') {
      this.intersecting = true;
      return;
    }
    // Also fires when a hidden tab of the page (display: none) is shown again.
    this.observer = new IntersectionObserver((entries) => {
      this.intersecting = entries.some((e) => e.isIntersecting);
      if (this.intersecting) this.host.requestUpdate();
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.observer?.disconnect();
    this.observer = undefined;
  }

  reset(): void {
    this.shown = INITIAL_WINDOW;
    this.stick = true;
    this.anchor = undefined;
    this.markedSeq = 0;
  }

  /** Follow the newest message again (after sending). */
  toBottom(): void {
    this.stick = true;
    this.host.requestUpdate();
  }

  onScroll(hidden: number, hasOlder: boolean): void {
    const element = this.options.transcript();
    if (!element) return;
    this.stick = element.scrollHeight - element.scrollTop - element.clientHeight < EDGE_PX;
    if (element.scrollTop < EDGE_PX) this.older(hidden, hasOlder);
  }

  /** One step back: more of what is held, else the next page from the proxy. */
  older(hidden: number, hasOlder: boolean): void {
    const element = this.options.transcript();
    if (hidden > 0) {
      this.keepPlace(element);
      this.shown += WINDOW_STEP;
      this.host.requestUpdate();
      return;
    }
    if (!hasOlder || this.loadingOlder) return;
    const loading = this.options.loadOlder();
    if (!loading) return;
    this.keepPlace(element);
    this.loadingOlder = true;
    this.shown += WINDOW_STEP;
    this.host.requestUpdate();
    void loading
      .catch(() => undefined)
      .finally(() => {
        this.loadingOlder = false;
        this.host.requestUpdate();
      });
  }

  afterRender(messages: readonly TimelineMessage[], myId: string): void {
    const element = this.options.transcript();
    if (element) {
      if (this.anchor !== undefined) {
        element.scrollTop = element.scrollHeight - this.anchor;
        if (!this.loadingOlder) this.anchor = undefined;
      } else if (this.stick) {
        element.scrollTop = element.scrollHeight;
      }
    }
    if (this.visible) this.markShownRead(messages, myId);
  }

  /** Marks the newest message read if someone else's are newer than what was marked. */
  markShownRead(messages: readonly TimelineMessage[], myId: string): void {
    let newest = 0;
    let fromOthers = false;
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i]!;
      if (message.seq <= this.markedSeq) break;
      if (message.seq === 0) continue;
      newest = Math.max(newest, message.seq);
      if (message.from.id !== myId) fromOthers = true;
    }
    if (!newest || !fromOthers) return;
    this.markedSeq = newest;
    this.options.markRead(newest);
  }

  private get visible(): boolean {
    return this.intersecting && document.visibilityState === 'visible';
  }

  private keepPlace(element: HTMLElement | null): void {
    if (element) this.anchor = element.scrollHeight - element.scrollTop;
  }
}

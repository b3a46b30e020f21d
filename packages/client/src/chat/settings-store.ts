/**
 * The person's preferences and privacy list (`client.settings`): each loaded when first observed,
 * replaced by the answer of every change and by the `preferences` / `privacy` events a change in
 * another tab or device sends.
 */
import type { Preferences, PreferencesPatch, PrivacyList } from '@st/protocol/core';
import { BehaviorSubject, filter, Observable } from 'rxjs';
import type { Http, Schema } from '../http.ts';
import { PreferencesShape, PrivacyListShape } from './chat-shapes.ts';

/** Preferences and privacy as the SDK offers them. */
export interface StSettings {
  /** Every preference (defaults included); loaded when first observed, then follows changes. */
  readonly preferences$: Observable<Preferences>;
  /** Who may see me; loaded when first observed, then follows changes. */
  readonly privacy$: Observable<PrivacyList>;
  preferences(): Promise<Preferences>;
  privacy(): Promise<PrivacyList>;
  /** A merge patch: named preferences change, `null` puts one back to its default. */
  updatePreferences(patch: PreferencesPatch): Promise<Preferences>;
  /** Replaces the privacy list (`everybody-except` or `only-these`, with its people). */
  setPrivacy(list: PrivacyList): Promise<PrivacyList>;
}

/** One setting loaded on first sight and replaced whole by answers and events. */
class Setting<T> {
  readonly value$ = new BehaviorSubject<T | undefined>(undefined);
  readonly changes$: Observable<T>;
  private loading: Promise<T> | undefined;
  private generation = 0;

  constructor(
    private readonly http: Http,
    private readonly path: string,
    private readonly schema: Schema<T>,
    observed: (delta: 1 | -1) => void,
  ) {
    const values$ = this.value$.pipe(filter((value): value is T => value !== undefined));
    this.changes$ = new Observable<T>((subscriber) => {
      // Changes from other tabs arrive over the stream: it must be open while someone looks.
      observed(1);
      if (this.value$.value === undefined) this.load().catch(() => undefined);
      const subscription = values$.subscribe(subscriber);
      return () => {
        observed(-1);
        subscription.unsubscribe();
      };
    });
  }

  load(): Promise<T> {
    const generation = this.generation;
    this.loading ??= this.http.request('GET', this.path, { schema: this.schema }).then(
      (value) => {
        this.loading = undefined;
        if (generation === this.generation) this.value$.next(value);
        return value;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  async write(method: string, body: unknown): Promise<T> {
    const generation = this.generation;
    const value = await this.http.request(method, this.path, { body, schema: this.schema });
    if (generation === this.generation) this.value$.next(value);
    return value;
  }

  apply(value: T): void {
    this.value$.next(value);
  }

  reset(): void {
    this.generation++;
    this.loading = undefined;
    this.value$.next(undefined);
  }

  get observedValue(): boolean {
    return this.value$.value !== undefined;
  }
}

export class SettingsStore implements StSettings {
  readonly preferences$: Observable<Preferences>;
  readonly privacy$: Observable<PrivacyList>;
  private readonly prefs: Setting<Preferences>;
  private readonly list: Setting<PrivacyList>;
  private observers = 0;

  constructor(http: Http, observed: () => void) {
    const count = (delta: 1 | -1) => {
      this.observers += delta;
      if (delta === 1) observed();
    };
    this.prefs = new Setting(http, '/api/v1/me/preferences', PreferencesShape, count);
    this.list = new Setting(http, '/api/v1/me/privacy', PrivacyListShape, count);
    this.preferences$ = this.prefs.changes$;
    this.privacy$ = this.list.changes$;
  }

  /** Whether anyone observes a setting now (the stream then stays open). */
  get observed(): boolean {
    return this.observers > 0;
  }

  preferences(): Promise<Preferences> {
    return this.prefs.load();
  }

  privacy(): Promise<PrivacyList> {
    return this.list.load();
  }

  updatePreferences(patch: PreferencesPatch): Promise<Preferences> {
    return this.prefs.write('PATCH', patch);
  }

  setPrivacy(list: PrivacyList): Promise<PrivacyList> {
    return this.list.write('PUT', { mode: list.mode, people: list.people });
  }

  /** A `preferences` or `privacy` event. */
  apply(event: { type: string; preferences?: unknown; privacy?: unknown }): void {
    if (event.type === 'preferences' && PreferencesShape.safeParse(event.preferences).success)
      this.prefs.apply(event.preferences as Preferences);
    if (event.type === 'privacy' && PrivacyListShape.safeParse(event.privacy).success)
      this.list.apply(event.privacy as PrivacyList);
  }

  /** Load again what is held (events may have been missed). */
  refresh(): void {
    if (this.prefs.observedValue) this.prefs.load().catch(() => undefined);
    if (this.list.observedValue) this.list.load().catch(() => undefined);
  }

  reset(): void {
    this.prefs.reset();
    this.list.reset();
  }
}

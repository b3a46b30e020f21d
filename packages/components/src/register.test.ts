import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StLiveName } from './live-name/live-name.ts';
import { registerComponents } from './register.ts';
import { InvalidPrefixError } from './shared/define-element.ts';

/** The part of the browser's CustomElementRegistry that registration uses, with its two rules. */
class FakeRegistry {
  readonly byTag = new Map<string, CustomElementConstructor>();
  define(tag: string, elementClass: CustomElementConstructor): void {
    if (this.byTag.has(tag)) throw new Error(`${tag} is already defined`);
    if ([...this.byTag.values()].includes(elementClass)) throw new Error('constructor already used');
    this.byTag.set(tag, elementClass);
  }
  get(tag: string): CustomElementConstructor | undefined {
    return this.byTag.get(tag);
  }
  getName(elementClass: CustomElementConstructor): string | null {
    return [...this.byTag].find(([, c]) => c === elementClass)?.[0] ?? null;
  }
}

let registry: FakeRegistry;
beforeEach(() => {
  registry = new FakeRegistry();
  vi.stubGlobal('customElements', registry);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('registerComponents', () => {
  it('defines every element with the st prefix by default, the classes themselves', () => {
    registerComponents();
    expect([...registry.byTag.keys()].sort()).toEqual([
      'st-business-card',
      'st-chat-window',
      'st-contact-list',
      'st-live-name',
      'st-person-search',
      'st-session',
      'st-status-picker',
    ]);
    expect(registry.get('st-live-name')).toBe(StLiveName);
  });

  it('gives another prefix subclasses that look for their own session element', () => {
    registerComponents();
    registerComponents({ prefix: 'acme' });
    const AcmeLiveName = registry.get('acme-live-name') as unknown as { prefix: string; prototype: object };
    expect(AcmeLiveName).not.toBe(StLiveName);
    expect(AcmeLiveName.prototype).toBeInstanceOf(StLiveName);
    expect(AcmeLiveName.prefix).toBe('acme');
    expect(StLiveName.prefix).toBe('st');
    expect(registry.get('acme-session')).toBeDefined();
    expect(registry.get('acme-business-card')).toBeDefined();
  });

  it('leaves tags already defined alone, so registering twice is harmless', () => {
    const first = registerComponents({ prefix: 'x' });
    const second = registerComponents({ prefix: 'x' });
    expect(second['live-name']).toBe(first['live-name']);
    expect(registry.byTag.size).toBe(7);
  });

  it('refuses a prefix that cannot make a valid tag', () => {
    expect(() => registerComponents({ prefix: 'Acme' })).toThrow(InvalidPrefixError);
    expect(() => registerComponents({ prefix: '1x' })).toThrow(InvalidPrefixError);
    expect(() => registerComponents({ prefix: 'a-' })).toThrow(InvalidPrefixError);
    expect(registry.byTag.size).toBe(0);
  });
});

describe('entry points', () => {
  it('the library defines nothing when imported', async () => {
    const library = await import('./index.ts');
    expect(typeof library.registerComponents).toBe('function');
    expect(registry.byTag.size).toBe(0);
  });

  it('components.js defines the light elements at once and the others when first loaded', async () => {
    const script = await import('./components.ts');
    expect([...registry.byTag.keys()].sort()).toEqual(['st-live-name', 'st-session']);
    const ChatWindow = await script.loadElement('chat-window');
    expect(ChatWindow).toBe(registry.get('st-chat-window'));
    await Promise.all([
      script.loadElement('business-card'),
      script.loadElement('contact-list'),
      script.loadElement('status-picker'),
    ]);
    expect([...registry.byTag.keys()].sort()).toEqual([
      'st-business-card',
      'st-chat-window',
      'st-contact-list',
      'st-live-name',
      'st-person-search',
      'st-session',
      'st-status-picker',
    ]);
  });

  it("components.js's registerComponents makes another prefix's lazy elements loadable too", async () => {
    const script = await import('./components.ts');
    const defined = script.registerComponents({ prefix: 'acme' });
    expect(Object.keys(defined).sort()).toEqual(['live-name', 'session']);
    expect(registry.get('acme-contact-list')).toBeUndefined();
    const AcmeList = (await script.loadElement('contact-list', 'acme')) as unknown as {
      prefix: string;
      prototype: object;
    };
    expect(AcmeList.prefix).toBe('acme');
    expect(registry.get('acme-contact-list')).toBe(AcmeList);
  });
});

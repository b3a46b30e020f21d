import { describe, expect, it } from 'vitest';
import { benchPage } from './page.ts';

describe('benchPage', () => {
  it('puts one live name per person inside one session, after the observer', () => {
    const html = benchPage({ proxyUrl: 'http://127.0.0.1:9', token: 'tok', userIds: ['a', 'b', 'c'] });
    expect(html.match(/<st-live-name /g)).toHaveLength(3);
    expect(html.match(/<st-session /g)).toHaveLength(1);
    expect(html.indexOf('MutationObserver')).toBeLessThan(html.indexOf('<st-live-name'));
    expect(html).toContain('<script type="module" src="http://127.0.0.1:9/st/components.js">');
  });

  it('escapes attribute values', () => {
    const html = benchPage({ proxyUrl: 'http://x', token: 'a"b<c&d', userIds: ['x"y'] });
    expect(html).toContain('token="a&quot;b&lt;c&amp;d"');
    expect(html).toContain('user-id="x&quot;y"');
  });
});

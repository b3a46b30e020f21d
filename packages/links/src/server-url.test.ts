import { describe, expect, it } from 'vitest';
import { componentsUrlBeside, LinksUrlError, serverFromLinksUrl } from './server-url.ts';

describe('serverFromLinksUrl', () => {
  it('takes the proxy, its /st folder, the script itself and the old toolkit folders alike', () => {
    for (const url of [
      'https://proxy.example',
      'https://proxy.example/',
      'https://proxy.example/st',
      'https://proxy.example/st/',
      'https://proxy.example/st/stlinks.js',
      'https://proxy.example/st/stlinks.js?v=2',
      'https://proxy.example/sametime/stlinks',
      'https://proxy.example/stlinks/',
    ]) {
      expect(serverFromLinksUrl(url)).toBe('https://proxy.example');
    }
  });

  it('keeps a path prefix in front of the proxy', () => {
    expect(serverFromLinksUrl('https://intranet.example/chat/st/stlinks.js')).toBe(
      'https://intranet.example/chat',
    );
  });

  it('resolves a relative URL against the page', () => {
    expect(serverFromLinksUrl('/st', 'http://localhost:8080/page.html')).toBe('http://localhost:8080');
  });

  it('refuses what is no http(s) URL', () => {
    expect(() => serverFromLinksUrl('javascript:alert(1)')).toThrow(LinksUrlError);
    expect(() => serverFromLinksUrl('not a url')).toThrow(LinksUrlError);
  });
});

describe('componentsUrlBeside', () => {
  it('is components.js in the folder of the script', () => {
    expect(componentsUrlBeside('https://proxy.example/st/stlinks.js?v=1')).toBe(
      'https://proxy.example/st/components.js',
    );
  });
});

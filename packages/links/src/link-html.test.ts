import { describe, expect, it } from 'vitest';
import { escapeHtml, linkHtml } from './link-html.ts';
import { DEFAULT_LINK_OPTIONS } from './options.ts';

describe('linkHtml', () => {
  it('writes a stlinks-live-name with the name as text until the element is defined', () => {
    expect(linkHtml('bob', 'Bob Brown', DEFAULT_LINK_OPTIONS)).toBe(
      '<stlinks-live-name user-id="bob" display-name="Bob Brown" data-stlinks-name="bob">Bob Brown</stlinks-live-name>',
    );
  });

  it('marks the options that change how the name looks', () => {
    const html = linkHtml('bob', '', { icon: false, text: false, offlineLink: false });
    expect(html).toContain('data-icon="no"');
    expect(html).toContain('data-text="no"');
    expect(html).toContain('data-offline-link="no"');
    expect(html).not.toContain('display-name');
    expect(html).toMatch(/><\/stlinks-live-name>$/);
  });

  it('never lets a name break out of its attribute or become markup', () => {
    const html = linkHtml('x"><img src=x onerror=alert(1)>', '<b>Eve</b> & "co"', DEFAULT_LINK_OPTIONS);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('display-name="&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;co&quot;"');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});

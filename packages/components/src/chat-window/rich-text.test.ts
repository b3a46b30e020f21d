import { describe, expect, it } from 'vitest';
import { parseRichText, safeHref } from './rich-text.ts';

describe('parseRichText', () => {
  it('keeps markup as text: nothing is ever HTML', () => {
    const text = '<img src=x onerror=alert(1)> and <b>bold</b> & <script>x</script>';
    expect(parseRichText(text)).toEqual([{ kind: 'text', text }]);
  });

  it('parses *bold* and _italic_, nested once, only at word boundaries', () => {
    expect(parseRichText('a *big _deal_* here')).toEqual([
      { kind: 'text', text: 'a ' },
      {
        kind: 'strong',
        children: [
          { kind: 'text', text: 'big ' },
          { kind: 'em', children: [{ kind: 'text', text: 'deal' }] },
        ],
      },
      { kind: 'text', text: ' here' },
    ]);
    expect(parseRichText('snake_case_name and 2*3*4 and * not * and **')).toEqual([
      { kind: 'text', text: 'snake_case_name and 2*3*4 and * not * and **' },
    ]);
    expect(parseRichText('(_yes_), *no')).toEqual([
      { kind: 'text', text: '(' },
      { kind: 'em', children: [{ kind: 'text', text: 'yes' }] },
      { kind: 'text', text: '), *no' },
    ]);
  });

  it('links http, https, mailto and www only, without trailing punctuation', () => {
    expect(parseRichText('See https://example.com/a_b_c?x=1. Or www.example.org, or mailto:a@b.c!')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', href: 'https://example.com/a_b_c?x=1', text: 'https://example.com/a_b_c?x=1' },
      { kind: 'text', text: '. Or ' },
      { kind: 'link', href: 'https://www.example.org/', text: 'www.example.org' },
      { kind: 'text', text: ', or ' },
      { kind: 'link', href: 'mailto:a@b.c', text: 'mailto:a@b.c' },
      { kind: 'text', text: '!' },
    ]);
    expect(parseRichText('(see https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual([
      { kind: 'text', text: '(see ' },
      {
        kind: 'link',
        href: 'https://en.wikipedia.org/wiki/Foo_(bar)',
        text: 'https://en.wikipedia.org/wiki/Foo_(bar)',
      },
      { kind: 'text', text: ')' },
    ]);
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:x',
      'file:///etc/passwd',
    ]) {
      expect(parseRichText(bad)).toEqual([{ kind: 'text', text: bad }]);
    }
  });

  it('turns whole-word emoticons into emoji and keeps line breaks', () => {
    expect(parseRichText('hi :)\nok (y) x:)')).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'emoji', emoji: '🙂', label: 'smiling face', source: ':)' },
      { kind: 'break' },
      { kind: 'text', text: 'ok ' },
      { kind: 'emoji', emoji: '👍', label: 'thumbs up', source: '(y)' },
      { kind: 'text', text: ' x:)' },
    ]);
  });
});

describe('safeHref', () => {
  it('allows only http, https and mailto', () => {
    expect(safeHref('https://a.example/')).toBe('https://a.example/');
    expect(safeHref('www.a.example')).toBe('https://www.a.example/');
    expect(safeHref('JavaScript:alert(1)')).toBeUndefined();
    expect(safeHref('http://')).toBeUndefined();
  });
});

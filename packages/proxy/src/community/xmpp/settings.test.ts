import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';

describe('the XMPP settings', () => {
  it('default to the embedded community', () => {
    expect(loadConfig({}).community).toBe('embedded');
  });

  it('take an XMPP server with its domain, StartTLS by default', () => {
    const config = loadConfig({ ST_COMMUNITY: 'xmpp://chat.example:5222', ST_XMPP_DOMAIN: 'Example.COM' });
    expect(config).toMatchObject({
      community: 'xmpp://chat.example:5222',
      xmppDomain: 'example.com',
      xmppTls: 'starttls',
    });
  });

  it.each([
    [{ ST_COMMUNITY: 'http://chat.example' }, /^ST_COMMUNITY: must be embedded or xmpp:\/\/host:port/],
    [{ ST_COMMUNITY: 'xmpp://chat.example:5222' }, /^ST_XMPP_DOMAIN: set the XMPP domain/],
    [
      { ST_COMMUNITY: 'xmpp://chat.example', ST_XMPP_DOMAIN: 'example.com', ST_XMPP_TLS: 'off' },
      /only for an XMPP server on loopback/,
    ],
    [
      { ST_COMMUNITY: 'xmpp://127.0.0.1', ST_XMPP_DOMAIN: 'example.com', ST_XMPP_TLS: 'maybe' },
      /^ST_XMPP_TLS: must be starttls, direct or off/,
    ],
    [{ ST_DIRECTORY: 'xmpp' }, /^ST_DIRECTORY=xmpp needs ST_COMMUNITY/],
  ])('refuse %o in one line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('allow TLS off on loopback', () => {
    const config = loadConfig({
      ST_COMMUNITY: 'xmpp://127.0.0.1:5222',
      ST_XMPP_DOMAIN: 'st.test',
      ST_XMPP_TLS: 'off',
      ST_DIRECTORY: 'xmpp',
    });
    expect(config).toMatchObject({ xmppTls: 'off', directory: 'xmpp' });
  });
});

/**
 * The XMPP settings (docs/xmpp.md): `ST_COMMUNITY=xmpp://host:port`, `ST_XMPP_DOMAIN` and
 * `ST_XMPP_TLS`. TLS `off` is for a server on loopback only: SASL then never offers PLAIN.
 */
import { z } from 'zod';

export const XmppTls = { StartTls: 'starttls', Direct: 'direct', Off: 'off' } as const;
export type XmppTls = (typeof XmppTls)[keyof typeof XmppTls];

export const communitySetting = z
  .string()
  .trim()
  .refine((v) => {
    if (v === 'embedded') return true;
    try {
      const url = new URL(v);
      return url.protocol === 'xmpp:' && url.hostname !== '' && url.pathname === '';
    } catch {
      return false;
    }
  }, 'must be embedded or xmpp://host:port');

export const xmppDomainSetting = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'must be a domain name');

export const xmppTlsSetting = z.enum([XmppTls.StartTls, XmppTls.Direct, XmppTls.Off], {
  message: 'must be starttls, direct or off',
});

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
}

/** The one-line problem with the XMPP settings taken together, or undefined. */
export function xmppSettingsProblem(config: {
  community: string;
  xmppDomain?: string | undefined;
  xmppTls: XmppTls;
  directory: string;
}): string | undefined {
  if (config.community === 'embedded') {
    return config.directory === 'xmpp' ? 'ST_DIRECTORY=xmpp needs ST_COMMUNITY=xmpp://host:port' : undefined;
  }
  if (!config.xmppDomain) return 'ST_XMPP_DOMAIN: set the XMPP domain of ST_COMMUNITY (people are id@domain)';
  const host = new URL(config.community).hostname;
  if (config.xmppTls === XmppTls.Off && !isLoopbackHost(host)) {
    return 'ST_XMPP_TLS: off is allowed only for an XMPP server on loopback (127.0.0.1, ::1, localhost)';
  }
  return undefined;
}

/**
 * `ST_COMMUNITY=xmpp://...` wired in: the community, the directory's sign-in through it (any
 * directory: a login here opens the person's XMPP session with the password they gave), the
 * session's end with their last login, chat carried both ways, and privacy lists mirrored as
 * blocklists (docs/xmpp.md).
 */
import type { PrivacyList } from '@st/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { bridgeChat } from '../../chat/community-bridge.ts';
import type { ProxyConfig } from '../../config.ts';
import type { ProxyContext } from '../../context.ts';
import type { Directory } from '../../directory/types.ts';
import { XmppDirectory } from '../../directory/xmpp/xmpp-directory.ts';
import type { Store } from '../../store/types.ts';
import { XmppCommunity } from './community.ts';

export function isXmppCommunity(config: Pick<ProxyConfig, 'community'>): boolean {
  return config.community.startsWith('xmpp:');
}

export function openXmppCommunity(
  config: ProxyConfig,
  nodeId: string,
  log: FastifyBaseLogger,
  store: Store,
): XmppCommunity {
  return new XmppCommunity({
    service: config.community,
    domain: config.xmppDomain ?? '',
    tls: config.xmppTls,
    nodeId,
    statuses: store,
    lastMessageAt: async (userId) => {
      const { listings } = await store.chat.conversationsOf(userId, 1);
      return listings[0]?.lastMessage?.sentAt;
    },
    log,
  });
}

/** The XMPP server as the directory (`ST_DIRECTORY=xmpp`). */
export function openXmppDirectory(config: ProxyConfig, community: XmppCommunity): Directory {
  return new XmppDirectory(community, { cacheMs: config.ldapCacheSeconds * 1000 });
}

/**
 * Another directory checks passwords; a login it accepts also signs the person in to the XMPP
 * server with the same password (both usually check one LDAP). A refused XMPP sign-in refuses
 * the login: without a session the person would be invisible.
 */
export function signingInThrough(directory: Directory, community: XmppCommunity): Directory {
  if (directory instanceof XmppDirectory) return directory;
  return new Proxy(directory, {
    get(target, key, receiver) {
      if (key !== 'authenticate') return Reflect.get(target, key, receiver);
      return async (userId: string, password: string) => {
        const person = await target.authenticate(userId, password);
        if (!person) return null;
        return (await community.signIn(person.id, password)) ? person : null;
      };
    },
  });
}

/** Ends a person's XMPP session with their last login, and carries chat both ways. */
export function wireXmpp(ctx: ProxyContext, community: XmppCommunity): () => void {
  const stopLogins = ctx.logins.subscribe((login) => {
    const others = [...ctx.logins.loginsOf(login.userId)].some((l) => l !== login && !l.ended);
    if (!others) {
      community
        .release(login.userId)
        .catch((error: unknown) =>
          ctx.log.warn({ err: error, userId: login.userId }, 'the XMPP session did not close cleanly'),
        );
    }
  });
  // Privacy lists mirrored as XMPP blocklists: on each change, and when a session starts.
  const mirror = (userId: string, list: PrivacyList) =>
    community
      .setBlocklist(userId, list)
      .catch((error: unknown) => ctx.log.warn({ err: error, userId }, 'the XMPP blocklist was not updated'));
  const stopPrivacy = ctx.privacy.changes.subscribe(mirror);
  const stopStarts = community.sessionStarts.subscribe((userId) => {
    ctx.privacy
      .get(userId)
      .then((list) => mirror(userId, list))
      .catch((error: unknown) => ctx.log.warn({ err: error, userId }, 'the privacy list was not read'));
  });
  const stopChat = bridgeChat({
    chat: ctx.chat,
    store: ctx.store.chat,
    community,
    directory: ctx.directory,
    log: ctx.log,
  });
  return () => {
    stopLogins();
    stopPrivacy();
    stopStarts();
    stopChat();
  };
}

/**
 * `npm run xmpp`: the proxy in front of a real Prosody, for trying it. Prosody (Debian's package,
 * scripts/ensure-prosody.sh) runs with a configuration of its own in a temporary folder, c2s on
 * 127.0.0.1:5222 (ST_XMPP_PORT), accounts alice, bob, carol and dave (password "demo") in one
 * shared group; the proxy serves the hosted client on http://127.0.0.1:8080 (ST_PORT) with
 * ST_COMMUNITY=xmpp://..., ST_DIRECTORY=xmpp. Log in on the web client as alice and in an XMPP
 * client (Gajim, Dino, Conversations) as bob@st.test (no TLS: loopback only). Ctrl-C stops both.
 */
import { loadConfig } from '../packages/proxy/src/config.ts';
import { startProxy } from '../packages/proxy/src/server.ts';
import { startProsody } from '../packages/proxy/src/testing/prosody.ts';
import { XmppPerson, xml } from '../packages/proxy/src/testing/xmpp-client.ts';

const people = [
  ['alice', 'Alice Archer'],
  ['bob', 'Bob Baker'],
  ['carol', 'Carol Cho'],
  ['dave', 'Dave Diaz'],
] as const;

const prosody = await startProsody({
  accounts: people.map(([id, name]) => ({ id, name, password: 'demo' })),
  port: Number(process.env.ST_XMPP_PORT ?? 5222),
});
// Each person's vCard with their name and title, as their own client would publish it: people's
// names in rosters come from the shared group, a person's own name (and card) from their vCard.
for (const [id, name] of people) {
  const person = await XmppPerson.online({
    port: prosody.port,
    domain: prosody.domain,
    id,
    password: 'demo',
  });
  await person.client.iqCaller.request(
    xml(
      'iq',
      { type: 'set' },
      xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, name), xml('TITLE', {}, 'Tester')),
    ),
  );
  await person.stop();
}
const config = loadConfig({
  ...process.env,
  ST_COMMUNITY: prosody.url,
  ST_XMPP_DOMAIN: prosody.domain,
  ST_XMPP_TLS: 'off',
  ST_DIRECTORY: 'xmpp',
  ST_DATA_DIR: process.env.ST_DATA_DIR ?? './data-xmpp',
});
const proxy = await startProxy(config);
console.log(
  `Prosody: ${prosody.domain} on 127.0.0.1:${prosody.port} (accounts alice, bob, carol, dave; password "demo")`,
);
console.log(`Proxy:   ${proxy.url} (ST_COMMUNITY=${prosody.url}, ST_DIRECTORY=xmpp)`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await proxy.close();
  await prosody.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

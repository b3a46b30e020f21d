// The demo's own behaviour: log in through the session's client and show what the elements report.
// A separate file (not an inline script) so the page works under a strict Content-Security-Policy.
import { registerComponents } from './components.js';

registerComponents({ prefix: 'demo' });

const byId = (id) => document.getElementById(id);

const LOG_LENGTH = 12;

function log(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  const list = byId('log');
  list.prepend(item);
  // The newest events only: the list never needs scrolling (which a keyboard could not do).
  while (list.children.length > LOG_LENGTH) list.lastElementChild.remove();
}

for (const type of ['st-presence-change', 'st-request-chat', 'st-request-card', 'st-status-saved']) {
  document.addEventListener(type, (event) => log(`${type} ${JSON.stringify(event.detail)}`));
}

await customElements.whenDefined('st-session');
const client = byId('session').client;

client.state$.subscribe((state) => {
  byId('state').value = `${state.status} (${state.code})`;
});
client.user$.subscribe((user) => {
  byId('who').value = user ? `${user.displayName} (${user.id})` : 'nobody';
});

byId('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  byId('login-error').textContent = '';
  try {
    await client.login(String(form.get('userId')), String(form.get('password')));
  } catch (error) {
    byId('login-error').textContent = error instanceof Error ? error.message : String(error);
  }
});

byId('logout').addEventListener('click', () => {
  client.logout().catch((error) => log(`logout failed: ${error}`));
});

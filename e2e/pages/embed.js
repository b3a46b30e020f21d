// An integrator's page: its server logged the viewer in and handed the page a token (here in the
// URL fragment); the page wraps its live names in one <st-session>.
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const proxy = new URL(document.querySelector('script[src$="/st/components.js"]').src).origin;
const session = document.createElement('st-session');
session.setAttribute('server', proxy);
session.setAttribute('token', token);
const team = document.getElementById('team');
for (const li of team.querySelectorAll('li')) {
  const name = document.createElement('st-live-name');
  name.setAttribute('user-id', li.dataset.user);
  li.append(name);
}
team.replaceWith(session);
session.append(team);

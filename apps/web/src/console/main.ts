/**
 * The browser entry of the System Console (`/console`): define its elements and the login form it
 * shares with the hosted client, then resume the cookie session.
 */
import { SessionFlow } from '../session/session-flow.ts';
import { LoginView } from '../views/login-view.ts';
import { AdminClient } from './admin-client.ts';
import { ConsoleApp } from './console-app.ts';
import { NodesView } from './nodes-view.ts';
import { SessionsView } from './sessions-view.ts';
import '../views/base.css';
import './console.css';

const ELEMENTS = {
  'st-console-app': ConsoleApp,
  'st-console-nodes': NodesView,
  'st-console-sessions': SessionsView,
  'st-web-login': LoginView,
} as const;

for (const [tag, element] of Object.entries(ELEMENTS))
  if (!customElements.get(tag)) customElements.define(tag, element);

declare global {
  interface HTMLElementTagNameMap {
    'st-console-app': ConsoleApp;
    'st-console-nodes': NodesView;
    'st-console-sessions': SessionsView;
  }
}

const client = new AdminClient();
const flow = new SessionFlow(client);
const app = document.createElement('st-console-app');
app.client = client;
app.flow = flow;
document.body.append(app);
void flow.start();

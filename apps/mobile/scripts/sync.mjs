#!/usr/bin/env node
// `npm run sync -w @st/mobile`: builds the app's web layer, makes the iOS and Android projects
// when they are missing (`npx cap add`, offline: the templates ship in @capacitor/ios and
// @capacitor/android), applies the project's native changes from native/, and copies the web
// layer and plugins into both (`npx cap sync`). Native builds need Xcode or Android Studio;
// everything here runs anywhere, and CI runs it on every change.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const native = join(app, 'native');

function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: app, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Inserts `snippet` once, right after (or before) `anchor`; fails when the template changed. */
function insertOnce(file, marker, anchor, snippet, where = 'after') {
  const text = readFileSync(file, 'utf8');
  if (text.includes(marker)) return;
  const at = text.indexOf(anchor);
  if (at < 0) throw new Error(`${file}: cannot find "${anchor}" to add the st-proxy changes`);
  const index = where === 'after' ? at + anchor.length : at;
  writeFileSync(file, text.slice(0, index) + snippet + text.slice(index));
}

function customiseIos() {
  const delegate = join(app, 'ios/App/App/AppDelegate.swift');
  insertOnce(delegate, 'import UserNotifications', 'import Capacitor\n', 'import UserNotifications\n');
  insertOnce(
    delegate,
    'setNotificationCategories',
    '// Override point for customization after application launch.\n',
    readFileSync(join(native, 'ios/AppDelegate+launch.swift'), 'utf8'),
  );
  // Before the class's closing brace: the last "}" of the file.
  const text = readFileSync(delegate, 'utf8');
  if (!text.includes('capacitorDidRegisterForRemoteNotifications')) {
    const end = text.lastIndexOf('}');
    const snippet = readFileSync(join(native, 'ios/AppDelegate+push.swift'), 'utf8');
    writeFileSync(delegate, `${text.slice(0, end)}${snippet}\n${text.slice(end)}`);
  }
}

function customiseAndroid() {
  cpSync(join(native, 'android'), join(app, 'android'), { recursive: true });
}

run('npx', ['vite', 'build', '--config', 'vite.config.ts']);
for (const platform of ['ios', 'android']) {
  if (!existsSync(join(app, platform))) run('npx', ['cap', 'add', platform]);
}
customiseIos();
customiseAndroid();
run('npx', ['cap', 'sync']);

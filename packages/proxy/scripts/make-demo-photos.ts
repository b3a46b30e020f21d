/**
 * Draws the demo directory's portraits: small, deterministic SVG heads-and-shoulders in a few
 * colours, one per person, written beside the demo directory file. Run it after adding a person:
 *
 *   node --import tsx packages/proxy/scripts/make-demo-photos.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Look {
  background: string;
  skin: string;
  hair: string;
  shirt: string;
  /** Hair shape: short, long, bun or none. */
  style: 'short' | 'long' | 'bun' | 'none';
}

const LOOKS: Record<string, Look> = {
  alice: { background: '#c7e3f4', skin: '#f2d0b1', hair: '#d9a441', shirt: '#2f6f9f', style: 'long' },
  bob: { background: '#e6d5f2', skin: '#c68e63', hair: '#2b1d14', shirt: '#6b4f9e', style: 'short' },
  carol: { background: '#f7d9c4', skin: '#e0ac85', hair: '#5a2e1b', shirt: '#c0504d', style: 'bun' },
  dave: { background: '#d4edda', skin: '#8d5a3b', hair: '#1b1b1b', shirt: '#3c7d4f', style: 'short' },
  erin: { background: '#fde9b8', skin: '#f5d7c0', hair: '#a0522d', shirt: '#d98b1e', style: 'long' },
  frank: { background: '#dfe7ec', skin: '#eac3a2', hair: '#8a8a8a', shirt: '#455a64', style: 'none' },
  grace: { background: '#f9d2e0', skin: '#b97a56', hair: '#3b2218', shirt: '#ad3c6b', style: 'long' },
  heidi: { background: '#d7f0f0', skin: '#f6dccb', hair: '#e8d38a', shirt: '#2a8c8c', style: 'bun' },
  ivan: { background: '#e9e3d5', skin: '#e2b99a', hair: '#4a3325', shirt: '#7a6a3a', style: 'short' },
  judy: { background: '#e3e8fb', skin: '#f0c9a8', hair: '#b5442c', shirt: '#4557a8', style: 'long' },
  kenji: { background: '#f2e6d9', skin: '#e8c39e', hair: '#141414', shirt: '#8c3b2a', style: 'short' },
  leila: { background: '#e5f2d7', skin: '#c98f6b', hair: '#24160f', shirt: '#5e7f2b', style: 'bun' },
};

function hair(look: Look): string {
  switch (look.style) {
    case 'short':
      return `<path d="M34 44c0-14 10-22 22-22s22 8 22 22c-4-6-10-9-22-9s-18 3-22 9z" fill="${look.hair}"/>`;
    case 'long':
      return `<path d="M30 48c0-17 11-27 26-27s26 10 26 27v24h-9V46c-4-5-10-8-17-8s-13 3-17 8v26h-9z" fill="${look.hair}"/>`;
    case 'bun':
      return `<circle cx="56" cy="18" r="8" fill="${look.hair}"/><path d="M34 44c0-14 10-22 22-22s22 8 22 22c-5-7-12-10-22-10s-17 3-22 10z" fill="${look.hair}"/>`;
    case 'none':
      return '';
  }
}

function portrait(id: string, look: Look): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 112 112" width="112" height="112" role="img" aria-label="${id}">
<rect width="112" height="112" fill="${look.background}"/>
<path d="M16 112c0-24 18-38 40-38s40 14 40 38z" fill="${look.shirt}"/>
<rect x="49" y="62" width="14" height="14" rx="5" fill="${look.skin}"/>
<ellipse cx="56" cy="46" rx="20" ry="23" fill="${look.skin}"/>
${hair(look)}
<circle cx="48" cy="48" r="2.2" fill="#2a2a2a"/><circle cx="64" cy="48" r="2.2" fill="#2a2a2a"/>
<path d="M49 58q7 5 14 0" stroke="#8a4b3b" stroke-width="2" fill="none" stroke-linecap="round"/>
</svg>
`;
}

const photos = fileURLToPath(new URL('../src/directory/demo/photos/', import.meta.url));
for (const [id, look] of Object.entries(LOOKS)) writeFileSync(`${photos}${id}.svg`, portrait(id, look));
console.log(`wrote ${Object.keys(LOOKS).length} portraits to ${photos}`);

/**
 * Where the proxy is. The toolkit's `setSTLinksURL(url)` named the folder of the toolkit's files
 * (`https://sametime.example/sametime/stlinks`); for this script it is the proxy (`https://proxy`)
 * or its `/st` folder. Both, and the old folder names, lead to the same server.
 */

/** Folder endings that name where the script lives rather than the proxy itself. */
const SCRIPT_FOLDERS = [/\/sametime\/stlinks$/i, /\/stlinks$/i, /\/sametime$/i, /\/st$/i];

export class LinksUrlError extends Error {
  constructor(url: unknown) {
    super(
      `"${String(url)}" is not a URL of the proxy (e.g. https://proxy.example or https://proxy.example/st)`,
    );
    this.name = 'LinksUrlError';
  }
}

/** The proxy's URL (origin and any path prefix, no trailing slash) from a URL the page gave. */
export function serverFromLinksUrl(url: string, base?: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    throw new LinksUrlError(url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new LinksUrlError(url);
  let path = parsed.pathname.replace(/\/[^/]*\.js$/i, '').replace(/\/+$/, '');
  for (const folder of SCRIPT_FOLDERS) {
    if (folder.test(path)) {
      path = path.replace(folder, '');
      break;
    }
  }
  return `${parsed.origin}${path}`;
}

/** `components.js` in the folder this script was loaded from (the same origin, as the proxy serves both). */
export function componentsUrlBeside(scriptUrl: string): string {
  return new URL('components.js', scriptUrl).href;
}

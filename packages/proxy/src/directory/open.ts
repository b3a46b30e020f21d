import { fileURLToPath } from 'node:url';
import { loadDirectoryFile } from './file-format.ts';
import { JsonDirectory } from './json-directory.ts';
import type { Directory } from './types.ts';

/** The demo directory's file, shipped in the package. */
export const DEMO_DIRECTORY_FILE = fileURLToPath(new URL('./demo/directory.json', import.meta.url));

/** Opens the directory a (validated) `directory` setting names: `demo` or a JSON file path. */
export function openDirectory(setting: string): Directory {
  return new JsonDirectory(loadDirectoryFile(setting === 'demo' ? DEMO_DIRECTORY_FILE : setting));
}

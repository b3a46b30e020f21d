/**
 * The script served as `/st/components.js`: defines every element with the `st-` prefix and
 * exports the library, so a page may also `import { registerComponents } from '/st/components.js'`
 * to add a second prefix.
 */
import './session/define.ts';
import './live-name/define.ts';
import './business-card/define.ts';
import './status-picker/define.ts';
import './chat-window/define.ts';
import './contact-list/define.ts';

export * from './index.ts';

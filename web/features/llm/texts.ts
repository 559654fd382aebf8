import { catalog } from '../../../src/text/messages.ts';

/**
 * The local-model labels the first screen needs (header button, practice badge), in zh and en.
 * The settings dialog's and the second opinion's labels are in texts-lazy.ts, loaded with them.
 */
export const lt = catalog({
  open: { zh: '本地模型:{state}', en: 'Local model: {state}' },
  openLabel: { zh: '本地模型设置(Ollama)', en: 'Local model settings (Ollama)' },
  stateOn: { zh: '开', en: 'on' },
  stateOff: { zh: '关', en: 'off' },
  badge: { zh: '本地模型 {model} 负责台词措辞', en: 'Local model {model} words the lines' },
});

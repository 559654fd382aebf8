import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { loadLibrary } from '../../src/node/library.ts';
import { scenarioCard } from '../../src/scenario/card.ts';

const ID = 'virtual:scenario-cards';
const RESOLVED = `\0${ID}`;

/**
 * `import cards from 'virtual:scenario-cards'`: the library cards of every valid scenario, built
 * in Node when the app is built, so the first screen ships a few kilobytes instead of the whole
 * scenario library (which loads right after, in its own chunk). Editing a scenario in dev reloads.
 */
export function scenarioCards(scenarioDir: string): Plugin {
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    name: 'complaint-dojo:scenario-cards',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const library = loadLibrary(scenarioDir);
      for (const { file } of library.scenarios.values()) this.addWatchFile(resolve(file));
      const cards = [...library.scenarios.values()].map((s) => scenarioCard(s.scenario));
      return `export default ${JSON.stringify(cards)};`;
    },
    configureServer(server) {
      server.watcher.add(scenarioDir); // new files too, not only the ones already imported
    },
    // A scenario edit changes the cards and the lazily loaded library: reload the page rather than
    // hot-swapping App.tsx, which would keep the old cards module cached in the browser. Editors
    // save in several writes, so wait for the file to settle before reloading.
    hotUpdate({ file }) {
      if (this.environment.name !== 'client' || !file.startsWith(scenarioDir) || !/\.ya?ml$/.test(file)) return;
      const env = this.environment;
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => {
        const mod = env.moduleGraph.getModuleById(RESOLVED);
        if (mod) env.moduleGraph.invalidateModule(mod);
        env.hot.send({ type: 'full-reload' });
      }, 200);
      return [];
    },
  };
}

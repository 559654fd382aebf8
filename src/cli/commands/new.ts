import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { defaultScenarioDir, displayPath } from '../../node/library.ts';
import { SCENARIO_ID, starterScenario } from '../../scenario/starter.ts';
import { EXIT, langOf, parseCommandArgs, UsageError, type Io } from '../io.ts';

export const newCommand = {
  help: `Usage: dojo new ID [--locale zh|en] [--dir DIR] [--force] [--lang zh|en]

Write a commented starter scenario to DIR/ID.yaml (default DIR: scenarios/). It validates and
plays as written; change the story section by section and run 'dojo validate' after each change.

  --locale zh|en   language of the starter's texts and comments (default: --lang, else LANG)
  --dir DIR        where to write it (created if missing)
  --force          overwrite an existing file

ID: lower-case letters, digits, - and _, starting with a letter or digit (at most 64).
Exit 0 written, 1 the file exists (use --force), 2 usage error (e.g. a bad ID).
`,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      locale: { type: 'string' },
      dir: { type: 'string' },
      force: { type: 'boolean' },
    });
    const lang = langOf(values.lang, io.env);
    const locale = values.locale === undefined ? lang : values.locale;
    if (locale !== 'zh' && locale !== 'en') throw new UsageError(`--locale must be zh or en, not '${locale}'`);
    const [id, ...extra] = positionals;
    if (id === undefined) throw new UsageError('name the new scenario, e.g. dojo new late-delivery');
    if (extra.length > 0) throw new UsageError(`one ID at a time (got also '${extra.join(' ')}')`);
    if (!SCENARIO_ID.test(id)) {
      throw new UsageError(`'${id}' is not a valid scenario id: use lower-case letters, digits, - and _, starting with a letter or digit (at most 64)`);
    }

    const local = resolve('scenarios');
    const dir = resolve(values.dir ?? (existsSync(local) ? local : defaultScenarioDir()));
    const path = join(dir, `${id}.yaml`);
    if (existsSync(path) && !values.force) {
      io.err(
        lang === 'zh'
          ? `dojo new: ${displayPath(path)} 已存在;要覆盖请加 --force。\n`
          : `dojo new: ${displayPath(path)} already exists; add --force to overwrite it.\n`,
      );
      return EXIT.bad;
    }
    // Editors find the JSON Schema through the first line; point it at the shipped schema.
    const schemaPath = relative(dir, join(defaultScenarioDir(), 'schema.json')).replaceAll('\\', '/');
    const schema = schemaPath.startsWith('.') || schemaPath.startsWith('/') ? schemaPath : `./${schemaPath}`;
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, starterScenario(id, locale, schema));
    } catch (e) {
      io.err(`dojo new: cannot write ${displayPath(path)}: ${(e as Error).message}\n`);
      return EXIT.bad;
    }
    const shown = displayPath(path);
    io.out(
      lang === 'zh'
        ? `已写入 ${shown}\n接下来:编辑它,然后运行\n  dojo validate ${shown}\n  dojo play ${id} --replies 回复.txt\n`
        : `wrote ${shown}\nNext: edit it, then run\n  dojo validate ${shown}\n  dojo play ${id} --replies replies.txt\n`,
    );
    return EXIT.ok;
  },
};

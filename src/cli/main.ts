import { coachCommand } from './commands/coach.ts';
import { doctorCommand } from './commands/doctor.ts';
import { listCommand } from './commands/list.ts';
import { newCommand } from './commands/new.ts';
import { playCommand } from './commands/play.ts';
import { practiceCommand } from './commands/practice.ts';
import { quizCommand } from './commands/quiz.ts';
import { scoreCommand } from './commands/score.ts';
import { validateCommand } from './commands/validate.ts';
import { EXIT, UsageError, type Io, defaultIo } from './io.ts';

const HELP = `dojo — Complaint Dojo: practise handling angry customers, scored against SERVQUAL
and the complaint-handling steps.

Usage:
  dojo score FILE... [--scenario ID|PATH] [--json]   score transcripts (YAML or JSON)
  dojo validate [PATH...] [--json]                   check scenario and rubric files
  dojo new ID [--locale zh|en] [--dir DIR]           write a commented starter scenario
  dojo list [--json]                                 the scenario library
  dojo practice [SCENARIO]                           talk to an angry customer (terminal)
  dojo play SCENARIO --replies FILE [--seed N] [--json]  a whole conversation from a file
  dojo coach [SCENARIO]                              answer a customer, get scored at once
  dojo doctor [--model M] [--json]                   check the local model (Ollama) for --llm
  dojo quiz [--topic T] [--new N]                    exam questions with spaced repetition (terminal)
  dojo quiz --list [--json] | --grade ID --answer TEXT [--json]   the bank; grade one answer
  dojo COMMAND --help                                help for one command

Options for every command:
  --lang zh|en   language of messages (default: from LANG, else en)
  -h, --help     show help

Exit codes: 0 ok, 1 bad input (a file with errors, an unknown scenario), 2 usage error.
`;

const COMMANDS: Record<string, { help: string; run: (args: string[], io: Io) => Promise<number> }> = {
  score: scoreCommand,
  validate: validateCommand,
  new: newCommand,
  list: listCommand,
  coach: coachCommand,
  play: playCommand,
  practice: practiceCommand,
  doctor: doctorCommand,
  quiz: quizCommand,
};

/**
 * Run the CLI with `argv` (without `node` and the script) and return the exit code. All output
 * goes through `io`, so tests run it in-process. No stack trace ever reaches the user.
 */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.out(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out('complaint-dojo 0.1.0\n');
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`dojo: unknown command '${name}'. Run 'dojo --help' for the list.\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`dojo ${name}: ${e.message}\n${command.help.split('\n')[0]}\n`);
      return EXIT.usage;
    }
    // A bug, not bad input: say so plainly, keep the trace out of the user's face.
    io.err(`dojo ${name}: internal error: ${(e as Error).message}\nPlease report this with the command you ran.\n`);
    if (process.env.DOJO_DEBUG) io.err(`${(e as Error).stack}\n`);
    return EXIT.bad;
  }
}

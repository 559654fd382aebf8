import { render } from 'ink';
import { QuizApp, type QuizAppProps } from './QuizApp.tsx';

/** Render the quiz in the terminal until the candidate quits. */
export async function runQuiz(props: Omit<QuizAppProps, 'now' | 'interactive'>): Promise<void> {
  const app = render(<QuizApp {...props} now={() => Date.now()} interactive={true} />, { exitOnCtrlC: true });
  await app.waitUntilExit();
}

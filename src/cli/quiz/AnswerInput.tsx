import { useInput } from 'ink';
import { TypedLine, useTypedLine } from '../typed-line.tsx';

/**
 * A one-line answer input: printable input (Chinese included) is appended, Backspace deletes the
 * last character, Enter submits a non-empty answer. Line breaks in pasted text become spaces, since
 * an answer is one piece of text.
 */
export function AnswerInput({ placeholder, onSubmit, active }: { placeholder: string; onSubmit: (text: string) => void; active: boolean }) {
  const { value, typed, set } = useTypedLine();
  useInput(
    (input, key) => {
      const current = typed.current;
      if (key.return) {
        if (current.trim() !== '') onSubmit(current.trim());
      } else if (key.backspace || key.delete) {
        set(Array.from(current).slice(0, -1).join(''));
      } else if (!key.ctrl && !key.meta && !key.tab && !key.escape && input) {
        const text = input.replace(/\r\n|\r|\n/g, ' ');
        // A paste that ends with a line break is a finished answer.
        if (/[\r\n]$/.test(input) && (current + text).trim() !== '') onSubmit((current + text).trim());
        else set(current + text);
      }
    },
    { isActive: active },
  );
  return <TypedLine value={value} placeholder={placeholder} />;
}

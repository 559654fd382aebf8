import { useInput } from 'ink';
import { TypedLine, useTypedLine } from '../typed-line.tsx';

/**
 * A one-line text input: printable input (Chinese included) is appended, Backspace deletes the
 * last character, Enter (or a line break in pasted text) submits a non-empty reply.
 */
export function ReplyInput({ placeholder, onSubmit, active }: { placeholder: string; onSubmit: (text: string) => void; active: boolean }) {
  const { value, typed, set } = useTypedLine();
  useInput(
    (input, key) => {
      if (key.return) {
        if (typed.current.trim() !== '') onSubmit(typed.current.trim());
        set('');
      } else if (key.backspace || key.delete) {
        set(Array.from(typed.current).slice(0, -1).join(''));
      } else if (!key.ctrl && !key.meta && !key.tab && !key.escape && input) {
        // Pasted text can arrive with its line breaks in one chunk: each break sends a reply.
        const parts = input.split(/\r\n|\r|\n/);
        if (parts.length === 1) return set(typed.current + input);
        const first = (typed.current + parts[0]).trim();
        if (first !== '') onSubmit(first);
        for (const middle of parts.slice(1, -1)) if (middle.trim() !== '') onSubmit(middle.trim());
        set(parts[parts.length - 1]!);
      }
    },
    { isActive: active },
  );
  return <TypedLine value={value} placeholder={placeholder} />;
}

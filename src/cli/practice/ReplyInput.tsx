import { Text, useInput } from 'ink';
import { useRef, useState } from 'react';

/**
 * A one-line text input: printable input (Chinese included) is appended, Backspace deletes the
 * last character, Enter (or a line break in pasted text) submits a non-empty reply.
 */
export function ReplyInput({ placeholder, onSubmit, active }: { placeholder: string; onSubmit: (text: string) => void; active: boolean }) {
  const [value, setValue] = useState('');
  // Keys can arrive faster than React re-renders (typing then Enter in one burst): the ref always
  // holds what was typed, so an Enter handled before the next render still sends the whole text.
  const typed = useRef('');
  const update = (next: string) => {
    typed.current = next;
    setValue(next);
  };
  useInput(
    (input, key) => {
      if (key.return) {
        if (typed.current.trim() !== '') onSubmit(typed.current.trim());
        update('');
      } else if (key.backspace || key.delete) {
        update(Array.from(typed.current).slice(0, -1).join(''));
      } else if (!key.ctrl && !key.meta && !key.tab && !key.escape && input) {
        // Pasted text can arrive with its line breaks in one chunk: each break sends a reply.
        const parts = input.split(/\r\n|\r|\n/);
        if (parts.length === 1) return update(typed.current + input);
        const first = (typed.current + parts[0]).trim();
        if (first !== '') onSubmit(first);
        for (const middle of parts.slice(1, -1)) if (middle.trim() !== '') onSubmit(middle.trim());
        update(parts[parts.length - 1]!);
      }
    },
    { isActive: active },
  );
  return (
    <Text>
      <Text color="cyan">{'> '}</Text>
      {value === '' ? <Text dimColor>{placeholder}</Text> : value}
      <Text inverse> </Text>
    </Text>
  );
}

import { Text, useInput } from 'ink';
import { useState } from 'react';

/**
 * A one-line text input: printable input (Chinese included) is appended, Backspace deletes the
 * last character, Enter (or a line break in pasted text) submits a non-empty reply.
 */
export function ReplyInput({ placeholder, onSubmit, active }: { placeholder: string; onSubmit: (text: string) => void; active: boolean }) {
  const [value, setValue] = useState('');
  useInput(
    (input, key) => {
      if (key.return) {
        if (value.trim() !== '') onSubmit(value.trim());
        setValue('');
      } else if (key.backspace || key.delete) {
        setValue((v) => Array.from(v).slice(0, -1).join(''));
      } else if (!key.ctrl && !key.meta && !key.tab && !key.escape && input) {
        // Pasted text can arrive with its line breaks in one chunk: each break sends a reply.
        const parts = input.split(/\r\n|\r|\n/);
        if (parts.length === 1) return setValue((v) => v + input);
        const first = (value + parts[0]).trim();
        if (first !== '') onSubmit(first);
        for (const middle of parts.slice(1, -1)) if (middle.trim() !== '') onSubmit(middle.trim());
        setValue(parts[parts.length - 1]!);
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

import { Text, useInput } from 'ink';
import { useState } from 'react';

/**
 * A one-line text input: printable input (Chinese included) is appended, Backspace deletes the
 * last character, Enter submits a non-empty reply.
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
        setValue((v) => v + input.replace(/[\r\n]+/g, ' '));
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

import { Text, useInput } from 'ink';
import { useState } from 'react';

/**
 * A one-line answer input: printable input (Chinese included) is appended, Backspace deletes the
 * last character, Enter submits a non-empty answer. Line breaks in pasted text become spaces, since
 * an answer is one piece of text.
 */
export function AnswerInput({ placeholder, onSubmit, active }: { placeholder: string; onSubmit: (text: string) => void; active: boolean }) {
  const [value, setValue] = useState('');
  useInput(
    (input, key) => {
      if (key.return) {
        if (value.trim() !== '') onSubmit(value.trim());
      } else if (key.backspace || key.delete) {
        setValue((v) => Array.from(v).slice(0, -1).join(''));
      } else if (!key.ctrl && !key.meta && !key.tab && !key.escape && input) {
        const text = input.replace(/\r\n|\r|\n/g, ' ');
        // A paste that ends with a line break is a finished answer.
        if (/[\r\n]$/.test(input) && (value + text).trim() !== '') onSubmit((value + text).trim());
        else setValue((v) => v + text);
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

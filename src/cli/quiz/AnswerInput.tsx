import { Text, useInput } from 'ink';
import { useRef, useState } from 'react';

/**
 * A one-line answer input: printable input (Chinese included) is appended, Backspace deletes the
 * last character, Enter submits a non-empty answer. Line breaks in pasted text become spaces, since
 * an answer is one piece of text.
 */
export function AnswerInput({ placeholder, onSubmit, active }: { placeholder: string; onSubmit: (text: string) => void; active: boolean }) {
  const [value, setValueState] = useState('');
  // Read the latest text through a ref: Enter can arrive before a re-render refreshes the handler.
  const latest = useRef('');
  const setValue = (v: string) => {
    latest.current = v;
    setValueState(v);
  };
  useInput(
    (input, key) => {
      const current = latest.current;
      if (key.return) {
        if (current.trim() !== '') onSubmit(current.trim());
      } else if (key.backspace || key.delete) {
        setValue(Array.from(current).slice(0, -1).join(''));
      } else if (!key.ctrl && !key.meta && !key.tab && !key.escape && input) {
        const text = input.replace(/\r\n|\r|\n/g, ' ');
        // A paste that ends with a line break is a finished answer.
        if (/[\r\n]$/.test(input) && (current + text).trim() !== '') onSubmit((current + text).trim());
        else setValue(current + text);
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

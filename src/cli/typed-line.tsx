import { Text } from 'ink';
import { useRef, useState } from 'react';

/**
 * The text of a one-line terminal input. Keys can arrive faster than React re-renders (typing then
 * Enter in one burst), so handlers read `typed.current`, which is updated at once, not the render's value.
 */
export function useTypedLine(): { value: string; typed: { readonly current: string }; set: (text: string) => void } {
  const [value, setValue] = useState('');
  const typed = useRef('');
  const set = (text: string) => {
    typed.current = text;
    setValue(text);
  };
  return { value, typed, set };
}

/** `> text█`, or the placeholder dimmed while nothing is typed. */
export function TypedLine({ value, placeholder }: { value: string; placeholder: string }) {
  return (
    <Text>
      <Text color="cyan">{'> '}</Text>
      {value === '' ? <Text dimColor>{placeholder}</Text> : value}
      <Text inverse> </Text>
    </Text>
  );
}

/** The four faces of the customer, by anger (0-100). */
export type Mood = 'calm' | 'annoyed' | 'angry' | 'furious';

export function moodOf(anger: number): Mood {
  if (anger < 30) return 'calm';
  if (anger < 55) return 'annoyed';
  if (anger < 80) return 'angry';
  return 'furious';
}

/**
 * How long the customer "types" before a line appears: long enough to feel like a person
 * (about 300 ms plus 18 ms a character), never so long that practice drags (1.6 s at most).
 */
export function typingDelayMs(line: string): number {
  return Math.min(1600, 300 + 18 * [...line].length);
}

/**
 * Numbers stated in a text, Chinese or English: Arabic digits ("48,000", "2:40" → 2 and 40),
 * Chinese numerals ("四万八" → 48000, "十二月" → 12, "两点四十" → 2 and 40) and English number
 * words ("three months", "forty-eight thousand"). 0 and 1 are left out: "一下", "一个", "a/one"
 * are everywhere and say nothing checkable. Idioms that contain numerals ("十分", "万一", "千万")
 * are skipped. Pure and small on purpose: the guard must be explainable, not clever.
 */
export function numbersIn(text: string): number[] {
  const out = new Set<number>();
  const add = (n: number) => {
    if (Number.isFinite(n) && n > 1) out.add(n);
  };
  let t = text.normalize('NFKC');
  for (const idiom of IDIOMS) if (t.includes(idiom)) t = t.split(idiom).join(' ');
  t = t.replace(/百分之/g, ' ');

  for (const m of t.matchAll(/\d[\d,]*(?:\.\d+)?/g)) {
    // A comma groups thousands only when three digits follow it ("48,000"); otherwise it separates.
    for (const part of m[0].split(/,(?!\d{3}(?:\D|$))/)) add(Number(part.replace(/,/g, '')));
  }
  for (const m of t.matchAll(/[零〇一二两三四五六七八九十百千万亿]+/g)) add(chineseNumber(m[0]));
  for (const m of t.toLowerCase().matchAll(EN_RUN)) add(englishNumber(m[0]));
  return [...out];
}

const IDIOMS = [
  '十分', '万一', '千万', '万万', '万分', '十足', '百般', '三番五次', '乱七八糟', '七嘴八舌', '一五一十',
  '五花八门', '三言两语', '千方百计', '不三不四', '两回事', '九牛一毛', '一清二楚', '三心二意', '接二连三',
  '说一不二', '独一无二', '十全十美', '十有八九', '千辛万苦', '千真万确', '一模一样', '三天两头', '七上八下',
];

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10_000, 亿: 100_000_000 };

/** "四万八" = 48000 (a trailing digit after a unit counts in the next unit down), "二零二四" = 2024. */
function chineseNumber(run: string): number {
  const chars = [...run];
  if (chars.every((c) => c in DIGIT)) return Number(chars.map((c) => DIGIT[c]).join(''));
  let total = 0;
  let section = 0;
  let digit = 0;
  let lastUnit = 0;
  let prevWasUnit = false;
  for (const c of chars) {
    if (c in DIGIT) {
      digit = DIGIT[c]!;
      prevWasUnit = false;
      continue;
    }
    const unit = UNIT[c]!;
    if (unit >= 10_000) {
      total += (section + digit || 1) * unit;
      section = 0;
    } else {
      section += (digit || (unit === 10 ? 1 : 0)) * unit;
    }
    digit = 0;
    lastUnit = unit;
    prevWasUnit = true;
  }
  // A digit left after a unit: "三百五" = 350, "十五" = 15.
  const tail = !prevWasUnit && digit > 0 ? (lastUnit > 10 ? digit * (lastUnit / 10) : digit) : 0;
  return total + section + tail;
}

const EN_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, twice: 2, dozen: 12,
};
const EN_SCALE: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };
const EN_WORD = `(?:${[...Object.keys(EN_WORDS), ...Object.keys(EN_SCALE)].join('|')})`;
const EN_RUN = new RegExp(`\\b${EN_WORD}(?:[\\s-]+(?:and[\\s-]+)?${EN_WORD})*\\b`, 'g');

function englishNumber(run: string): number {
  let total = 0;
  let current = 0;
  for (const w of run.split(/[\s-]+/)) {
    if (w === 'and') continue;
    if (w in EN_WORDS) current += EN_WORDS[w]!;
    else if (w === 'hundred') current = (current || 1) * 100;
    else {
      total += (current || 1) * EN_SCALE[w]!;
      current = 0;
    }
  }
  return total + current;
}

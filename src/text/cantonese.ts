/**
 * Written Cantonese read as Mandarin, so a Hong Kong trainee's "對唔住,係我哋做得唔好" is heard
 * like "对不起,是我们做得不好". Every replacement keeps the length (one character for one, two
 * for two), so the origin map of the normalised text still points at the trainee's own words.
 * It runs after Traditional → Simplified, on text with at least one Cantonese-only character
 * (`CANTONESE_MARKERS`).
 */

/**
 * Characters that appear in written Cantonese but hardly ever in Mandarin; callers build their own
 * per-character table from them.
 */
export const CANTONESE_MARKERS: readonly string[] = [...'唔冇嘅哋畀睇咗嚟佢喺啲嗰揾搵攞咩嘢噉乜冚'];

/** Two-character words first (they would read wrongly character by character). */
const WORDS: Record<string, string> = {
  唔该: '谢谢',
  唔使: '不用',
  唔系: '不是',
  冇得: '没有',
  听日: '明天',
  琴日: '昨天',
  寻日: '昨天',
  上昼: '上午',
  下昼: '下午',
  而家: '现在',
  点解: '为何',
  乜嘢: '什么',
  边个: '哪个',
  边度: '哪里',
  几时: '何时',
  即刻: '立刻',
};

const CHARS: Record<string, string> = {
  唔: '不',
  冇: '没',
  嘅: '的',
  哋: '们',
  畀: '给',
  俾: '给',
  睇: '看',
  咗: '了',
  嚟: '来',
  佢: '他',
  喺: '在',
  啲: '些',
  嗰: '那',
  揾: '找',
  搵: '找',
  攞: '拿',
  咩: '么',
};

/**
 * 係 (是) becomes 系 in Simplified; read it as 是 except inside the Mandarin words that use 系.
 */
const SYSTEM_WORDS = new Set(['关系', '联系', '体系', '派系', '维系', '直系', '院系', '科系', '水系', '语系', '星系', '世系', '系统', '系列', '系数', '系着', '系上', '系好', '系鞋']);

/** Cantonese words and characters → Mandarin, in place, one character for one. */
export function foldCantonese(chars: string[]): void {
  for (let i = 0; i < chars.length; i++) {
    const pair = chars[i]! + (chars[i + 1] ?? '');
    const word = WORDS[pair];
    if (word) {
      chars[i] = word[0]!;
      chars[i + 1] = word[1]!;
      i++;
      continue;
    }
    if (chars[i] === '系') {
      const around = (chars[i - 1] ?? '') + '系';
      if (!SYSTEM_WORDS.has(around) && !SYSTEM_WORDS.has(pair)) chars[i] = '是';
      continue;
    }
    chars[i] = CHARS[chars[i]!] ?? chars[i]!;
  }
}

/**
 * A fast reader for the plain subset of YAML that scenario and rubric files are written in: block
 * maps and lists, one-line plain and quoted scalars, one-line flow lists and maps, and comments.
 * It gives the same data as the `yaml` package's `parseDocument(...).toJS()` and the same line:col
 * of every node and key, about ten times faster. Anything outside the subset — anchors, tags,
 * block scalars, multi-line scalars, tabs, empty values, duplicate keys, and every syntax error —
 * makes it give up (undefined), and the caller parses with the full parser instead. A differential
 * test (test/scenario/fuzz.test.ts) holds it to that promise on thousands of mutated files.
 */

export interface Pos {
  readonly line: number;
  readonly col: number;
}

export interface FastDocument {
  readonly value: unknown;
  /** Where each node starts, by path key (see `pathKey`). */
  readonly nodes: ReadonlyMap<string, Pos>;
  /** Where each map key is written, by the path key of its value. */
  readonly keys: ReadonlyMap<string, Pos>;
}

/** The key of a document path in `nodes` and `keys`: each segment prefixed by NUL. */
export function pathKey(path: readonly (string | number)[]): string {
  let key = '';
  for (const seg of path) key += `\u0000${seg}`;
  return key;
}

interface Line {
  readonly text: string;
  /** 0-based index where the content starts (the indentation, or past a `- `). */
  indent: number;
  /** 1-based line number. */
  readonly no: number;
}

const GIVE_UP = { giveUp: true };
const giveUp = (): never => {
  throw GIVE_UP;
};

// Characters the subset never has to reason about: tabs, carriage returns, control characters,
// a byte-order mark and the Unicode line separators. The full parser deals with them.
const OUTSIDE_SUBSET = /[\t\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029\ufeff]/;
// Plain keys only; the null words would be read as a null key (an empty string in the data).
const KEY = /^(?!(?:null|Null|NULL)$)[A-Za-z_][A-Za-z0-9_-]*$/;
const isKeyChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
// May not start a plain scalar (YAML indicators); '-' followed by a digit or '.' is allowed.
const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';

/** The YAML 1.2 core schema's reading of a plain scalar, or give up on the rare forms. */
function resolvePlain(s: string): unknown {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    if (/^[-+]?[0-9]+$/.test(s)) return s.length > 15 ? giveUp() : Number(s);
    if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s)) return s.length > 15 ? giveUp() : Number(s);
    if (/^0[ox]/.test(s) || /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/.test(s)) giveUp();
  }
  return s;
}

/**
 * Parse `text` if it is written in the subset, else undefined. Never throws for any input.
 */
export function fastParse(text: string): FastDocument | undefined {
  if (OUTSIDE_SUBSET.test(text)) return undefined;
  const lines: Line[] = [];
  let no = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    no++;
    const raw = text.slice(start, end);
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    if (indent < raw.length && raw.charCodeAt(indent) !== 35 /* # */) lines.push({ text: raw, indent, no });
    start = end + 1;
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;

  const nodes = new Map<string, Pos>();
  const keys = new Map<string, Pos>();
  let i = 0;
  const at = (line: Line, index: number): Pos => ({ line: line.no, col: index + 1 });
  const isSeqStart = (t: string, p: number) => t.charCodeAt(p) === 45 && (p + 1 === t.length || t.charCodeAt(p + 1) === 32);
  const keyEnd = (t: string, p: number): number => {
    let q = p;
    while (q < t.length && isKeyChar(t.charCodeAt(q))) q++;
    return q > p && t.charCodeAt(q) === 58 /* : */ && (q + 1 === t.length || t.charCodeAt(q + 1) === 32) ? q : -1;
  };
  /** Only spaces and a comment may follow a value on its line. */
  const restIsBlank = (t: string, p: number) => {
    let q = p;
    while (t.charCodeAt(q) === 32) q++;
    if (q < t.length && (t.charCodeAt(q) !== 35 || q === p)) giveUp();
  };

  function quoted(t: string, p: number): [string, number] {
    const q = t[p]!;
    let out = '';
    for (let k = p + 1; k < t.length; k++) {
      const ch = t[k]!;
      if (q === "'") {
        if (ch !== "'") out += ch;
        else if (t[k + 1] === "'") out += t[++k];
        else return [out, k + 1];
      } else if (ch === '"') return [out, k + 1];
      else if (ch === '\\') {
        const e = t[++k];
        if (e === '\\' || e === '"' || e === '/') out += e;
        else if (e === 'n') out += '\n';
        else if (e === 't') out += '\t';
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(k + 1, k + 5))) {
          const code = parseInt(t.slice(k + 1, k + 5), 16);
          if (code >= 0xd800 && code <= 0xdfff) giveUp();
          out += String.fromCharCode(code);
          k += 4;
        } else giveUp();
      } else out += ch;
    }
    return giveUp();
  }

  /** A flow value starting at `p` (spaces skipped); returns the value and the index after it. */
  function flow(line: Line, p0: number, path: string): [unknown, number] {
    const t = line.text;
    let p = p0;
    while (t.charCodeAt(p) === 32) p++;
    nodes.set(path, at(line, p));
    const ch = t[p];
    if (ch === '"' || ch === "'") return quoted(t, p);
    if (ch === '[' || ch === '{') {
      const close = ch === '[' ? ']' : '}';
      const list: unknown[] = [];
      const map: Record<string, unknown> = {};
      p++;
      for (let n = 0; ; n++) {
        while (t.charCodeAt(p) === 32) p++;
        if (t[p] === close && n === 0) return [ch === '[' ? list : map, p + 1];
        let value: unknown;
        if (ch === '[') {
          [value, p] = flow(line, p, `${path}\u0000${list.length}`);
          list.push(value);
        } else {
          const end = keyEnd(t, p);
          const key = t.slice(p, end);
          if (end < 0 || !KEY.test(key) || key === '__proto__' || Object.hasOwn(map, key)) giveUp();
          keys.set(`${path}\u0000${key}`, at(line, p));
          [value, p] = flow(line, end + 1, `${path}\u0000${key}`);
          map[key] = value;
        }
        while (t.charCodeAt(p) === 32) p++;
        if (t[p] === close) return [ch === '[' ? list : map, p + 1];
        if (t[p] !== ',') giveUp();
        p++;
      }
    }
    // A plain scalar inside a flow collection ends at , [ ] { } or a comment.
    if (p >= t.length || (INDICATORS.includes(ch!) && !(ch === '-' && /[0-9.]/.test(t[p + 1] ?? '')))) giveUp();
    let q = p;
    while (q < t.length && !',[]{}'.includes(t[q]!) && !(t[q] === '#' && t[q - 1] === ' ')) q++;
    if (q < t.length && (t[q] === '[' || t[q] === '{')) giveUp();
    const s = t.slice(p, q).trimEnd();
    if (s.includes(': ') || s.endsWith(':')) giveUp();
    return [resolvePlain(s), p + s.length];
  }

  /** A value written on the same line after `key: ` or `- `. */
  function inline(line: Line, p: number, path: string): unknown {
    const t = line.text;
    const ch = t[p]!;
    if (ch === '"' || ch === "'" || ch === '[' || ch === '{') {
      const [value, end] = flow(line, p, path);
      restIsBlank(t, end);
      return value;
    }
    if (INDICATORS.includes(ch) && !(ch === '-' && /[0-9.]/.test(t[p + 1] ?? ''))) giveUp();
    nodes.set(path, at(line, p));
    const hash = t.indexOf(' #', p);
    const s = (hash < 0 ? t.slice(p) : t.slice(p, hash)).trimEnd();
    if (s.includes(': ') || s.endsWith(':')) giveUp();
    return resolvePlain(s);
  }

  function block(indent: number, path: string): unknown {
    const line = lines[i]!;
    return isSeqStart(line.text, indent) ? seq(indent, path) : map(indent, path);
  }

  /** After a value written inline, the next line may not be indented further (a continuation). */
  function nextNotDeeper(indent: number) {
    i++;
    if (i < lines.length && lines[i]!.indent > indent) giveUp();
  }

  function map(indent: number, path: string): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    nodes.set(path, at(lines[i]!, indent));
    while (i < lines.length && lines[i]!.indent === indent) {
      const line = lines[i]!;
      const t = line.text;
      const end = keyEnd(t, indent);
      if (end < 0) giveUp();
      const key = t.slice(indent, end);
      if (!KEY.test(key) || key === '__proto__' || Object.hasOwn(obj, key)) giveUp();
      const keyPath = `${path}\u0000${key}`;
      keys.set(keyPath, at(line, indent));
      let p = end + 1;
      while (t.charCodeAt(p) === 32) p++;
      if (p < t.length && t.charCodeAt(p) !== 35) {
        obj[key] = inline(line, p, keyPath);
        nextNotDeeper(indent);
        continue;
      }
      i++;
      const next = lines[i];
      if (next && next.indent > indent) obj[key] = block(next.indent, keyPath);
      else if (next && next.indent === indent && isSeqStart(next.text, indent)) obj[key] = seq(indent, keyPath);
      else giveUp();
    }
    if (i < lines.length && lines[i]!.indent > indent) giveUp();
    return obj;
  }

  function seq(indent: number, path: string): unknown[] {
    const list: unknown[] = [];
    nodes.set(path, at(lines[i]!, indent));
    while (i < lines.length && lines[i]!.indent === indent && isSeqStart(lines[i]!.text, indent)) {
      const line = lines[i]!;
      const t = line.text;
      const itemPath = `${path}\u0000${list.length}`;
      let p = indent + 1;
      while (t.charCodeAt(p) === 32) p++;
      if (p >= t.length || t.charCodeAt(p) === 35) {
        i++;
        const next = lines[i];
        if (next && next.indent > indent) list.push(block(next.indent, itemPath));
        else giveUp();
      } else if (isSeqStart(t, p) || keyEnd(t, p) >= 0) {
        // A compact nested list or map: its content starts at column p of this line.
        line.indent = p;
        list.push(block(p, itemPath));
      } else {
        list.push(inline(line, p, itemPath));
        nextNotDeeper(indent);
      }
    }
    if (i < lines.length && lines[i]!.indent > indent) giveUp();
    return list;
  }

  try {
    const value = block(0, '');
    return i === lines.length ? { value, nodes, keys } : undefined;
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    // Only a stack overflow on absurd nesting can get here: the full parser reports it.
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

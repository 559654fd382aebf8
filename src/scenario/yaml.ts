import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { fastParse, pathKey, type FastDocument } from './fast-yaml.ts';
import { closest, type Issue, type IssueCode } from './issues.ts';

/** Limits that keep a hostile file from hanging or exhausting the loader. */
export const YAML_LIMITS = {
  maxBytes: 2 * 1024 * 1024,
  maxAliasCount: 500,
  /** Levels of nested lists and maps; scenario files need about eight. */
  maxDepth: 100,
} as const;

/**
 * How deeply `source` nests, counted cheaply before parsing (the parser recurses once per level,
 * so thousands of levels would exhaust the stack): the most brackets open at once, and the most
 * indentation levels (a `- ` before a line's content counts as one more).
 */
export function nestingDepth(source: string): number {
  let flow = 0;
  let deepest = 0;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 || (c === 45 && source.charCodeAt(i + 1) === 32)) {
        indent++;
        continue;
      }
      lineStart = false;
      if (c !== 35 && c !== 13) {
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
        // Each '- ' in the indentation opens a list level of its own.
        let dashes = 0;
        for (let k = i - indent; k < i; k++) if (source.charCodeAt(k) === 45) dashes++;
        if (indents.length + dashes > deepest) deepest = indents.length + dashes;
      }
    }
    if (c === 91 || c === 123) {
      flow++;
      if (flow > deepest) deepest = flow;
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return deepest;
}

/** Syntax errors reported per file; the parser's later ones are mostly echoes of the first. */
const MAX_SYNTAX_ISSUES = 10;

/** The UTF-8 size of `text`, without building the bytes. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export interface ParsedFile<T> {
  value?: T;
  issues: Issue[];
  /** Locate a path of the parsed document (for cross-reference checks). */
  locate(path: readonly (string | number)[]): { line: number; col: number };
}

type Path = readonly (string | number)[];

function makeLocator(doc: Document | undefined, lines: LineCounter) {
  return (path: Path): { line: number; col: number } => {
    if (!doc) return { line: 1, col: 1 };
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as YamlNode | undefined;
      const offset = node && typeof node === 'object' && 'range' in node ? node.range?.[0] : undefined;
      if (offset !== undefined) return lines.linePos(offset);
      if (n === 0 && doc.contents?.range) return lines.linePos(doc.contents.range[0]);
    }
    return { line: 1, col: 1 };
  };
}

/**
 * Parse YAML `source` and validate it with `schema`. Never throws for bad input: syntax errors,
 * alias bombs, oversize files and schema violations all come back as issues with line:col.
 */
export function parseYaml<S extends z.ZodType>(
  source: string,
  file: string,
  schema: S,
  maxBytes: number = YAML_LIMITS.maxBytes,
): ParsedFile<z.infer<S>> {
  const lines = new LineCounter();
  const issue = (code: IssueCode, at: { line: number; col: number }, path: Path, params: Record<string, string | number> = {}): Issue => ({
    file,
    line: at.line,
    col: at.col,
    severity: 'error',
    code,
    path: path.join('.'),
    params,
  });
  // A UTF-16 unit is one to three UTF-8 bytes: a short text cannot be too large.
  const bytes = source.length * 3 <= maxBytes ? source.length : utf8Length(source);
  if (bytes > maxBytes) {
    return {
      issues: [issue('file_too_large', { line: 1, col: 1 }, [], { size: bytes, limit: maxBytes })],
      locate: () => ({ line: 1, col: 1 }),
    };
  }

  const depth = nestingDepth(source);
  if (depth > YAML_LIMITS.maxDepth) {
    return { issues: [issue('yaml_too_deep', { line: 1, col: 1 }, [], { limit: YAML_LIMITS.maxDepth })], locate: () => ({ line: 1, col: 1 }) };
  }

  // Most files are written in the plain subset the fast reader handles; the rest (and every
  // file with a syntax error) go through the full parser below.
  const fast = fastParse(source);
  if (fast) return fromFast(fast, file, schema, issue);

  let doc: Document;
  try {
    doc = parseDocument(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    // Only pathological input gets here (e.g. nesting deep enough to overflow the stack).
    return { issues: [issue('yaml_too_deep', { line: 1, col: 1 }, [], { limit: YAML_LIMITS.maxDepth })], locate: () => ({ line: 1, col: 1 }) };
  }
  const locate = makeLocator(doc, lines);
  if (doc.errors.length > 0) {
    // One broken line makes the parser report a cascade after it: keep the first error of each
    // line, and at most MAX_SYNTAX_ISSUES, the first being the root cause to fix.
    const issues: Issue[] = [];
    const seen = new Set<number>();
    for (const e of doc.errors) {
      const at = lines.linePos(e.pos[0]);
      if (seen.has(at.line)) continue;
      seen.add(at.line);
      const msg = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      issues.push(issue('yaml_syntax', at, [], { message: msg }));
      if (issues.length === MAX_SYNTAX_ISSUES) break;
    }
    return { issues, locate };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (e) {
    if (e instanceof RangeError && /stack/i.test(e.message)) {
      return { issues: [issue('yaml_too_deep', { line: 1, col: 1 }, [], { limit: YAML_LIMITS.maxDepth })], locate };
    }
    return { issues: [issue('yaml_alias_limit', { line: 1, col: 1 }, [], { limit: YAML_LIMITS.maxAliasCount })], locate };
  }

  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, issues: [], locate };
  const locateKey = (parentPath: Path, key: string) => {
    const parent = doc.getIn(parentPath as (string | number)[], true);
    if (isMap(parent)) {
      for (const pair of parent.items) {
        if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) return lines.linePos(pair.key.range[0]);
      }
    }
    return locate(parentPath);
  };
  const ctx: Context = { data, schema, locate, locateKey, issue };
  const issues = result.error.issues.flatMap((zi) => zodIssueToIssues(zi, ctx));
  return { issues: dedupeIssues(issues), locate };
}

function fromFast<S extends z.ZodType>(fast: FastDocument, file: string, schema: S, issue: MakeIssue): ParsedFile<z.infer<S>> {
  const locate = (path: Path) => {
    for (let n = path.length; n >= 0; n--) {
      const at = fast.nodes.get(pathKey(path.slice(0, n)));
      if (at) return at;
    }
    return { line: 1, col: 1 };
  };
  const result = schema.safeParse(fast.value);
  if (result.success) return { value: result.data, issues: [], locate };
  const locateKey = (parentPath: Path, key: string) => fast.keys.get(pathKey([...parentPath, key])) ?? locate(parentPath);
  const ctx: Context = { data: fast.value, schema, locate, locateKey, issue };
  const issues = result.error.issues.flatMap((zi) => zodIssueToIssues(zi, ctx));
  return { issues: dedupeIssues(issues), locate };
}

type MakeIssue = (code: IssueCode, at: { line: number; col: number }, path: Path, params?: Record<string, string | number>) => Issue;

interface Context {
  data: unknown;
  schema: unknown;
  locate: (p: Path) => { line: number; col: number };
  /** Where the key `key` of the map at `parentPath` is written, or the map itself. */
  locateKey: (parentPath: Path, key: string) => { line: number; col: number };
  issue: MakeIssue;
}

function valueAt(data: unknown, path: Path): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return 'text';
  // YAML's .nan and .inf are numbers to JavaScript but not to the schema: say which it was.
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'not-a-number (.nan)' : 'infinity (.inf)';
  return typeof v;
}

/** Keys the schema allows for the object at `path` (for "did you mean"). */
function keysAt(schema: unknown, path: Path): string[] {
  const shapes = objectsAt(schema, path);
  return [...new Set(shapes.flatMap((s) => Object.keys(s)))];
}

// Walks zod's public `def` structure; loosely typed because it spans many schema kinds.
function objectsAt(schema: unknown, path: Path): Record<string, unknown>[] {
  const def = (schema as { def?: Record<string, any> })?.def;
  if (!def) return [];
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
      return objectsAt(def.innerType, path);
    case 'pipe':
      return objectsAt(def.in, path);
    case 'union':
      return (def.options as unknown[]).flatMap((o) => objectsAt(o, path));
    case 'array':
      return path.length === 0 ? [] : objectsAt(def.element, path.slice(1));
    case 'record':
      return path.length === 0 ? [] : objectsAt(def.valueType, path.slice(1));
    case 'object':
      if (path.length === 0) return [def.shape as Record<string, unknown>];
      return objectsAt((def.shape as Record<string, unknown>)[String(path[0])], path.slice(1));
    default:
      return [];
  }
}

function unknownKeys(ctx: Context, path: Path, keys: readonly string[]): Issue[] {
  const candidates = keysAt(ctx.schema, path);
  return keys.map((key) =>
    ctx.issue('unknown_key', ctx.locateKey(path, key), [...path, key], { key, suggestion: closest(key, candidates) }),
  );
}

function zodIssueToIssues(zi: z.core.$ZodIssue, ctx: Context): Issue[] {
  const { data, issue } = ctx;
  const path = zi.path.filter((p): p is string | number => typeof p !== 'symbol');
  const at = ctx.locate(path);
  switch (zi.code) {
    case 'unrecognized_keys':
      return unknownKeys(ctx, path, zi.keys);
    case 'invalid_union': {
      const branches = zi.errors.filter((b) => b.length > 0);
      // Report the branch that takes every key and got furthest into the value (the map form of a
      // text field; { customer: 123 }): it says more than another branch's "unknown key".
      const keysFit = branches.filter((b) => !b.some((i) => i.code === 'unrecognized_keys') && depth(b) > 0);
      const fitting = keysFit.sort((a, b) => depth(b) - depth(a))[0];
      if (fitting) {
        return fitting.flatMap((b) => zodIssueToIssues({ ...b, path: [...path, ...b.path] } as z.core.$ZodIssue, ctx));
      }
      const unknown = branches.flat().filter((b) => b.code === 'unrecognized_keys');
      // Keys each allowed by one branch but not together ({ customer, agent } in one turn).
      const allowed = keysAt(ctx.schema, path);
      const given = Object.keys((valueAt(data, path) as object | null) ?? {});
      const clashing = given.filter((k) => unknown.some((u) => u.code === 'unrecognized_keys' && u.keys.includes(k)));
      if (clashing.length > 1 && clashing.every((k) => allowed.includes(k))) {
        return [issue('exclusive_keys', at, path, { keys: clashing.map((k) => `'${k}'`).join(', ') })];
      }
      if (unknown.length > 0) {
        return unknown.flatMap((u) =>
          u.code === 'unrecognized_keys' ? unknownKeys(ctx, [...path, ...(u.path as (string | number)[])], u.keys) : [],
        );
      }
      return [issue('invalid_type', at, path, { expected: 'text or a map of zh/en text', received: describe(valueAt(data, path)) })];
    }
    case 'invalid_type': {
      const value = valueAt(data, path);
      if (value === undefined && path.length > 0) {
        return [issue('missing_key', ctx.locate(path.slice(0, -1)), path, { key: String(path[path.length - 1]) })];
      }
      return [issue('invalid_type', at, path, { expected: zi.expected, received: describe(value) })];
    }
    case 'too_small':
      return [issue('too_small', at, path, { message: zi.message })];
    case 'too_big':
      return [issue('too_big', at, path, { message: zi.message })];
    default:
      return [issue('invalid_value', at, path, { message: zi.message })];
  }
}

function depth(branch: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...branch.map((b) => (b.code === 'invalid_type' && b.expected !== 'object' ? b.path.length : b.path.length + 1)));
}

function dedupeIssues(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.line}:${i.col}:${i.code}:${i.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

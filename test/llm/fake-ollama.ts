// A small HTTP server speaking the parts of Ollama's API the app uses, on 127.0.0.1 port 0:
// GET /api/tags, POST /api/chat streamed (NDJSON, ending with an empty chunk carrying done_reason)
// and not streamed (with `format` for the judge, or an empty message list that loads the model).
// `mode` injects the faults the issue lists.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeMode = 'ok' | 'stall' | 'stall-headers' | 'malformed' | 'disconnect' | 'http500' | 'text500';

export interface FakeOllamaOptions {
  /** Models listed by /api/tags; chat with any other model answers 404 like Ollama. */
  models?: string[];
  mode?: FakeMode;
  /** The customer line the model "says" (streamed piece by piece). */
  line?: string | ((body: ChatBody) => string);
  /** The content of a non-streamed answer with `format` (the judge). */
  judge?: string | ((body: ChatBody) => string);
  /** How long a stall lasts before the pieces come after all. */
  stallMs?: number;
  /** Pause between streamed pieces. */
  pieceMs?: number;
}

export interface ChatBody {
  model: string;
  messages?: { role: string; content: string }[];
  stream?: boolean;
  format?: unknown;
  options?: Record<string, unknown>;
}

export interface RequestLog {
  method: string;
  path: string;
  body?: ChatBody;
  /** For streamed chats: set when the connection closed before the answer was complete. */
  clientClosedEarly?: boolean;
}

export interface FakeOllama {
  readonly host: string;
  readonly requests: RequestLog[];
  options: FakeOllamaOptions;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const created_at = '2025-01-01T00:00:00.000Z';

/** Split a line into streamed pieces: a Chinese character or an English word (with its space) each. */
export function piecesOf(line: string): string[] {
  return line.match(/[\p{Script=Han}]|[^\s\p{Script=Han}]+\s*|\s+/gu) ?? [];
}

export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const requests: RequestLog[] = [];
  const fake: { options: FakeOllamaOptions } = { options };
  const server: Server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const log: RequestLog = { method: req.method ?? '', path: req.url ?? '' };
    requests.push(log);
    const o = fake.options;
    const models = o.models ?? ['qwen2.5:7b'];
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(value));
    };
    if (req.method === 'GET' && req.url === '/api/tags') {
      return json(200, {
        models: models.map((name) => ({
          name,
          model: name,
          modified_at: created_at,
          size: 4_683_087_332,
          digest: 'f'.repeat(64),
          details: { format: 'gguf', family: 'qwen2', parameter_size: '7.6B', quantization_level: 'Q4_K_M' },
        })),
      });
    }
    if (req.method !== 'POST' || req.url !== '/api/chat') return json(404, { error: 'not found' });
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatBody;
    log.body = body;
    if (!models.includes(body.model)) return json(404, { error: `model "${body.model}" not found, try pulling it first` });
    if (o.mode === 'http500') return json(500, { error: 'llama runner process has terminated: exit status 2' });
    if (o.mode === 'text500') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      return res.end('Internal Server Error');
    }
    const done = (content: string, reason: string) => ({
      model: body.model,
      created_at,
      message: { role: 'assistant', content },
      done_reason: reason,
      done: true,
      total_duration: 1_000_000,
      eval_count: 12,
    });
    if (!body.messages || body.messages.length === 0) return json(200, done('', 'load'));
    if (!body.stream) {
      const content = typeof o.judge === 'function' ? o.judge(body) : (o.judge ?? '{}');
      return json(200, done(content, 'stop'));
    }

    const line = typeof o.line === 'function' ? o.line(body) : (o.line ?? '你这话还算像句人话,可我心里还是堵得慌。');
    let closed = false;
    res.on('close', () => {
      closed = true;
      if (!res.writableFinished) log.clientClosedEarly = true;
    });
    if (o.mode === 'stall-headers') await sleep(o.stallMs ?? 5000);
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.flushHeaders();
    if (o.mode === 'stall') await sleep(o.stallMs ?? 5000);
    const pieces = piecesOf(line);
    for (const [i, piece] of pieces.entries()) {
      if (closed) return;
      if (o.mode === 'malformed' && i === 2) res.write('{"model":"qwen2.5:7b","message":{"role":"assist\n');
      if (o.mode === 'disconnect' && i === 2) return res.socket?.destroy();
      res.write(`${JSON.stringify({ model: body.model, created_at, message: { role: 'assistant', content: piece }, done: false })}\n`);
      if (o.pieceMs) await sleep(o.pieceMs);
    }
    if (!closed) res.end(`${JSON.stringify(done('', 'stop'))}\n`);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `http://127.0.0.1:${port}`,
    requests,
    get options() {
      return fake.options;
    },
    set options(v) {
      fake.options = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A host where nothing listens: a port that was just free. */
export async function closedPortHost(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

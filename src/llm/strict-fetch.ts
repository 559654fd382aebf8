import { MALFORMED_MARK } from './notices.ts';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Wrap a `fetch` for the ollama-js client (its `fetch` option) so faults become errors the client
 * throws, instead of console output the trainee would see on top of the screen:
 * - ollama-js skips a garbled NDJSON line with `console.warn`; here such a line becomes
 *   `{"error":"dojo:malformed_json"}`, which the client throws and `classifyFailure` names;
 * - an HTTP error with a non-JSON body (which ollama-js logs with `console.log`) gets a JSON body
 *   `{"error": <text>}` with the same status.
 * Uses only web-standard APIs (Response, TransformStream, TextDecoder), so it works in the browser.
 */
export function strictFetch(base: Fetch): Fetch {
  return async (input, init) => {
    const res = await base(input, init);
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok && !type.includes('json')) {
      const text = (await res.text().catch(() => '')).trim().slice(0, 200);
      return new Response(JSON.stringify({ error: text || `HTTP ${res.status}` }), {
        status: res.status,
        statusText: res.statusText,
        headers: { 'content-type': 'application/json' },
      });
    }
    if (!res.ok || !type.includes('ndjson') || !res.body) return res;
    return new Response(res.body.pipeThrough(checkedLines()), { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/** Pass NDJSON through line by line, replacing any line that is not JSON with an error line. */
function checkedLines(): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let buffer = '';
  const check = (line: string) => {
    if (line.trim() === '') return '';
    try {
      JSON.parse(line);
      return `${line}\n`;
    } catch {
      return `${JSON.stringify({ error: `${MALFORMED_MARK}: ${line.slice(0, 80)}` })}\n`;
    }
  };
  return new TransformStream({
    transform(chunk, controller) {
      buffer += decoder.decode(chunk, { stream: true });
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      const out = parts.map(check).join('');
      if (out !== '') controller.enqueue(encoder.encode(out));
    },
    flush(controller) {
      buffer += decoder.decode();
      const out = check(buffer);
      if (out !== '') controller.enqueue(encoder.encode(out));
    },
  });
}

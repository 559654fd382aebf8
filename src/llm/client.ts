/**
 * The port the core sees: the few calls of the ollama-js client it uses, by shape only. Node passes
 * `new Ollama({ host })` of the `ollama` package, the browser the one of `ollama/browser`; tests
 * may pass anything with the same shape. The core never imports the package itself.
 */

/** One chat message, as Ollama takes and returns it. */
export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The options this project sets (a subset of Ollama's model options). */
export interface LlmOptions {
  temperature?: number;
  num_ctx?: number;
  num_predict?: number;
  seed?: number;
}

export interface LlmChatRequest {
  model: string;
  messages?: LlmMessage[];
  /** `'json'` or a JSON Schema: the model's output is constrained to it. */
  format?: string | object;
  options?: LlmOptions;
  keep_alive?: string | number;
}

/** A chat response, or one chunk of a streamed one (the last has `done` and `done_reason`). */
export interface LlmChatChunk {
  message: { content: string };
  done: boolean;
  done_reason?: string;
}

/** A streamed chat: iterate for chunks; `abort()` stops the request. */
export interface LlmStream extends AsyncIterable<LlmChatChunk> {
  abort(): void;
}

export interface LlmModelInfo {
  name: string;
  model?: string;
  size?: number;
}

/** The subset of the ollama-js `Ollama` class used here (`chat` streamed or not, and `list`). */
export interface LlmClient {
  chat(request: LlmChatRequest & { stream: true }): Promise<LlmStream>;
  chat(request: LlmChatRequest & { stream?: false }): Promise<LlmChatChunk>;
  list(): Promise<{ models: LlmModelInfo[] }>;
}

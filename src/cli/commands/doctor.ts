import { classifyFailure } from '../../llm/notices.ts';
import { catalog, type Lang } from '../../text/messages.ts';
import { createOllamaClient, modelPresent, ollamaConfig } from '../../node/ollama-config.ts';
import { EXIT, langOf, parseCommandArgs, UsageError, type Io } from '../io.ts';

/** How long `dojo doctor` waits for the server's model list. */
export const DOCTOR_TIMEOUT_MS = 5000;

type Problem = 'llm_unreachable' | 'llm_server_error' | 'llm_timeout' | 'llm_model_missing' | 'llm_malformed' | 'llm_stream_broken';

const text = catalog({
  server: { zh: 'Ollama 服务({host}):', en: 'Ollama server ({host}): ' },
  answers: { zh: '有响应', en: 'answers' },
  silent: { zh: '无响应', en: 'no answer' },
  models: { zh: '已有模型:', en: 'Models: ' },
  noModels: { zh: '(没有)', en: '(none)' },
  configured: { zh: '配置的模型 {model}:', en: 'Configured model {model}: ' },
  present: { zh: '已就绪', en: 'present' },
  absent: { zh: '没有', en: 'missing' },
  ok: { zh: '一切正常。试试:dojo practice --llm', en: 'All good. Try: dojo practice --llm' },
  llm_unreachable: { zh: '连不上 {host}:请安装并启动 Ollama(ollama serve),或设置 OLLAMA_HOST。', en: "Nothing answers at {host}: install and start Ollama ('ollama serve'), or set OLLAMA_HOST." },
  llm_server_error: { zh: '服务器出错:{detail}。', en: 'The server failed: {detail}.' },
  llm_timeout: { zh: '{ms} 毫秒内没有回应。', en: 'No answer within {ms} ms.' },
  llm_malformed: { zh: '服务器返回的数据无法解析,{host} 上的可能不是 Ollama。', en: 'The answer could not be read; is {host} really Ollama?' },
  llm_stream_broken: { zh: '连接中途断开。', en: 'The connection broke off.' },
  llm_model_missing: { zh: '请先运行:ollama pull {model}(或用 --model / OLLAMA_MODEL 选择已有的模型)', en: "Run 'ollama pull {model}' (or choose a model it has with --model / OLLAMA_MODEL)." },
});

export const doctorCommand = {
  help: `Usage: dojo doctor [--model M] [--json] [--lang zh|en]

Check the local model setup for --llm: does the Ollama server answer (OLLAMA_HOST, default
http://127.0.0.1:11434), which models does it have, and is the configured one (--model, else
OLLAMA_MODEL, else qwen2.5:7b) among them?

  --json   print { ok, host, model, server, models, model_present, problems: [{ code, message }] }

Exit codes: 0 all good, 1 a problem was found, 2 usage error.
`,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { model: { type: 'string' }, json: { type: 'boolean' } });
    const lang: Lang = langOf(values.lang, io.env);
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const config = ollamaConfig(io.env, values.model);
    if ('error' in config) throw new UsageError(config.error);
    const { host, model } = config;

    let server: 'ok' | 'unreachable' | 'error' | 'timeout' = 'ok';
    let models: string[] = [];
    const problems: { code: Problem; message: string }[] = [];
    const problem = (code: Problem, detail = '') => problems.push({ code, message: text(code, lang, { host, model, detail, ms: DOCTOR_TIMEOUT_MS }) });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const listing = createOllamaClient(host).list();
      listing.catch(() => undefined);
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), DOCTOR_TIMEOUT_MS)));
      const answer = await Promise.race([listing, timeout]);
      if (answer === 'timeout') {
        server = 'timeout';
        problem('llm_timeout');
      } else {
        models = (answer.models ?? []).map((m) => m.name).sort();
      }
    } catch (e) {
      const f = classifyFailure(e, 'request');
      server = f.code === 'llm_unreachable' ? 'unreachable' : 'error';
      problem(f.code === 'llm_model_missing' ? 'llm_server_error' : (f.code as Problem), f.detail);
    } finally {
      clearTimeout(timer);
    }
    const present = server === 'ok' && modelPresent(model, models);
    if (server === 'ok' && !present) problem('llm_model_missing');
    const ok = problems.length === 0;

    if (values.json) {
      io.out(`${JSON.stringify({ ok, host, model, server, models, model_present: present, problems }, null, 2)}\n`);
      return ok ? EXIT.ok : EXIT.bad;
    }
    io.out(`${text('server', lang, { host })}${server === 'ok' ? text('answers', lang) : text('silent', lang)}\n`);
    if (server === 'ok') {
      io.out(`${text('models', lang)}${models.length > 0 ? models.join(', ') : text('noModels', lang)}\n`);
      io.out(`${text('configured', lang, { model })}${present ? text('present', lang) : text('absent', lang)}\n`);
    }
    for (const p of problems) io.out(`✘ ${p.message}\n`);
    if (ok) io.out(`✔ ${text('ok', lang)}\n`);
    return ok ? EXIT.ok : EXIT.bad;
  },
};

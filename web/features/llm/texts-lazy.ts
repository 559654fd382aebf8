import { catalog } from '../../../src/text/messages.ts';

/** The labels of the local-model settings dialog and the report's second opinion, in zh and en. */
export const lt = catalog({
  title: { zh: '本地模型(Ollama,可选)', en: 'Local model (Ollama, optional)' },
  intro: {
    zh: '打开后,本地模型负责顾客台词的措辞(逐字显示),并在报告旁给出第二意见。怒气、阶段、事实和结局仍由规则决定,官方分数仍是规则评分。',
    en: "When on, a local model words the customer's lines (shown as they are written) and gives a second opinion beside the report. The rules still decide anger, stage, facts and ending, and the rule score stays official.",
  },
  enabled: { zh: '使用本地模型(Ollama)', en: 'Use a local model (Ollama)' },
  host: { zh: '服务器地址', en: 'Server address' },
  model: { zh: '模型', en: 'Model' },
  hostInvalid: { zh: '这不是可用的地址,仍使用 {host}。', en: 'Not a usable address; still using {host}.' },
  check: { zh: '检查连接', en: 'Check connection' },
  checking: { zh: '正在连接 {host}……', en: 'Connecting to {host}…' },
  checkOk: { zh: '服务器有响应,共 {n} 个模型。', en: 'The server answers and has {n} model(s).' },
  modelThere: { zh: '已找到模型 {model}。', en: 'Model {model} is there.' },
  modelNotThere: { zh: '服务器上没有 {model}:请运行 ollama pull {model},或从下面选一个。', en: "{model} is not on the server: run 'ollama pull {model}', or pick one below." },
  models: { zh: '服务器上的模型', en: 'Models on the server' },
  use: { zh: '使用', en: 'Use' },
  originNote: {
    zh: '本页直接连接 Ollama。Ollama 通常接受 localhost / 127.0.0.1 上的页面;从其他地址打开时,需允许本页来源,例如:OLLAMA_ORIGINS={origin} ollama serve',
    en: 'This page talks to Ollama directly. Ollama normally accepts pages on localhost / 127.0.0.1; from any other address it must allow this page’s origin, e.g. OLLAMA_ORIGINS={origin} ollama serve',
  },
  savedNote: { zh: '设置保存在本浏览器中,立即生效(下一句台词起)。', en: 'Settings are kept in this browser and apply from the next line.' },
  close: { zh: '完成', en: 'Done' },
  // Second opinion on the report
  soTitle: { zh: '第二意见:{model}', en: 'Second opinion: {model}' },
  soNote: { zh: '仅供参考,官方分数是规则评分。相差超过 {n} 分的维度已标出。', en: 'For reference only: the rule score is official. Dimensions more than {n} points apart are marked.' },
  soDimension: { zh: '维度', en: 'Dimension' },
  soRules: { zh: '规则评分(官方)', en: 'Rule score (official)' },
  soModel: { zh: '模型评分', en: 'Model score' },
  soDiff: { zh: '差值', en: 'Difference' },
  soDiffers: { zh: '相差超过 {n} 分', en: 'differs by more than {n}' },
  soTotal: { zh: '总分', en: 'Total' },
  soComment: { zh: '模型点评', en: "The model's comment" },
  soLoading: { zh: '正在询问 {model}……', en: 'Asking {model}…' },
  soUnavailable: { zh: '第二意见暂不可用,报告以规则评分为准。', en: 'The second opinion is not available; the report above stands on the rule score.' },
  soCached: { zh: '(已缓存)', en: '(cached)' },
});

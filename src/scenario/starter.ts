import type { Lang } from '../text/messages.ts';

/** Scenario ids: what the schema accepts, kept short enough for a file name. */
export const SCENARIO_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A text as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
function scalar(text: string): string {
  const plainSafe =
    /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) &&
    !/: |\s#|:$|\s$|[\n\t]/.test(text) &&
    !/^(true|false|yes|no|null|on|off|~|[-+.]?\d[\d._eE+-]*)$/i.test(text);
  return plainSafe ? text : JSON.stringify(text);
}

interface Words {
  /** Teaching comments, one entry per section (each line becomes a `#` comment). */
  readonly c: Record<string, string>;
  /** Texts the trainee reads, in the starter's language. */
  readonly t: Record<string, string>;
  readonly replies: readonly [readonly string[], readonly string[]];
}

const EN: Words = {
  c: {
    head: "A starter scenario written by `dojo new`. Change the story, keep the shape, and run\n`dojo validate` after every change: it points at each problem by line:col.\nThe guide with every field explained: scenarios/README.md.\nEvery text may be given in zh, en or both: add a `zh:` line under any `en:` one.",
    version: 'the format version; always 1',
    id: 'lower-case letters, digits, - and _; unique in the library (it names the file too)',
    summary: 'What the trainee reads before starting: who, what went wrong, who they are.',
    difficulty: '1 easy, 2 medium, 3 hard',
    setting: 'The trainee\'s role and where the conversation happens (channel: face_to_face, phone or online).',
    customer:
      "The simulated customer. motive decides what calms them (scenarios/rubric/dynamics.yaml):\n  vent: being heard, acknowledged and apologised to\n  respect: personal attention and someone taking ownership\n  compensation: a concrete remedy and a time; words alone calm it little\nanger is where they start (0-100: at 95 they escalate); patience is how many replies they\nsit through before giving up (the 'timeout' ending).",
    facts:
      'Facts the customer reveals when the trainee asks. asked_by lists patterns (see the pattern\nlanguage in scenarios/README.md); each answer is given once.',
    opening: "The customer's first words, one line each.",
    step_model: 'The handling steps the report ticks off: six_step, counter or call_centre.',
    key_points:
      "What a good reply to THIS case says. Each one made adds `weight` points to its SERVQUAL\ndimension (reliability, responsiveness, assurance, empathy, tangibles); each missed one costs\nthem. Patterns list ways of saying it, in both languages.",
    forbidden: 'What must not be said here: raises a red flag (blame, deflect, rude or overpromise).\n`except` lists look-alikes that are fine.',
    model_answers:
      "At least two good conversations, reply by reply. `dojo validate` plays each one: it must\nreach 'resolved', score 80 or more, and together they should make every key point.",
    beats:
      "What the customer says as the conversation goes. After each reply the FIRST beat whose\n`when` holds is spoken (once: true = at most once). Conditions: stage, anger, trust,\nsignals, any_signals, missing, flags, asked, key_points, after, min_turn.\nWith no beat fitting, the customer says a generic line for their anger.",
    endings:
      "How it ends. resolved: anger <= 30, trust >= 55 and a remedy, time, follow-up or escalation\noffered; escalated: anger reaches 95 (threat: consumer_council, media, lawyer, regulator or\nmanager); timeout: patience runs out. An optional `when` adds conditions (not for timeout).",
  },
  t: {
    title: 'The missed delivery',
    summary:
      'Ms Wang took a day off work to wait for her new washing machine. The delivery window passed, nobody called, and the hotline kept her on hold for forty minutes. You are the supervisor who finally picks up.',
    role: 'Customer-service supervisor at an appliance shop',
    place: "The shop's customer hotline",
    name: 'Ms Wang',
    fact_order: 'Order 5170, a front-loading washing machine. It was paid for two weeks ago.',
    fact_window: "Nine to twelve this morning. I've been home since eight and nobody came.",
    opening1: 'I took a whole day off for your delivery and nobody came! Nobody even called!',
    opening2: 'Then your hotline kept me on hold for forty minutes. Is this how you treat customers?',
    kp_sorry: 'Apologises for the missed delivery and the wait',
    kp_slot: 'Gives a firm new delivery time',
    kp_make_good: 'Offers something for the lost day',
    forbidden_blame: 'Suggests she missed the driver',
    answer1: 'Apologise, take it over, fix a time',
    answer2: 'Listen first, then a firm plan',
    hostile: 'So now it is my fault? Unbelievable.',
    still_waiting: "Well? I'm still waiting for someone to tell me what happened.",
    heard: 'At least someone finally says sorry. So when do I get my machine?',
    slot: 'Tomorrow morning? And what if nobody turns up again?',
    what_now1: 'Fine, but what are you actually going to do about it?',
    what_now2: "Sorry doesn't get my washing done. What's the plan?",
    resolved1: "All right. I'll hold you to that, and I'll be waiting for your call.",
    resolved2: "Fine, that's fair. Don't let me down this time.",
    escalated: "That's it. I'm reporting your shop to the consumer council.",
    timeout: "I'm wasting my time. I'll buy the machine somewhere else.",
  },
  replies: [
    [
      "Ms Wang, I'm so sorry you waited at home all morning and then on hold for forty minutes. That must be really frustrating, and it should never have happened.",
      "I'm taking care of this myself from now on. Could you give me your order number so I can see what went wrong?",
      "Thank you. Our van will deliver your machine tomorrow between 9 and 11 am, and I'll call you at 8:30 to confirm. We'll also refund the delivery fee and install it free for the lost day, and once it's in I'll ring you to check it runs properly.",
    ],
    [
      'Ms Wang, I understand how angry you must be. You gave up a day for us and nobody came. I apologise for the missed delivery and the long wait.',
      'May I ask what time you were told the delivery would come? I want to get this right.',
      "Here is what I'll do: your machine goes on the first van tomorrow and will be with you by 10 am. I'll phone you personally at 8:30, and we'll refund the delivery charge for your trouble. After the delivery I'll call again to check the installation. My staff number is 3021: call me directly if anything comes up, no more queueing on the hotline.",
    ],
  ],
};

const ZH: Words = {
  c: {
    head: '由 `dojo new` 生成的入门场景。改故事,不改结构;每改一处就运行 `dojo validate`,\n它会按“行:列”指出每个问题。每个字段的说明见 scenarios/README.md。\n每段文字都可以写 zh、en 或两者:在任一 `zh:` 下加一行 `en:` 即可。',
    version: '格式版本,固定为 1',
    id: '小写字母、数字、- 和 _;在场景库中唯一(也是文件名)',
    summary: '学员开始前读到的说明:谁、出了什么事、学员扮演谁。',
    difficulty: '1 简单,2 中等,3 困难',
    setting: '学员的角色和对话发生的地点(channel:face_to_face 面对面、phone 电话、online 线上)。',
    customer:
      '模拟顾客。motive(投诉动机)决定什么能让他平静(见 scenarios/rubric/dynamics.yaml):\n  vent 发泄型:被倾听、被认可、被道歉\n  respect 求尊重型:被重视、有人负责到底\n  compensation 求补偿型:具体的补救和时间,光说好话没用\nanger 是起始怒气(0-100,到 95 会升级投诉);patience 是他最多听几次回复就放弃(“超时”结局)。',
    facts: '学员问到时顾客才会透露的事实。asked_by 是模式列表(模式语法见 scenarios/README.md);\n每个回答只说一次。',
    opening: '顾客的开场白,每行一句。',
    step_model: '报告里逐项打勾的处理步骤:six_step、counter 或 call_centre。',
    key_points:
      '本案例中好的回复应该说到的要点。做到一个,就给对应的 SERVQUAL 维度(reliability 可靠性、\nresponsiveness 反应性、assurance 可信性、empathy 同理性、tangibles 有形性)加 weight 分;\n漏掉则扣分。patterns 列出各种说法,中英文都可以写。',
    forbidden: '本案例中不能说的话:会触发红旗(blame 指责、deflect 推诿、rude 无礼、overpromise 乱承诺)。\nexcept 列出看起来像、其实没问题的说法。',
    model_answers:
      '至少两段好的对话,逐句写出。`dojo validate` 会逐一演练:每段都必须走到“解决”结局、\n得分不低于 80,并且合起来应做到每个要点。',
    beats:
      '对话过程中顾客说的话。每次回复后,顾客说出第一个 `when` 条件成立的情节(once: true 表示\n最多一次)。条件:stage、anger、trust、signals、any_signals、missing、flags、asked、\nkey_points、after、min_turn。没有合适的情节时,顾客会按当前怒气说一句通用的话。',
    endings:
      '对话的结局。resolved 解决:怒气 <= 30、信任 >= 55,且提出过补救、时间、跟进或升级;\nescalated 升级:怒气到 95(threat:consumer_council、media、lawyer、regulator 或 manager);\ntimeout 超时:耐心耗尽。可选的 `when` 可以再加条件(timeout 不适用)。',
  },
  t: {
    title: '没送到的洗衣机',
    summary: '王女士请了一天假在家等新买的洗衣机,约定的时间过了没人来,也没人打电话;打热线又等了四十分钟。你是终于接起电话的客服主管。',
    role: '家电商场客服主管',
    place: '商场客服热线',
    name: '王女士',
    fact_order: '订单号 5170,一台滚筒洗衣机,两个星期前就付了钱。',
    fact_window: '今天上午九点到十二点。我八点就在家等着了,根本没人来。',
    opening1: '我专门请了一天假在家等你们送货,结果根本没人来!连个电话都没有!',
    opening2: '打你们热线又让我等了四十分钟。你们就是这么对待顾客的?',
    kp_sorry: '为没按时送货和让她久等道歉',
    kp_slot: '给出明确的新送货时间',
    kp_make_good: '为耽误的一天做出补偿',
    forbidden_blame: '暗示是她自己错过了送货员',
    answer1: '道歉、接手、给出时间',
    answer2: '先倾听,再给明确方案',
    hostile: '现在倒成我的错了?真是不可理喻。',
    still_waiting: '怎么样?我还在等有人告诉我到底怎么回事。',
    heard: '总算有人道个歉了。那我的洗衣机到底什么时候送到?',
    slot: '明天上午?万一又没人来呢?',
    what_now1: '好,那你们到底打算怎么办?',
    what_now2: '光道歉衣服也洗不了。你们的方案呢?',
    resolved1: '行吧,你说的我记下了,我等你电话。',
    resolved2: '好,这样还算有个交代。这次可别再让我失望了。',
    escalated: '算了,我现在就去消协投诉你们商场。',
    timeout: '我不想再浪费时间了,这台洗衣机我去别家买。',
  },
  replies: [
    [
      '王女士,真对不起,让您在家白等了一上午,打电话又等了四十分钟。换作是我也会很生气,这本来就不应该发生。',
      '这件事从现在起由我亲自负责。能告诉我您的订单号吗?我马上查一下是哪里出了问题。',
      '谢谢您。明天上午9点到11点我们的车把洗衣机送到,8点半我会先给您打电话确认。送货费我们全额退给您,安装也免费,算是对耽误您一天的补偿。装好后我再给您打个电话,确认机器运转正常。',
    ],
    [
      '王女士,我理解您现在有多生气,您为我们请了一天假却没人来。没按时送货还让您等这么久,我向您道歉。',
      '请问当时约的是几点送货?我想把情况弄清楚。',
      '我这样安排:明天第一车就给您送,上午10点前一定送到。8点半我亲自给您打电话,送货费也退给您。送完后我再回访一次,看安装和使用有没有问题。这是我的工号3021,有任何情况直接找我,不用再排队等热线。给您添麻烦了。',
    ],
  ],
};

const comment = (text: string, indent = '') => text.split('\n').map((l) => `${indent}# ${l}`).join('\n');

/**
 * The text of a commented starter scenario with id `id`, in `lang` (texts and comments), for
 * `dojo new` and the web app's editor. It validates without problems and its model answers reach
 * 'resolved' (a test keeps it so). `schema` is the path of schema.json relative to the file.
 */
export function starterScenario(id: string, lang: Lang = 'en', schema = './schema.json'): string {
  const w = lang === 'zh' ? ZH : EN;
  const { c, t } = w;
  const text = (s: string, indent: string) => `${indent}${lang}: ${scalar(s)}`;
  const replies = (list: readonly string[]) => list.map((r) => `      - ${lang}: ${scalar(r)}`).join('\n');
  return `# yaml-language-server: $schema=${schema}
${comment(c.head!)}
version: 1 ${comment(c.version!)}
id: ${id} ${comment(c.id!)}
title:
${text(t.title!, '  ')}
${comment(c.summary!)}
summary:
${text(t.summary!, '  ')}
difficulty: 1 ${comment(c.difficulty!)}
${comment(c.setting!)}
setting:
  role:
${text(t.role!, '    ')}
  place:
${text(t.place!, '    ')}
  channel: phone
${comment(c.customer!)}
customer:
  name:
${text(t.name!, '    ')}
  motive: vent
  anger: 75
  patience: 6
${comment(c.facts!)}
facts:
  - id: order_number
    asked_by:
      - (订单号|订单编号|单号)
      - order (number|no|reference)
    answer:
${text(t.fact_order!, '      ')}
  - id: delivery_window
    asked_by:
      - (几点|什么时候|哪个时间)~(送|到|约)
      - (约|说好|约定)(的)?(是)?(几点|什么时间)
      - (when|what time) ~ (deliver|delivery|come|arrive|supposed to|booked|told)
    answer:
${text(t.fact_window!, '      ')}
${comment(c.opening!)}
opening:
${text(t.opening1!, '  - ')}
${text(t.opening2!, '  - ')}
step_model: call_centre ${comment(c.step_model!)}
${comment(c.key_points!)}
key_points:
  - id: apologise_for_wait
    text:
${text(t.kp_sorry!, '      ')}
    dimension: empathy
    weight: 12
    patterns:
      - (对不起|抱歉|道歉)~(等|送货|没人来|白等|耽误)
      - (等|送货|没人来|白等|耽误)~(对不起|抱歉|道歉)
      - (sorry|apologi*) ~ (wait|waited|hold|missed|delivery|day off|nobody came)
  - id: new_slot
    text:
${text(t.kp_slot!, '      ')}
    dimension: reliability
    weight: 12
    patterns:
      - (明天|今天|后天)~[0-9一二三四五六七八九十]+(点|号)
      - (deliver*|van|bring|with you) ~ (today|tomorrow) ~ [0-9]+ (am|pm)
      - (deliver*|van|bring|with you) ~ [0-9]+ (am|pm) ~ (today|tomorrow)
      - (tomorrow|today) ~ [0-9]+ (am|pm)
  - id: makes_good
    text:
${text(t.kp_make_good!, '      ')}
    dimension: tangibles
    weight: 8
    patterns:
      - (退|补偿|免费|减免|赠送)
      - (refund*|compensat*|free|waive|voucher)
${comment(c.forbidden!)}
forbidden:
  - id: blames_her_absence
    text:
${text(t.forbidden_blame!, '      ')}
    flag: blame
    patterns:
      - (您|你)(是不是|可能|肯定)?(不在家|没听到|没接|错过)
      - you (must have|probably|might have)? ~ (missed|weren't home|were not home|didn't hear|didn't answer)
${comment(c.model_answers!)}
model_answers:
  - label:
${text(t.answer1!, '      ')}
    replies:
${replies(w.replies[0])}
  - label:
${text(t.answer2!, '      ')}
    replies:
${replies(w.replies[1])}
${comment(c.beats!)}
beats:
  - id: hostile_back
    when: { flags: [blame, rude, deflect] }
    lines:
${text(t.hostile!, '      - ')}
  - id: still_waiting
    once: true
    when: { stage: [opening], anger: [60, 100] }
    lines:
${text(t.still_waiting!, '      - ')}
  - id: apology_heard
    once: true
    when: { key_points: [apologise_for_wait] }
    lines:
${text(t.heard!, '      - ')}
  - id: slot_offered
    once: true
    when: { key_points: [new_slot] }
    lines:
${text(t.slot!, '      - ')}
  - id: what_now
    when: { stage: [listening, negotiating], missing: [remedy], anger: [30, 90] }
    lines:
${text(t.what_now1!, '      - ')}
${text(t.what_now2!, '      - ')}
${comment(c.endings!)}
endings:
  resolved:
    lines:
${text(t.resolved1!, '      - ')}
${text(t.resolved2!, '      - ')}
  escalated:
    threat: consumer_council
    lines:
${text(t.escalated!, '      - ')}
  timeout:
    lines:
${text(t.timeout!, '      - ')}
`;
}

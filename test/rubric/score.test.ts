import { describe, expect, it } from 'vitest';
import { flagIds, rubric, scenario, scoreReply, scorer, signalIds } from '../helpers/library.ts';
import { createScorer } from '../../src/rubric/score.ts';
import { compileRubric } from '../../src/rubric/compile.ts';
import { MODEL_ANSWER_MIN_SCORE } from '../../src/dialogue/playable.ts';

describe('what the rubric hears', () => {
  it('never counts a negated apology or ownership', () => {
    for (const reply of ['我不会道歉的,产品出厂都合格。', "I'm not going to apologize for that.", '这不是我们的问题。', "Honestly I don't see why I should be sorry."]) {
      const r = scoreReply(reply);
      expect(signalIds(r)).not.toContain('apology');
      expect(signalIds(r)).not.toContain('ownership');
      expect(r.total, reply).toBeLessThanOrEqual(30);
    }
    const negated = scoreReply('我不会道歉。');
    expect(negated.turns[0]!.feedback.map((f) => f.code)).toContain('negated_apology');
    expect(flagIds(scoreReply('这不是我们的问题,您去找厂家吧。'))).toEqual(['deflect']);
  });

  it('ends a negation where a fresh promise starts', () => {
    const conditional = scoreReply("If the parcel doesn't turn up we'll refund it in full.");
    expect(signalIds(conditional)).toContain('remedy');
    expect(conditional.turns[0]!.feedback.map((f) => f.code)).not.toContain('negated_remedy');
    for (const refusal of ["We won't refund it in full.", "I don't refund anything over the phone."]) {
      const r = scoreReply(refusal);
      expect(signalIds(r), refusal).not.toContain('remedy');
    }
  });

  it('counts a hedged time as half a promise, wherever the rest of the promise sits', () => {
    const strongest = (reply: string) => Math.max(0, ...scoreReply(reply).turns[0]!.signals.filter((s) => s.id === 'commitment_time').map((s) => s.strength));
    expect(strongest('明天下午三点前我给您回电。')).toBe(1);
    expect(strongest('I will call you back before 3 pm today.')).toBe(1);
    expect(strongest('我马上给您换一台新的。')).toBe(1);
    // Firm in the trainee's own shorthand: booking verbs, "tmrw", 现在帮您 + an action, 拿到.
    for (const firm of ["I'm booking a replacement unit with installation for Thursday morning.", "I've booked an engineer tmrw between 8 and 12.", '加速包我现在帮您退订。', '来得及,十一点前您就能拿到新卡。']) {
      expect(strongest(firm), firm).toBe(1);
    }
    // Asking when is not promising.
    expect(strongest('您明天几点方便?')).toBe(0);
    for (const hedged of ['一有消息我马上通知您。', '我这就帮您催一下。', "I'll let you know as soon as I hear back.", '工程师一般三到五个工作日会联系您,应该下周能上门。', '我们封存送去检测,一般一周左右,应该下周就能告诉您。', 'We should have something by next week.', "Hopefully you'll have them by the end of next week."]) {
      const s = strongest(hedged);
      expect(s, hedged).toBeGreaterThan(0);
      expect(s, hedged).toBeLessThan(1);
    }
  });

  it('praises a time commitment only when it is firm', () => {
    const praised = (reply: string) => scoreReply(reply).turns[0]!.feedback.filter((f) => f.kind === 'praise').map((f) => f.code);
    expect(praised('我们会尽快给您处理好。')).not.toContain('signal_commitment_time');
    expect(praised("We'll sort it as soon as possible.")).not.toContain('signal_commitment_time');
    expect(praised('我今天下午五点前给您回电话。')).toContain('signal_commitment_time');
    expect(praised("I'll call you back by 5 pm today.")).toContain('signal_commitment_time');
  });

  it('scores a hedged time below a firm one, and no higher than the hedged cap', () => {
    const hedged = scoreReply('张女士,真对不起,让您白跑一趟。我们尽快给您换一台新的,有消息第一时间通知您。');
    const firm = scoreReply('张女士,真对不起,让您白跑一趟。今天下午五点前我给您换一台新的,到时候我亲自打电话通知您。');
    expect(hedged.total).toBeLessThanOrEqual(rubric.data.scoring.hedged_cap);
    expect(rubric.data.scoring.hedged_cap).toBeLessThan(rubric.data.scoring.vague_cap);
    expect(firm.total).toBeGreaterThanOrEqual(hedged.total + 15);
  });

  it('gives stock-phrase stuffing a low score and no credit for repetition', () => {
    const stock = scoreReply('非常抱歉给您带来不便,感谢您的理解,我们会尽快处理,请您耐心等待。');
    expect(stock.total).toBeLessThanOrEqual(40);
    const salad = scoreReply('Sorry, I understand, thank you, refund, today, follow up, escalate, sorry.');
    expect(salad.total).toBeLessThanOrEqual(40);
    expect(salad.turns[0]!.feedback.map((f) => f.code)).toContain('stock_salad');
    const once = scoreReply("I'm sorry the manager spoke to you like that.");
    const thrice = scoreReply("I'm sorry the manager spoke to you like that. I'm so sorry. Really, I'm sorry.");
    expect(thrice.total).toBe(once.total);
    expect(thrice.turns[0]!.feedback.map((f) => f.code)).toContain('repeated_apology');
  });

  it('scales a thin reply down, says so, and never lets padding raise a total', () => {
    const thin = scoreReply("I'm sorry. I'll refund you today.");
    // A model answer says enough: no scaling.
    const yogurt = scenario('yogurt-fly');
    const modelTurns = yogurt.model_answers[0]!.replies.map((r) => ({ agent: typeof r === 'string' ? r : (r.en ?? '') }));
    const full = scorer.scoreTranscript({ locale: 'en', turns: modelTurns }, yogurt);
    expect(thin.notices.map((n) => n.code)).toContain('thin_reply');
    expect(full.notices.map((n) => n.code)).not.toContain('thin_reply');
    expect(full.total).toBeGreaterThanOrEqual(MODEL_ANSWER_MIN_SCORE);
    // Never below the floor of the unscaled total, which the floor keeps above a hollow reply.
    const { thin_reply_floor: floor } = rubric.data.scoring;
    const unscaled = createScorer({ ...rubric, data: { ...rubric.data, scoring: { ...rubric.data.scoring, full_reply_units: 0 } } });
    const raw = unscaled.scoreTranscript({ turns: [{ agent: "I'm sorry. I'll refund you today." }] }).total;
    expect(thin.total).toBeLessThan(raw);
    expect(thin.total).toBeGreaterThanOrEqual(Math.floor(raw * floor));
    // Saying the same thing again, or adding more courtesy, makes a reply no fuller.
    const thinNote = (reply: string) => scoreReply(reply).notices.find((n) => n.code === 'thin_reply')?.message;
    expect(scoreReply("I'm sorry. I'll refund you today. I'm sorry. I'll refund you today.").total).toBe(thin.total);
    expect(thinNote("I'm so very sorry. I'll refund you today. Thank you so much for your patience, I truly understand.")).toBe(thinNote("I'm sorry. I'll refund you today."));
    expect(thinNote('非常抱歉。我今天给您退款。真的非常抱歉,感谢您的耐心,我完全理解您的心情。')).toBe(thinNote('非常抱歉。我今天给您退款。'));
    expect(thinNote('非常抱歉。我今天给您退款。')).toMatch(/总分按 \d+% 计/);
  });

  it('hears substance said plainly, in non-native English or in Traditional characters', () => {
    const cases: [string, string[]][] = [
      ['我現在把全部需要的文件寫在這張單子上,您備齊之後直接到三號櫃台找我,我幫您優先辦理,當天就可以領。', ['tangible', 'ownership', 'remedy', 'commitment_time']],
      ["Here's your file reference, CHI-44821. You can claim up to $150 for essentials today.", ['tangible', 'remedy']],
      ['I see your cancel request, so I stop the membership now, no more payment will go out.', ['remedy', 'commitment_time']],
      ["I've put your account on hold so it won't go to collections while we review it.", ['remedy']],
      ['这是一张食堂的餐券。看完诊您直接回这个窗口找我,我叫陈静,今天一直在这儿。', ['remedy', 'ownership']],
      ['王先生,您本来就在担心身体,等了两周又听到报告丢了,这心里得多没底。', ['empathy']],
      // Fragments from a brisk veteran.
      ['Sorry. Rotten night before a big day. Moving you to 1208 now, quiet side.', ['remedy']],
      ["I've unblocked the card just now; try it again while I stay on the line.", ['remedy', 'ownership']],
      ["I've issued the 49.99 refund myself just now.", ['remedy']],
    ];
    for (const [reply, ids] of cases) expect(signalIds(scoreReply(reply)), reply).toEqual(expect.arrayContaining(ids));
    // Asking is not doing.
    expect(signalIds(scoreReply('Did you cancel the membership now or later?'))).not.toContain('remedy');
  });

  it('hears sarcasm and mock politeness as rude, not as an apology', () => {
    for (const reply of ["Oh, I'm SO sorry you feel that way.", '哟,那真是太对不起您了呢,您说什么都对。', 'Sorry if our rules are too complicated for you.']) {
      const r = scoreReply(reply);
      expect(flagIds(r), reply).toContain('rude');
      expect(signalIds(r), reply).not.toContain('apology');
      expect(r.total).toBeLessThanOrEqual(15);
    }
  });

  it('raises no flag on fact questions, honest limits and other look-alikes of blame, deflection and sarcasm', () => {
    const lookAlikes = [
      '盖子是您撕开的,还是插吸管喝的?我只是想弄清楚情况。',
      '请问杯子是您打开的吗?',
      // 肯定 about the fright, then relief that the child is fine: no guarantee given.
      '吓坏是肯定的,孩子没事我也松口气。',
      // Her worry, not her fault.
      '王先生,您本来就在担心身体,等了两周又听到报告丢了,这心里得多没底。',
      // Owning the burden and the delay.
      "Your son shouldn't be your problem alone after drinking something we sold you.",
      '这笔钱是因为我们拖着不处理才花的,您提得合理。',
      '请问盖子是您自己撕开的,还是买的时候就开了?',
      "You shouldn't have had to call twice; I'm sorry.",
      "That's normal use, so you shouldn't have had two failures.",
      "None of this is on you.",
      "You should have had a call from us days ago.",
      "您本来就不该跑这一趟。",
      "您自己不用再跑了,我来处理。",
      "您自己不方便的话,我让师傅上门。",
      "您自己注意休息,这事交给我。",
      "是因为我们的系统出错,不是因为您。",
      "Your problem is now my problem.",
      "Your mistake? Not at all, the form was confusing.",
      "您应该早就收到短信的,是我们漏发了。",
      '您别急,是我们员工没看好货架,让过期的酸奶上了架。',
      '您没注意到也正常,是我们的标识太小了。',
      '您使用的时候是不是没有开进水阀?我先帮您排查一下。',
      '这个超出我的权限,我没法负责这个决定,我现在就报给主管,下午三点前回您电话。',
      '您到门店找我就行,我叫小王。',
      '那家店的卫生我们会去核查,如果是我们供货的问题我们负责到底。',
      '签字的时候应该有人给您讲清楚的,这是我们的失误。',
      'Probably that is what happened: our courier left it in the rain, and that is on us.',
      'To be honest, you were completely right to complain.',
      'To be honest, you should have been told about the fee before you signed.',
      'Ten years counts for a lot, and you should have been looked in the eye and helped, not sent away.',
      "I've got their number here and I can call them with you on the line now.",
      '我私下再跟同事确认一下细节,今天下午给您回话。',
      "Many customers don't know about this fee, and that's on us for not explaining it.",
      "You're entitled to call them, and I won't stop you, but let me try to put this right first.",
      "Right you were charged twice and I will fix it.",
      'I hope you had a lovely time at the wedding despite all this.',
      '花了大价钱做护理,效果却差一大截,难怪您失望。',
      '不管归哪个部门管,我来协调,您只跟我联系就行。',
      '经审核,您的理赔款人民币三千二百元已于今日划入您的账户。',
      '网络断线是因为您所在社区的光纤箱被施工挖断,目前正在抢修。',
      "出门右转就是我们的服务台,我陪您过去。",
      "为了这点小事让您跑了三趟,真是对不起。",
      "您要是今天不方便,就不用特意跑一趟,我让师傅上门。",
      "下次您来直接找我,我给您留意着新到的货。",
      "您也要注意休息,这事交给我。",
      "合同里写得很清楚,这个费用我们不该收,我给您退。",
      "当初我们为什么没告诉您,是我们的疏忽。",
      "您当时没太注意也正常,条款确实写得太小了。",
      "Most customers know us for fast delivery, so I am sorry we let you down.",
      "The decision rests with you: a refund or a replacement, whichever suits you.",
      "It must have been dropped by our courier, so we will replace it today.",
      "这是厂家的电话,我先帮您打过去问清楚。",
      "得找厂家确认一下,我来联系,下午三点前回复您。",
      "我这边改不了,您别急,我去找主管。",
      "您先回家等消息,我今天下午三点前给您打电话。",
      "我跟领导打个招呼,看能不能给您加急处理。",
      "修不好的话我们给您退款,这是保修条款里写的。",
      "我们给您免费升级到豪华套房,今晚就可以入住。",
      "I can offer a free business-class upgrade on this flight as an apology.",
      "您真懂行,这个问题确实出在我们的配件上。",
      "It's down to you whether you want a refund or a repair.",
      "I'll explain it clearly before you sign anything.",
      "If it's been dropped in transit, that's on the courier and we'll replace it.",
      "I'll check how it's being handled on our side.",
      "I'd suggest calling the airline together; I'll stay on the line with you.",
      "Shame you didn't get the service you deserved; let me put that right.",
      "I guarantee I'll call you back on time.",
      "I'll have a word with the manager about your refund and call you by 4.",
      "Sure, I'll sort that for you right now.",
      '明天上午技术员带新泵上门给您换,全部走保修不收钱。',
      "It's all covered under the warranty, so the new pump is free.",
      '这种用法完全正常,连坏两台不该是您的问题,我们必须查清原因。',
      '经理让您自己带孩子去医院,那话太不负责任了,我代他向您道歉。',
      '是我们系统故障导致失败的,这是银行的责任,跟您的操作没关系。',
      '这个我们给您换新的,下周三之前送到,满月酒前肯定能用上。',
      '我想跟您一起把经过捋一遍:昨天是在旁边小饭馆打开的,孩子喝了一会儿,您当时在跟朋友说话,对吧?',
      '黄先生,您提的免三个月费用和赔偿一千元,超出了我的审批权限,我会报给主管,明天中午前给您回电话。',
      '您的要求我理解,不过这个我没有权限,我帮您向上反映一下,今天下午四点前给您答复。',
      '这个我做不了主,我马上请经理过来。',
      '您好,物流写着已签收,这不是您该去跟快递扯皮的事,之前让您自己去找快递是我们不对,抱歉。',
      '李女士,您打消协是您的权利,我不拦您,但我想先把我们能做的现在就做了。',
      '陈先生,经销商说保修归厂家管,这句话没错,正因为是我们的责任,就更不该让您在各个部门之间转来转去。',
      '一千块违约金我得跟您交个底:这个我没有权限当场答应,我不想嘴上答应了回头办不成。',
      '手续费我刚才已经做了退款,系统显示处理成功,所以我敢跟您保证:下午三点前一定到账。',
      "I'm not going to ask you to keep your voice down; you have every right to be upset.",
      '查到了:昨天下午给供货商的四万八,确实是我们网银系统故障导致失败的,跟您的操作没有任何关系。',
      '客服还要您自己去找外送员,更是我们不对,那本来就是我们该处理的。',
      "I need to know how the fly got there, and I can't do that without a test.",
      // Raising it inside, and owning the fault while clearing the customer (dev-v, dev-t).
      "I'll find out how room 812 was signed off as ready and take it up with the housekeeping manager today.",
      '这是银行的问题,不是您操作的问题。',
      '查到了,您这张卡确实是终身免年费卡,这个月的三百元年费是系统误扣的。',
      // Inviting her to talk; renouncing the brush-off; an honest limit taken upstairs (dev-x, dev-y, dev-w).
      "Sir, please, go ahead and tell me what happened. I'm listening.",
      '我不会再跟您说“这不归我管”,这件事我负责。',
      '三个月和一千块我做不了主,我今天把材料整理好报主管,下午五点前给您回电。',
      '退款我已经提交了,具体哪天到账我这边没办法确定,一般不会太久。',
      '这是我的直线电话,您有事直接打给我。',
      // Refusing to blame; agreeing with her question; not our fault but ours to fix (dev-z).
      "No, and I'm not going to try to make it your fault.",
      '赵先生,您问得对:物业费一平米涨了八毛,却从来没有人讲清楚这笔钱买的是什么服务。',
      "The weather isn't our fault, but looking after you tonight is our responsibility.",
      // Clearing the customer; 肯定 about the fix; flustered or sincere dismay; good wishes; a
      // conditional free re-repair; a goodwill voucher; a call promised before approval (dev-zb to dev-zd).
      "This isn't something you did wrong; our billing system retried a payment that had already gone through.",
      '我先给您手机免费开一个20G流量包,马上生效,您用手机开热点,考试肯定够用。',
      '哎呀孙姐,真是对不起对不起!今天前台太乱了,都怪我没安排好。',
      "Oh, I'm so sorry about that. Can I have your order number, please?",
      'Thanks for letting us know, and congratulations on the move!',
      '查出来是上次没修好的,这次工时和配件全部免费。',
      '漏的那份18元已经原路退了,另外补您一张10元无门槛券,已发到账户。',
      // Reporting what she was called; curt but promising news; 肯定 about who can help (dev-ze, dev-zf).
      '饿着肚子等了一个多钟头,拿到手全是凉的,还被说事多,这顿饭谁吃着都憋屈,对不起。',
      '卡已经送去做数据恢复了,您先等通知吧,有消息会告诉您。',
      '好好好,那给您重做一份不辣的吧,稍等一下。',
      // What she may expect; disowning the manager's slight; a warranty swap; good wishes (dev-zk, dev-zl).
      "I have now forwarded it and requested priority handling. You should expect to be contacted regarding the outcome.",
      "I'm calling to say sorry again for what our duty manager said. He made it sound like your problem, and it wasn't.",
      "If you bring them in today, we'll exchange them on the spot for a new pair, no questions asked.",
      "I'm so sorry to hear that, and congratulations on your daughter's wedding!",
    ];
    for (const reply of lookAlikes) expect(flagIds(scoreReply(reply)), reply).toEqual([]);
    // Quoting the duty manager or the customer's demand to disown it is not repeating it.
    expect(flagIds(scoreReply('经理让您自己带孩子去医院,那话太不负责任了,我代他向您道歉。', { scenario: 'yogurt-fly' }))).toEqual([]);
    expect(flagIds(scoreReply("The manager told you to take him to hospital yourself, and that was wrong of him. I'm sorry.", { scenario: 'yogurt-fly' }))).toEqual([]);
    // Honest limits and replies within authority, judged against their own scenario's forbidden moves.
    for (const [reply, id] of [
      ['三个月全免和一千元现金超出了我能批的范围,我不想为了让您挂电话就随口答应。', 'beyond-authority'],
      ['我跟您说实话:三个月免费和一千块赔偿,我没有权限批,我不想先答应您没问题,回头又兑现不了。', 'beyond-authority'],
      ["Three months free and 1,000 yuan in cash is above my authority, so I won't promise it.", 'beyond-authority'],
      ['我要老实跟您说:三个月免费和一千元现金,不是我能批的,我不想随口答应再让您失望一次。', 'beyond-authority'],
      ['I want to be honest: three months free and 1,000 yuan cash, I have no power to approve that today.', 'beyond-authority'],
      ["Three months free and 1,000 yuan cash are above what I'm allowed to approve, but I'm not going to leave it there.", 'beyond-authority'],
      ["Three months free and 1,000 in cash is more than I'm allowed to approve on this line.", 'beyond-authority'],
      ['Three months free and a cash payment are above what I can approve myself.', 'beyond-authority'],
      ["I can't refund the six sessions you've had, but I can refund all fourteen unused ones today.", 'beauty-salon'],
      ['四点前我一定打,就算主管还没批下来,我也会告诉您进度。', 'beyond-authority'],
      ["The three months free and the 1,000 cash is more than I can approve by myself, so I write a report for my team leader today.", 'beyond-authority'],
      ['黄先生,这两个要求我批不了,直说。但断网这九天的费用马上退。', 'beyond-authority'],
    ] as const) {
      expect(flagIds(scoreReply(reply, { scenario: id })), reply).toEqual([]);
    }
    // ...but sending her home to wait is still a brush-off, and "就带他上医院" is the manager's line again.
    expect(flagIds(scoreReply('每个人都是按流程来的,您就回去等通知吧,有结果会短信告诉您。'))).toContain('rude');
    expect(flagIds(scoreReply('您的副卡申请已经加急处理啦,请您耐心等待短信通知哦。', { scenario: 'loyal-customer' }))).toContain('deflect');
    expect(flagIds(scoreReply('孩子要是这两天有啥不舒服,您就带他上医院看看,发票留好。', { scenario: 'yogurt-fly-callback' }))).toContain('deflect');
    expect(flagIds(scoreReply('我们先带孩子去医院检查,我开车送你们。', { scenario: 'yogurt-fly' }))).toEqual([]);
    expect(flagIds(scoreReply('我们先带孩子去医院检查,我开车送你们。', { scenario: 'yogurt-fly-callback' }))).toEqual([]);
    expect(flagIds(scoreReply('这是我们物业的失职,跟大家交不交费没关系。', { scenario: 'property-fees' }))).toEqual([]);
    expect(flagIds(scoreReply('好的,单子建好了。我这边提交给技术部,三到五个工作日内会有工程师联系您。', { scenario: 'pump-warranty' }))).toEqual([]);
    // The manager's line quoted to disown it, commas inside the quotation and all.
    expect(flagIds(scoreReply('经理刚才说“自己带孩子去医院,有问题再负责”,这话说得太冷了,我代他向您赔个不是。', { scenario: 'yogurt-fly' }))).toEqual([]);
    expect(flagIds(scoreReply('先替我们值班经理向您道歉,让您自己带孩子去医院,那话说得太冷了,不该是我们的态度。', { scenario: 'yogurt-fly' }))).toEqual([]);
    expect(flagIds(scoreReply('您自己带孩子去医院查查,有问题我们再负责。', { scenario: 'yogurt-fly' }))).toContain('deflect');
    const quoted = 'What our manager said, take him to hospital yourself and we will pay if there is a problem, was the wrong answer.';
    expect(flagIds(scoreReply(quoted, { scenario: 'yogurt-fly' }))).toEqual([]);
    expect(flagIds(scoreReply(quoted, { scenario: 'yogurt-fly-callback' }))).toEqual([]);
  });

  it('still flags the moves those look-alikes resemble', () => {
    const checkUp = 'Honestly, if you are worried, take him for a check-up yourself, and if the doctor finds a problem, we will cover it.';
    expect(flagIds(scoreReply(checkUp, { scenario: 'yogurt-fly' }))).toEqual(['deflect']);
    expect(flagIds(scoreReply(checkUp, { scenario: 'yogurt-fly-callback' }))).toEqual(['deflect']);
    const getChecked = "My colleague's advice is still the safest: get your son checked out at the hospital, and if the doctors find anything, we'll cover it.";
    expect(flagIds(scoreReply(getChecked, { scenario: 'yogurt-fly' }))).toEqual(['deflect']);
    expect(flagIds(scoreReply("To be honest, with flies around the tables in there, it's pretty clear where that fly came from.", { scenario: 'yogurt-fly-callback' }))).toEqual(['blame']);
    expect(flagIds(scoreReply("Engineering are the best people to help, so I'll transfer you now.", { scenario: 'pump-warranty' }))).toEqual(['deflect']);
    expect(flagIds(scoreReply('您自己带孩子去医院查查吧。', { scenario: 'yogurt-fly' }))).toEqual(['deflect']);
    expect(flagIds(scoreReply('三个月全免,我现在就给您办。', { scenario: 'beyond-authority' }))).toEqual(['overpromise']);
    expect(flagIds(scoreReply('物业费没涨多少,主要是有些业主一直不交费。', { scenario: 'property-fees' }))).toEqual(['blame']);
    expect(flagIds(scoreReply('您这个属于技术问题,我这边马上帮您转接售后技术部,他们比较专业。', { scenario: 'pump-warranty' }))).toEqual(['deflect']);
    expect(flagIds(scoreReply('我帮您登记一个工单,转给我们工程部,让他们的工程师尽快跟您联系。', { scenario: 'pump-warranty' }))).toEqual(['deflect']);
    expect(flagIds(scoreReply('三号窗口那位柜员一上午都没休息,手上业务特别多,可能说话急了点。', { scenario: 'bank-queue' }))).toContain('deflect');
    expect(flagIds(scoreReply('您要是还不放心,就带孩子去医院做个检查,有什么问题我们负责。', { scenario: 'yogurt-fly-callback' }))).toEqual(['deflect']);
    expect(flagIds(scoreReply("The fee schedule was set by the developer, so that question would need to go to them. I can give you their customer line.", { scenario: 'property-fees' }))).toEqual(['deflect']);
    expect(flagIds(scoreReply('孩子要是这两天不舒服,您还是先带他去医院看看,票据都留好。', { scenario: 'yogurt-fly-callback' }))).toContain('deflect');
    expect(flagIds(scoreReply('我给您办一张终身免年费卡。'))).toEqual(['overpromise']);
    for (const [reply, flag] of [
      ['苍蝇肯定是您自己弄进去的。', 'blame'],
      ['肯定是你用的不对,装得不规范。', 'blame'],
      ['您当时在跟朋友说话,没看着孩子吧。', 'blame'],
      ['这是银行的责任,您去找银行吧。', 'deflect'],
      ['他让您去找厂家,那您就去找厂家吧。', 'deflect'],
      ['您自己去找快递问问吧。', 'deflect'],
      ['亲~快递延误不是我们能控制的呢,建议亲亲自己联系一下快递公司哦~', 'deflect'],
      ['我马上给您补偿一万块。', 'overpromise'],
      ['這樣,我私下再給您五百塊,這事就在這兒了結,您也別往外說了。', 'overpromise'],
      ['You should have been watching him more closely.', 'blame'],
      ['要投诉您就去消协投诉吧,我们不怕。', 'deflect'],
      ['我没有权限,您去找厂家吧。', 'deflect'],
      ['我保证下午三点前一定到账。', 'overpromise'],
      ['You need to keep your voice down, there are other customers here.', 'rude'],
      ['Lost baggage is handled by our baggage services team; I can give you their number.', 'deflect'],
      ["I'd recommend contacting your card issuer to chase it up.", 'deflect'],
      ['押金退还需要房东确认,这个我们中介这边也做不了主。', 'deflect'],
      ['产品质量的问题是由品管部负责的,他们比较专业。', 'deflect'],
      ["In our experience it's almost always the installation when two units fail.", 'blame'],
      ["If you'd submitted the correct forms the first time, it would have been quicker.", 'blame'],
      ['不过您留的地址只写到小区,没写楼号,快递员找不到也没办法。', 'blame'],
      ['先生,這個我不會道歉的,房間是您自己在網站上選的。', 'blame'],
      ['Our crew are very experienced. To be honest, it was probably packed badly before they got there.', 'blame'],
      ['If the cup was sitting open next door, the fly could easily have come from there.', 'blame'],
      ['You will have to take it up with the manufacturer.', 'deflect'],
      ['Refunds take up to 14 business days. There is nothing further I can do from my end.', 'deflect'],
      ["As I've already explained, sir, the term is in the agreement you signed.", 'rude'],
      ["Look, I'll give you 5,000 in cash right now if you just agree not to post anything online.", 'overpromise'],
      ['我先给您一张五百元的购物卡,消协那边就别打了,大家都不要把事情闹大。', 'overpromise'],
      ['Go ahead and tell everyone, I really don\'t care.', 'rude'],
      ['Oh dear, what a shame! Refunds can take up to 30 business days, hun.', 'rude'],
      ['这类申请要由销售部审批,我把销售部主管的直线电话给您,您直接打过去会比较快。', 'deflect'],
      ["Oh, thank you SO much for letting us know. Would you like a fresh bowl, or would you prefer to keep complaining?", 'rude'],
      ['您這麼會算加急運費,怎麼沒算到加急也要看物流公司的臉色呢?', 'rude'],
      ['Sure, and I suppose we ordered the storm just to ruin your day. The board will update when it updates.', 'rude'],
      ["I can comp your entire stay if you'd be willing not to post the photos and to take down anything you've already put up.", 'overpromise'],
      // dev-zb to dev-zd: a quiet bribe, a careless-ordering jab, a department head's number,
      // the hotline as the answer to "who do I ask?", a branch to file at, a guaranteed glow, a sneer.
      ["We'll refund your entire stay. All we'd ask in return is that you don't mention this in any online reviews.", 'overpromise'],
      ['不过商品页面型号写得很清楚,您下单时可能没仔细核对。', 'blame'],
      ['保修这块是维修部负责的,我把维修部主任的直线电话给您,您直接跟他说。', 'deflect'],
      ['您有任何问题都可以拨打我们的客服热线,二十四小时都有专人为您服务。', 'deflect'],
      ['For consequential losses you would need to submit a written claim at your local branch.', 'deflect'],
      ['Two more sessions with me and you will see a glow, I guarantee it.', 'overpromise'],
      ["We're so terribly sorry that you found the normal sounds of a lively city disturbing, madam.", 'rude'],
      ['Shall I book your next session, or would madam prefer to take her business elsewhere?', 'rude'],
      // dev-ze to dev-zg: pushing the loss back on him, another desk, a joke at her expense, a
      // past drop or dye job blamed without evidence, a private payment to bury a review.
      ["I'm afraid that's between you and your supplier; we can only deal with the fee on our side.", 'deflect'],
      ['All rebooking is being handled at the transfer desk, so they\'ll be able to help you there.', 'deflect'],
      ['Three times? Wow, you must really love us.', 'rude'],
      ['头发啊?哟,这么长,您确定不是您自己的吗?哈哈开个玩笑开个玩笑。', 'rude'],
      ['不过说实话,您这手机之前应该摔过吧?摔过的机子出这种情况很常见。', 'blame'],
      ['以后转完账最好自己登录确认一下是否到账,这样就不会耽误了。', 'blame'],
      ['大姐,您别发差评。这样,我私人给您转两百块红包,您把这事压下来,行吗?', 'overpromise'],
      // dev-zh, dev-zi: a return refused on a snap verdict, a front-line agent "deciding" a payout.
      ['不过这不是质量问题,新床垫刚开始都会有个适应期,所以我们没办法给您退。', 'deflect'],
      ['您放心,我现在就拍板:两台泵的钱全额退给您,保修延长到五年。', 'overpromise'],
      // dev-zj to dev-zl: another team's number for the loss, staff excuses, a guaranteed refund
      // the agent cannot control, sarcasm about the city, a reading jibe, "flies get in, it's normal".
      ["For the supplier's penalty you'll need to contact our online-banking team directly. Their number is 95566.", 'deflect'],
      ["For anything about the warranty, the best people are our warranty team; here's their direct number.", 'deflect'],
      ['If it turns out to be our fault, we\'ll look at covering the costs.', 'deflect'],
      ['那位同事今天一早上都没休息,可能比较累,态度不好还请您多多包涵。', 'deflect'],
      ['您别着急,押金我保证明天全退给您,房东那边我来搞定。', 'overpromise'],
      ["Sorry the city isn't quiet enough for you, sir. Maybe a countryside cottage would suit you better?", 'rude'],
      ["As per our terms, which I'm sure you read very carefully when you signed, cancellations need notice.", 'rude'],
      ['盖子撕开了放在小饭馆里,苍蝇飞进去太正常了,您也得理解。', 'blame'],
    ] as const) {
      expect(flagIds(scoreReply(reply)), reply).toContain(flag);
    }
  });

  it("does not hear the stock sign-off '随时联系我们' as personal ownership", () => {
    expect(signalIds(scoreReply('如有疑问可以随时联系我们。'))).not.toContain('ownership');
    expect(signalIds(scoreReply('有事您随时联系我,这是我的手机号。'))).toContain('ownership');
    expect(signalIds(scoreReply("Ring me directly on this number and I'll book it myself."))).toContain('ownership');
  });

  it("does not hear the stock '给您添麻烦了' as naming a feeling", () => {
    expect(signalIds(scoreReply('实在抱歉给您添麻烦了。'))).not.toContain('empathy');
    expect(signalIds(scoreReply('您一定很烦吧,真是对不起。'))).toContain('empathy');
  });

  it('judges an apology followed by blame as blame', () => {
    const r = scoreReply('对不起,但说实话是您自己没看好孩子。');
    expect(flagIds(r)).toEqual(['blame']);
    expect(signalIds(r)).not.toContain('apology');
    expect(r.turns[0]!.feedback.map((f) => f.code)).toContain('apology_cancelled');
    expect(r.total).toBeLessThanOrEqual(20);
    const en = scoreReply("Sorry, but you should have read the manual before plugging it in.");
    expect(flagIds(en)).toEqual(['blame']);
  });

  it('caps a red flag in an otherwise strong conversation at the strong-reply cap, and says so', () => {
    const slip = { customer: '你们酸奶里有苍蝇!' };
    const rude = { agent: '大姐,您先别嚷嚷,这么多人看着呢。' };
    const recovery = [
      { customer: '你还嫌我嚷?' },
      { agent: '对不起,我刚才那句话说得不对,您有火是应该的。值班经理让您自己带孩子去医院,那话太不负责任了,我代他向您道歉。孩子现在还好吗?咱们去旁边办公室坐,我给孩子倒杯水。' },
      { agent: '这杯酸奶我们当着您的面封存,今天下午送第三方检测,明天下午五点前我亲自打电话告诉您结果。酸奶的钱现在就退给您,这是我的名片,有事直接找我。' },
    ];
    const { strong_reply_flag_cap: strongCap } = rubric.data.scoring;
    const rudeCap = rubric.data.flags.find((f) => f.id === 'rude')!.cap;
    const recovered = scorer.scoreTranscript({ turns: [slip, rude, ...recovery] }, scenario('yogurt-fly'));
    expect(recovered.flags.map((f) => f.id)).toEqual(['rude']);
    // At the strong-reply cap, less any thin-reply scaling (this conversation is not quite full).
    expect(recovered.total).toBeLessThanOrEqual(strongCap);
    expect(recovered.total).toBeGreaterThan(strongCap * rubric.data.scoring.thin_reply_floor);
    expect(recovered.notices.map((n) => n.code)).toContain('flag_in_strong_reply');
    // The same slip alone keeps the flag's own cap.
    const alone = scorer.scoreTranscript({ turns: [slip, rude] }, scenario('yogurt-fly'));
    expect(alone.total).toBeLessThanOrEqual(rudeCap);
    expect(alone.notices.map((n) => n.code)).not.toContain('flag_in_strong_reply');
    expect(strongCap).toBeGreaterThan(rudeCap);
    // Buying silence is never relaxed, however strong the rest.
    const hush = { agent: '我私人再给您一千块,这事您就别往外说了,也别找消协。' };
    const bought = scorer.scoreTranscript({ turns: [slip, ...recovery, hush] }, scenario('yogurt-fly'));
    const overpromise = rubric.data.flags.find((f) => f.id === 'overpromise')!;
    expect(bought.total).toBeLessThanOrEqual(overpromise.severe_cap!);
    expect(bought.notices.map((n) => n.code)).not.toContain('flag_in_strong_reply');
  });

  it('counts a promise handed to somebody else as half a promise', () => {
    const strengthOf = (reply: string, id: string) => Math.max(0, ...scoreReply(reply).turns[0]!.signals.filter((s) => s.id === id).map((s) => s.strength));
    // Handed off: somebody else will call, the case goes to a department.
    for (const reply of ['我这边提交给技术部,三到五个工作日内会有工程师联系您。', 'Someone from the billing team will call you within two days.']) {
      expect(strengthOf(reply, 'commitment_time'), reply).toBeGreaterThan(0);
      expect(strengthOf(reply, 'commitment_time'), reply).toBeLessThan(1);
      expect(scoreReply(reply).turns[0]!.feedback.map((f) => f.code), reply).toContain('handed_off');
    }
    for (const reply of [
      '我这边帮您登记一下吞卡信息,会转给网点处理,明天上午会有结果。',
      '退费或转店的部分要由总公司法务处理,他们会再跟您联络。',
      "I'll send it over to engineering to approve the replacement, and someone there will call you to arrange it.",
      "I'll let the scheduling team know and they'll be in touch to rebook you.",
      '办卡时的承诺是顾问小周跟您谈的,我这就让她给您打电话解释。',
      // Or to nobody: the passive promise.
      'This will be looked into and actioned by the end of the week.',
      '您的投诉我们已经记录,将按既定程序在三个工作日内处理。',
    ]) {
      expect(scoreReply(reply).turns[0]!.feedback.map((f) => f.code), reply).toContain('handed_off');
    }
    // Kept: the trainee's own promise, a dispatched service, a manager asked, a handoff ruled out.
    for (const reply of [
      '我明天下午三点前亲自给您回电话。',
      '明天上午十点到十二点,我安排师傅带新泵上门更换。',
      "I'm asking my manager for approval now and I'll call you back before 4 pm today.",
      '我今天下午五点前亲自给您答复而不是转给相关部门。',
      "I'll send a technician to your office tomorrow at 10.",
      "I'll get our repair team to come out tomorrow at 9.",
      '我已经联系了厂家,厂家明天上午派人来给您换新的。',
    ]) {
      expect(strengthOf(reply, 'commitment_time'), reply).toBe(1);
      expect(scoreReply(reply).turns[0]!.feedback.map((f) => f.code), reply).not.toContain('handed_off');
    }
  });

  it('does not count a key point met only inside a handoff', () => {
    const hits = (reply: string) => scoreReply(reply, { scenario: 'pump-warranty' }).key_points.filter((k) => k.hit).map((k) => k.id);
    expect(hits('陈先生,三个月让您推来推去,真对不起。我这边转给技术部,会有工程师联系您换新泵。')).not.toContain('warranty_remedy');
    expect(hits('陈先生,三个月让您推来推去,真对不起。我明天上午安排师傅上门给您换新泵。')).toContain('warranty_remedy');
  });

  it('recognises empathy and ownership in the trainee’s own words', () => {
    const zh = scoreReply('换成我是孩子妈妈,看到那只苍蝇也得吓一跳。这件事我接了,后面您只找我一个人就行。');
    expect(signalIds(zh)).toEqual(expect.arrayContaining(['empathy', 'ownership']));
    const en = scoreReply("I'd be livid too after being bounced between three departments. From here on this is mine; you won't have to chase anyone.");
    expect(signalIds(en)).toEqual(expect.arrayContaining(['empathy', 'ownership']));
  });

  it('scores Traditional exactly like Simplified, and ignores width, case and spacing', () => {
    const simplified = scoreReply('非常抱历,让您久等了。我马上给您办理退款,明天上午十点前给您回电话。');
    const traditional = scoreReply('非常抱歷,讓您久等了。我馬上給您辦理退款,明天上午十點前給您回電話。');
    expect(traditional.total).toBe(simplified.total);
    expect(traditional.dimensions).toEqual(simplified.dimensions);
    expect(signalIds(traditional)).toEqual(signalIds(simplified));
    const plain = scoreReply("I'm sorry. I'll refund the fee today and call you back by 5 pm.");
    const messy = scoreReply("I'M   SORRY.  I'll  ＲＥＦＵＮＤ the fee TODAY and call you back by 5 PM.");
    expect(messy.total).toBe(plain.total);
    expect(messy.dimensions).toEqual(plain.dimensions);
    // Written Cantonese is heard as the Mandarin it says.
    const mandarin = scoreReply('真是对不住,是我们做得不好。明天上午十点前我打给您,您不用再打来。');
    const cantonese = scoreReply('真係對唔住,係我哋做得唔好。聽日上晝十點前我打畀你,你唔使再打嚟。');
    expect(signalIds(cantonese)).toEqual(signalIds(mandarin));
    expect(signalIds(cantonese)).toEqual(expect.arrayContaining(['apology', 'commitment_time']));
    expect(cantonese.total).toBe(mandarin.total);
  });

  it('quotes the trainee’s own words as evidence', () => {
    const r = scoreReply('讓您久等了,真對不起。是您自己沒看好孩子。');
    expect(r.flags[0]!.evidence).toBe('是您自己沒看好孩子');
  });
});

describe('the report', () => {
  it('has one entry per agent turn, indexed in the transcript', () => {
    const r = scorer.scoreTranscript({
      turns: [{ customer: 'a' }, { agent: '非常抱歉。' }, { customer: 'b' }, { customer: 'c' }, { agent: '请问是在哪里发现的?' }],
    });
    expect(r.turns.map((t) => t.turn)).toEqual([1, 4]);
    expect(r.steps.find((s) => s.id === 'listen_accept')).toEqual({ id: 'listen_accept', name: expect.any(String), done: true, turn: 1 });
    expect(r.steps.find((s) => s.id === 'analyse_confirm')?.turn).toBe(4);
    expect(Object.keys(r.dimensions)).toEqual(['reliability', 'responsiveness', 'assurance', 'empathy', 'tangibles']);
  });

  it('is deterministic: the same transcript gives the identical report', () => {
    const t = { turns: [{ customer: 'x' }, { agent: "I'm sorry. Could you tell me when it broke? I'll call you back by 4 pm." }] };
    const again = createScorer(compileRubric(rubric.data)).scoreTranscript(t);
    expect(JSON.stringify(again)).toBe(JSON.stringify(scorer.scoreTranscript(t)));
  });

  it('adds scenario key points and forbidden moves', () => {
    const reply = '您先带孩子去医院看看,有问题我们负责。';
    expect(flagIds(scoreReply(reply))).toEqual([]);
    const withScenario = scoreReply(reply, { scenario: 'yogurt-fly' });
    expect([...new Set(withScenario.flags.map((f) => `${f.id} ${f.source}`))]).toEqual(['deflect forbidden:hospital_line']);
    const good = scoreReply('经理刚才那样说太不应该了,我向您道歉。孩子现在还好吗?', { scenario: 'yogurt-fly' });
    expect(good.key_points.filter((k) => k.hit).map((k) => k.id)).toEqual(['apologise_for_manager', 'child_first']);
  });

  it('scores every model answer of the flagship scenarios at 80 or more', () => {
    for (const id of ['yogurt-fly', 'pump-warranty']) {
      const s = scenario(id);
      for (const answer of s.model_answers) {
        for (const lang of ['zh', 'en'] as const) {
          const turns = s.opening.map((o) => ({ customer: typeof o === 'string' ? o : (o[lang] ?? '') }));
          for (const reply of answer.replies) turns.push({ agent: typeof reply === 'string' ? reply : (reply[lang] ?? '') } as never);
          const r = scorer.scoreTranscript({ locale: lang, turns }, s);
          expect(r.total, `${id} ${lang}`).toBeGreaterThanOrEqual(80);
          expect(r.flags, `${id} ${lang}`).toEqual([]);
        }
      }
    }
  });
});

describe('bad input', () => {
  it('scores an empty reply as 0 with a notice, and a transcript with no agent turn', () => {
    const empty = scoreReply('   ');
    expect(empty.total).toBe(0);
    expect(empty.notices.map((n) => n.code)).toEqual(['empty_reply']);
    const none = scorer.scoreTranscript({ turns: [{ customer: 'hello?' }] });
    expect(none.total).toBe(0);
    expect(none.notices.map((n) => n.code)).toEqual(['no_agent_turns']);
  });

  it('cuts a 1 MB reply with a notice and still scores it', () => {
    const huge = "I'm sorry. I'll refund you today. ".repeat(32_000);
    expect(huge.length).toBeGreaterThan(1_000_000);
    const r = scoreReply(huge);
    expect(r.notices.map((n) => n.code)).toContain('truncated');
    expect(r.total).toBeGreaterThan(0);
  });

  it('copes with emoji and control characters', () => {
    const r = scoreReply('🙏😡 非常抱歉\u0000\u0007,\u202e我马上\u200b给您退款!🙏');
    expect(signalIds(r)).toEqual(expect.arrayContaining(['apology', 'remedy', 'commitment_time']));
  });
});

/* The staff console of the green-factory policy assistant (contract section 5).
   Plain script, no build step, nothing from another site. Under the page's Content-Security-Policy: no inline
   script or style; every text from the server or a visitor is set as text (textContent), never as markup. */
(function () {
  'use strict';

  var TOKEN_KEY = 'gfa-admin-token';
  var LANG_KEY = 'gfa-admin-lang';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var PAGE_ROWS = 25;

  // ------------------------------------------------------------------ words, in Chinese and English

  var FACTS = [
    ['applicant_type', '申报类型', 'Applicant type'],
    ['already_national_listed', '已列入国家级绿色制造名单', 'Already on the national list'],
    ['registered_in_guangdong', '注册地在广东省', 'Registered in Guangdong'],
    ['operates_in_guangdong', '生产（经营）场所在广东省', 'Operates in Guangdong'],
    ['independent_legal_entity', '独立法人或独立核算单位', 'Independent legal entity'],
    ['manufacturing_enterprise', '从事实际生产的制造型企业', 'Manufacturing enterprise'],
    ['legal_boundary', '具有法定边界和范围', 'Legal boundary'],
    ['unified_management', '具备统一管理机构', 'Unified management body'],
    ['manufacturing_energy_function', '以产品制造和能源供给为主要功能', 'Manufacturing and energy supply'],
    ['industrial_value_added_share', '工业增加值占比（%）', 'Industrial value-added share (%)'],
    ['park_cultivation_plan', '发布园区绿色工厂培育计划', 'Park cultivation plan'],
    ['industry_leading', '在产业链发挥主导作用', 'Leads its industry chain'],
    ['creating_green_factory', '积极创建绿色工厂', 'Creating a green factory'],
    ['supplier_cultivation_plan', '制定供应商绿色工厂培育计划', 'Supplier cultivation plan'],
    ['meets_national_standard', '符合国家暂行办法第十四条标准', 'Meets the national standard'],
    ['deregistered', '近三年工商注销', 'Deregistered (last 3 years)'],
    ['longest_halt_months', '近三年最长连续停产月数', 'Longest production halt (months)'],
    ['abnormal_operation_listed', '列入经营异常名单且未移出', 'On the abnormal-operation list'],
    ['accident_or_violation', '近三年发生事故或违法违规', 'Accident or violation (last 3 years)'],
    ['removed_from_list', '近三年被调出绿色制造名单', 'Removed from the list (last 3 years)'],
    ['inspection_serious_issue', '近三年督查发现严重问题', 'Serious issue in an inspection'],
    ['energy_rectification_pending', '节能监察整改未完成', 'Energy rectification pending'],
    ['dishonest_debtor', '被列为失信被执行人', 'Dishonest judgment debtor']
  ];
  var FACT_ORDER = FACTS.map(function (f) { return f[0]; });
  var FACT_LABEL = {};
  FACTS.forEach(function (f) { FACT_LABEL[f[0]] = { zh: f[1], en: f[2] }; });

  var APPLICANT = {
    factory: { zh: '绿色工厂', en: 'Green factory' },
    park: { zh: '绿色工业园区', en: 'Green industrial park' },
    supply_chain: { zh: '绿色供应链管理企业', en: 'Green supply-chain enterprise' }
  };
  var STATUSES = ['eligible', 'ineligible', 'incomplete', 'already_listed'];
  var STATUS = {
    eligible: { zh: '符合申报条件', en: 'Eligible' },
    ineligible: { zh: '不符合申报条件', en: 'Not eligible' },
    incomplete: { zh: '信息不完整', en: 'Incomplete' },
    already_listed: { zh: '已在国家级名单', en: 'Already listed' }
  };
  var OUTCOME = {
    pass: { zh: '✓ 符合', en: '✓ Pass' },
    fail: { zh: '✗ 不符合', en: '✗ Fail' },
    unknown: { zh: '? 待确认', en: '? Unknown' }
  };

  var T = {
    zh: {
      pageTitle: '绿色工厂政策助手 · 管理后台',
      skip: '跳到主要内容', brand: '绿色工厂政策助手', console: '管理后台', logout: '退出登录',
      navLabel: '栏目', navOverview: '概览', navCharts: '图表', navQuestions: '提问记录', navUnanswered: '未能回答',
      navAudit: '判定审计', navDocuments: '文档管理',
      title: '《广东省绿色工厂梯度培育管理实施细则》政策助手 · 管理后台',
      loginTitle: '登录', loginHelp: '请输入管理令牌。令牌只保存在本标签页中，关闭标签页或退出登录后即清除。',
      tokenLabel: '管理令牌', loginButton: '登录',
      loginEmpty: '请输入管理令牌。', loginChecking: '正在验证…',
      loginWrong: '令牌错误，未能登录。请检查后重试（多次输错会被暂时拒绝）。',
      loginWait: function (s) { return '输错次数过多，请等待 ' + s + ' 秒后再试。'; },
      loginOff: '管理后台未开启（服务未设置 ASSISTANT_ADMIN_TOKEN）。',
      loginNetwork: '无法连接服务，请稍后再试。',
      sessionExpired: '令牌已失效，请重新登录。', loggedOut: '已退出登录，令牌已从本标签页清除。',
      periodTitle: '统计周期', periodLegend: '统计周期（最近）',
      days1: '1 天', days7: '7 天', days30: '30 天', days90: '90 天',
      refresh: '刷新', loading: '正在加载…',
      loaded: function (time) { return '已更新：' + time; },
      overviewTitle: '概览', chartsTitle: '图表',
      chartsHelp: '每个图表下方的“数据表”按钮可显示同样的数字。',
      figQuestions: '提问数', figDeclined: '未能回答', figHelpful: '评价为“有帮助”', figUnhelpful: '评价为“没帮助”',
      figStarted: '开始资格自测', figFinished: '完成资格自测', figEligible: '判定为符合条件',
      ofTotal: function (p) { return '占 ' + p; },
      noData: '暂无数据', unavailable: '无法加载',
      showTable: '显示数据表', hideTable: '隐藏数据表',
      chartQuestionsDay: '每日提问数', chartQuestionsHour: '每小时提问数（最近 24 小时）',
      chartDeclinedDay: '每日未能回答的比例', chartDeclinedHour: '每小时未能回答的比例（最近 24 小时）',
      chartFunnel: '资格自测漏斗：开始 → 各项已回答 → 完成', chartStatus: '判定结果分布',
      chartArticle: '不符合条件时所依据的条款',
      capQuestions: '按本地时间统计访客在对话中提出的问题。',
      capDeclined: '未能回答的问题占当期提问的比例；没有提问的时段不画柱。',
      capFunnel: '开始自测的次数、回答到各项事实的次数，以及得出结论的次数。',
      capStatus: '已完成的自测按结论分类。', capArticle: '不符合条件的判定中，未满足的条款（一次判定可涉及多条）。',
      colPeriod: '时段', colCount: '数量', colShare: '比例', colStep: '步骤', colStatus: '结论', colArticle: '条款',
      colDeclinedOf: '未能回答 / 提问',
      started: '开始', finished: '完成',
      sumTotal: function (title, n) { return title + '：共 ' + n + '。'; },
      sumMax: function (label, v) { return '最多：' + label + '（' + v + '）。'; },
      sumShare: function (title, p, d, n) { return title + '：合计 ' + p + '（' + d + ' / ' + n + '）。'; },
      sumFunnel: function (s, f) { return '资格自测：开始 ' + s + ' 次，完成 ' + f + ' 次。'; },
      sumList: function (title, parts) { return title + '：' + parts.join('，') + '。'; },
      colText: '提问内容', colTime: '时间', colResult: '结果', colArticles: '引用条款', colRating: '评价',
      answered: '已回答', declined: '未能回答', ratingUp: '有帮助', ratingDown: '没帮助', ratingNone: '未评价',
      onlyDeclined: '只看未能回答的问题',
      questionsCount: function (shown, total) { return '显示最新的 ' + shown + ' 条，共 ' + total + ' 条。'; },
      showMore: function (n) { return '再显示 ' + n + ' 条'; },
      questionsTitle: '提问记录', questionsTable: '提问记录表',
      unansweredTitle: '未能回答的问题（按相似措辞分组）',
      unansweredHelp: '这些问题细则未能回答，可据此考虑补充文档。',
      groupCount: function (n) { return n + ' 次'; }, groupTexts: '原话',
      auditTitle: '判定审计', auditLabel: '会话编号或记录编号', auditHint: '例如 GF-7K3MQ-9XA2B 或对话的会话编号',
      auditLookup: '查询', auditEmpty: '请输入会话编号或记录编号。', auditLoading: '正在查询…',
      auditNotFound: function (id) { return '找不到“' + id + '”的判定记录。'; },
      auditShown: function (id) { return '已显示记录 ' + id + '。'; },
      recordTitle: function (id) { return '判定记录 ' + id; },
      recordId: '记录编号', sessionId: '会话编号', verdictStatus: '结论', rulesVersion: '规则版本', decidedAt: '判定时间',
      applicantType: '申报类型',
      factsTitle: '企业回答的事实', factCol: '事实', valueCol: '回答',
      findingsTitle: '逐项判定', metTitle: function (n) { return '符合的条件（' + n + ' 项）'; }, missingTitle: '尚未回答的事实', nextStepsTitle: '后续步骤', quote: '原文',
      yes: '是', no: '否', unknownValue: '不清楚', months: function (n) { return n + ' 个月'; },
      recheckTitle: '按今天的规则复核',
      recheckChanged: function (a, b) { return '⚠ 注意：按今天的规则，结论已从“' + a + '”变为“' + b + '”。'; },
      recheckSame: '✓ 按今天的规则复核，结论不变。',
      recheckNone: '⚠ 注意：这些事实已不符合今天的事实模型，无法按今天的规则复核。',
      recheckVersion: function (v) { return '今天的规则版本：' + v; },
      recordsTitle: '最近的判定记录', exportCsv: '导出 CSV', exportJson: '导出 JSON',
      exportDone: function (name) { return '已下载 ' + name + '。'; }, exporting: '正在导出…',
      recordsEmpty: '暂无判定记录。',
      recordsCut: function (n, total) { return '显示最近 ' + n + ' 条，共 ' + total + ' 条；可导出全部。'; },
      openRecord: function (id) { return '打开记录 ' + id; },
      documentsTitle: '文档管理', docArticles: function (n) { return n + ' 条（节）'; },
      docRegulation: '主文件，不可删除', remove: '删除',
      removeLabel: function (title) { return '删除《' + title + '》'; },
      confirmRemove: function (title) { return '确定删除文档《' + title + '》吗？删除后助手不再引用它。'; },
      removed: function (title) { return '已删除《' + title + '》。'; },
      removing: function (title) { return '正在删除《' + title + '》并重建索引，请稍候…'; },
      docsEmpty: '暂无文档。',
      ingestTitle: '导入文档',
      ingestHelp: '粘贴文本或 Markdown，或选择一个文件（.pdf、.md、.txt）。按“第一条”等条款标题或 Markdown 的 # 标题分条。',
      ingestTitleLabel: '标题', ingestTitleHint: '不带书名号；上传文件时可留空', ingestFormat: '文本格式',
      formatMd: 'Markdown', formatTxt: '纯文本', ingestText: '文本或 Markdown',
      ingestFile: '或选择文件（.pdf、.md、.txt）', ingestButton: '导入',
      ingestNeed: '请填写标题和文本，或选择一个文件。', ingestBadFile: '只能上传 .pdf、.md 或 .txt 文件。',
      ingesting: '正在导入并重建索引，请稍候…',
      ingested: function (title, n) { return '已导入《' + title + '》：' + n + ' 条（节）。'; },
      errorPrefix: '出错了：', network: '无法连接服务，请稍后再试。',
      tooMany: function (s) { return '请求过多，请 ' + s + ' 秒后再试。'; },
      footer: '仅供本部门工作人员使用。提问按访客原文保存，可能包含企业名称，请妥善处理。',
      langButton: 'English'
    },
    en: {
      pageTitle: 'Green-factory policy assistant · Staff console',
      skip: 'Skip to main content', brand: 'Green-factory policy assistant', console: 'Staff console', logout: 'Log out',
      navLabel: 'Sections', navOverview: 'Overview', navCharts: 'Charts', navQuestions: 'Questions',
      navUnanswered: 'Unanswered', navAudit: 'Audit', navDocuments: 'Documents',
      title: 'Policy assistant for the Guangdong green-factory rules · Staff console',
      loginTitle: 'Log in',
      loginHelp: 'Enter the admin token. It is kept in this tab only and cleared when the tab closes or you log out.',
      tokenLabel: 'Admin token', loginButton: 'Log in',
      loginEmpty: 'Please enter the admin token.', loginChecking: 'Checking…',
      loginWrong: 'Wrong token: not logged in. Check it and try again (repeated wrong tokens are refused for a while).',
      loginWait: function (s) { return 'Too many wrong tokens: please wait ' + s + ' s and try again.'; },
      loginOff: 'The staff console is off (ASSISTANT_ADMIN_TOKEN is not set).',
      loginNetwork: 'Cannot reach the service; please try again later.',
      sessionExpired: 'The token is no longer valid; please log in again.',
      loggedOut: 'Logged out; the token was cleared from this tab.',
      periodTitle: 'Period', periodLegend: 'Show the last',
      days1: '1 day', days7: '7 days', days30: '30 days', days90: '90 days',
      refresh: 'Refresh', loading: 'Loading…',
      loaded: function (time) { return 'Updated: ' + time; },
      overviewTitle: 'Overview', chartsTitle: 'Charts',
      chartsHelp: 'The “data table” button under each chart shows the same numbers.',
      figQuestions: 'Questions', figDeclined: 'Declined', figHelpful: 'Rated helpful', figUnhelpful: 'Rated not helpful',
      figStarted: 'Checks started', figFinished: 'Checks finished', figEligible: 'Found eligible',
      ofTotal: function (p) { return p + ' of all'; },
      noData: 'No data', unavailable: 'Could not load',
      showTable: 'Show data table', hideTable: 'Hide data table',
      chartQuestionsDay: 'Questions per day', chartQuestionsHour: 'Questions per hour (last 24 hours)',
      chartDeclinedDay: 'Declined share per day', chartDeclinedHour: 'Declined share per hour (last 24 hours)',
      chartFunnel: 'Eligibility check funnel: started → each fact answered → finished',
      chartStatus: 'Verdicts by status', chartArticle: 'Verdicts by failing article',
      capQuestions: 'Questions visitors asked in the chat, by local time.',
      capDeclined: 'Share of questions the assistant declined; periods without questions have no bar.',
      capFunnel: 'Checks started, how many reached each fact, and how many reached a verdict.',
      capStatus: 'Finished checks by verdict.', capArticle: 'Articles not met in “not eligible” verdicts (a verdict may fail several).',
      colPeriod: 'Period', colCount: 'Count', colShare: 'Share', colStep: 'Step', colStatus: 'Verdict', colArticle: 'Article',
      colDeclinedOf: 'Declined / asked',
      started: 'Started', finished: 'Finished',
      sumTotal: function (title, n) { return title + ': ' + n + ' in total.'; },
      sumMax: function (label, v) { return 'Highest: ' + label + ' (' + v + ').'; },
      sumShare: function (title, p, d, n) { return title + ': ' + p + ' overall (' + d + ' of ' + n + ').'; },
      sumFunnel: function (s, f) { return 'Eligibility checks: ' + s + ' started, ' + f + ' finished.'; },
      sumList: function (title, parts) { return title + ': ' + parts.join(', ') + '.'; },
      colText: 'Question', colTime: 'Time', colResult: 'Result', colArticles: 'Articles cited', colRating: 'Rating',
      answered: 'Answered', declined: 'Declined', ratingUp: 'Helpful', ratingDown: 'Not helpful', ratingNone: 'Not rated',
      onlyDeclined: 'Only declined questions',
      questionsCount: function (shown, total) { return 'The newest ' + shown + ' of ' + total + ' shown.'; },
      showMore: function (n) { return 'Show ' + n + ' more'; },
      questionsTitle: 'Questions', questionsTable: 'Questions asked',
      unansweredTitle: 'Unanswered questions (grouped by similar wording)',
      unansweredHelp: 'Questions the regulation could not answer: candidates for a further document.',
      groupCount: function (n) { return n + (n === 1 ? ' time' : ' times'); }, groupTexts: 'As asked',
      auditTitle: 'Verdict audit', auditLabel: 'Session id or record id', auditHint: 'e.g. GF-7K3MQ-9XA2B or a chat session id',
      auditLookup: 'Look up', auditEmpty: 'Enter a session id or a record id.', auditLoading: 'Looking up…',
      auditNotFound: function (id) { return 'No verdict record for “' + id + '”.'; },
      auditShown: function (id) { return 'Showing record ' + id + '.'; },
      recordTitle: function (id) { return 'Verdict record ' + id; },
      recordId: 'Record id', sessionId: 'Session id', verdictStatus: 'Verdict', rulesVersion: 'Rules version',
      decidedAt: 'Decided at', applicantType: 'Applicant type',
      factsTitle: 'Facts as answered', factCol: 'Fact', valueCol: 'Answer',
      findingsTitle: 'Findings', metTitle: function (n) { return 'Conditions met (' + n + ')'; }, missingTitle: 'Facts not yet answered', nextStepsTitle: 'Next steps', quote: 'Quote',
      yes: 'Yes', no: 'No', unknownValue: 'Unknown', months: function (n) { return n + ' months'; },
      recheckTitle: 'Re-checked under today’s rules',
      recheckChanged: function (a, b) { return '⚠ Attention: under today’s rules the verdict changed from “' + a + '” to “' + b + '”.'; },
      recheckSame: '✓ Under today’s rules the verdict is the same.',
      recheckNone: '⚠ Attention: these facts no longer fit today’s facts model; they cannot be re-checked.',
      recheckVersion: function (v) { return 'Today’s rules version: ' + v; },
      recordsTitle: 'Recent verdict records', exportCsv: 'Export CSV', exportJson: 'Export JSON',
      exportDone: function (name) { return 'Downloaded ' + name + '.'; }, exporting: 'Exporting…',
      recordsEmpty: 'No verdict records yet.',
      recordsCut: function (n, total) { return 'The newest ' + n + ' of ' + total + ' are shown; export for all.'; },
      openRecord: function (id) { return 'Open record ' + id; },
      documentsTitle: 'Documents', docArticles: function (n) { return n + (n === 1 ? ' article/section' : ' articles/sections'); },
      docRegulation: 'The regulation; cannot be removed', remove: 'Remove',
      removeLabel: function (title) { return 'Remove “' + title + '”'; },
      confirmRemove: function (title) { return 'Remove the document “' + title + '”? The assistant will no longer cite it.'; },
      removed: function (title) { return 'Removed “' + title + '”.'; },
      removing: function (title) { return 'Removing “' + title + '” and rebuilding the index, please wait…'; },
      docsEmpty: 'No documents.',
      ingestTitle: 'Add a document',
      ingestHelp: 'Paste text or Markdown, or choose a file (.pdf, .md, .txt). It is split into articles at headings such as 第一条 or Markdown # headings.',
      ingestTitleLabel: 'Title', ingestTitleHint: 'Without 《》; may be left empty for a file', ingestFormat: 'Text format',
      formatMd: 'Markdown', formatTxt: 'Plain text', ingestText: 'Text or Markdown',
      ingestFile: 'Or choose a file (.pdf, .md, .txt)', ingestButton: 'Add',
      ingestNeed: 'Fill in a title and the text, or choose a file.', ingestBadFile: 'Only .pdf, .md or .txt files can be added.',
      ingesting: 'Adding the document and rebuilding the index, please wait…',
      ingested: function (title, n) { return 'Added “' + title + '”: ' + n + ' articles/sections.'; },
      errorPrefix: 'Error: ', network: 'Cannot reach the service; please try again later.',
      tooMany: function (s) { return 'Too many requests; try again in ' + s + ' s.'; },
      footer: 'For the department’s staff only. Questions are kept as visitors wrote them and may name a company: handle them with care.',
      langButton: '中文'
    }
  };

  var lang = sessionStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';

  function t(key) {
    var v = T[lang][key];
    if (v === undefined) v = T.zh[key];
    if (typeof v === 'function') return v.apply(null, Array.prototype.slice.call(arguments, 1));
    return v === undefined ? key : v;
  }
  function pick(pair) { return pair ? (pair[lang] || pair.zh) : ''; }
  function factLabel(name) { return FACT_LABEL[name] ? pick(FACT_LABEL[name]) : String(name); }
  function statusLabel(s) { return STATUS[s] ? pick(STATUS[s]) : String(s); }
  function locale() { return lang === 'en' ? 'en-GB' : 'zh-CN'; }

  // ------------------------------------------------------------------ small DOM helpers (text only)

  function $(id) { return document.getElementById(id); }

  /* el('p', {className: 'x', 'data-x': 1}, 'text', child…): strings become text nodes, never markup. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    appendAll(node, Array.prototype.slice.call(arguments, 2));
    return node;
  }
  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'className') node.setAttribute('class', v);
      else if (k === 'text') node.textContent = String(v);
      else if (k === 'onclick') node.addEventListener('click', v);
      else if (k === 'style') throw new Error('no inline styles');
      else node.setAttribute(k, v === true ? '' : String(v));
    });
  }
  function appendAll(node, children) {
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      if (Array.isArray(c)) appendAll(node, c);
      else if (c instanceof Node) node.appendChild(c);
      else node.appendChild(document.createTextNode(String(c)));
    });
  }
  function s(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') node.textContent = String(attrs[k]);
      else if (k === 'className') node.setAttribute('class', attrs[k]);
      else node.setAttribute(k, String(attrs[k]));
    });
    appendAll(node, Array.prototype.slice.call(arguments, 2));
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function fill(node) { clear(node); appendAll(node, Array.prototype.slice.call(arguments, 1)); return node; }

  function bilingualMessage(zh, en) {
    var out = [];
    if (zh) out.push(el('span', { lang: 'zh-CN', className: 'msg-line' }, zh));
    if (en && en !== zh) out.push(el('span', { lang: 'en', className: 'msg-line' }, en));
    return out;
  }
  /* A message that follows the language: content is a function, called again when the language changes. */
  function showMsg(node, kind, content) {
    node.className = 'msg' + (kind ? ' msg-' + kind : '');
    node._content = typeof content === 'function' ? content : null;
    fill(node, node._content ? node._content() : content);
  }
  function tr() {
    var args = arguments;
    return function () { return t.apply(null, args); };
  }
  function errorOf(err) { return function () { return errorContent(err); }; }
  function refreshMessages() {
    Array.prototype.forEach.call(document.querySelectorAll('.msg'), function (node) {
      if (node._content) fill(node, node._content());
    });
  }

  // ------------------------------------------------------------------ numbers, dates, articles

  var CN_DIGITS = '零一二三四五六七八九';
  function cnNumber(n) {
    n = Number(n);
    if (!isFinite(n) || n < 0 || n > 999 || n !== Math.floor(n)) return String(n);
    if (n < 10) return CN_DIGITS[n];
    if (n < 20) return '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
    if (n < 100) return CN_DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
    var h = Math.floor(n / 100), r = n % 100;
    if (!r) return CN_DIGITS[h] + '百';
    return CN_DIGITS[h] + '百' + (r < 10 ? '零' + CN_DIGITS[r] : (r < 20 ? '一' + cnNumber(r) : cnNumber(r)));
  }
  function articleLabel(n) { return '第' + cnNumber(n) + '条'; }
  function percent(x) {
    if (!isFinite(x)) return '–';
    var p = x * 100;
    return (p === Math.round(p) ? String(p) : p.toFixed(1)) + '%';
  }
  function fmtNumber(n) { return Number(n).toLocaleString(locale()); }
  function parseTime(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? null : d;
  }
  function fmtDateTime(iso) {
    var d = parseTime(iso);
    if (!d) return String(iso || '–');
    return d.toLocaleString(locale(), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
      minute: '2-digit', hour12: false });
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function isoDay(d) { return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()); }

  // ------------------------------------------------------------------ the API

  function ApiFailure(status, body, retryAfter) {
    this.status = status; this.body = body; this.retryAfter = retryAfter;
  }

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

  function request(path, opts) {
    opts = opts || {};
    var headers = { Authorization: 'Bearer ' + (opts.token || token()) };
    if (opts.json !== undefined) headers['Content-Type'] = 'application/json';
    var init = { method: opts.method || 'GET', headers: headers, cache: 'no-store', credentials: 'same-origin',
      body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.body };
    return fetch(path, init).then(function (res) {
      if (res.ok) return res;
      return res.text().then(function (text) {
        var body = null;
        try { body = JSON.parse(text); } catch (e) { body = null; }
        var fail = new ApiFailure(res.status, body, res.headers.get('Retry-After'));
        if (res.status === 401 && !opts.login) sessionEnded();
        throw fail;
      });
    }, function () { throw new ApiFailure(0, null, null); });
  }
  function getJson(path) { return request(path).then(function (res) { return res.json(); }); }

  /* The error's own words in both languages (api/errors.py: message_zh, message_en; nested or flat). */
  function errorContent(err) {
    if (!(err instanceof ApiFailure)) return [t('errorPrefix') + String(err && err.message || err)];
    if (err.status === 0) return [t('network')];
    var b = err.body || {};
    var e = (b.error && typeof b.error === 'object') ? b.error : b;
    var zh = e.message_zh, en = e.message_en;
    if (!zh && !en && typeof e.message === 'string') zh = e.message;
    if (!zh && !en && typeof b.detail === 'string') en = b.detail;
    var out = [];
    if (err.status === 429 && err.retryAfter) out.push(el('span', { className: 'msg-line' }, t('tooMany', err.retryAfter)));
    if (zh || en) out = out.concat(bilingualMessage(zh, en));
    else out.push(el('span', { className: 'msg-line' }, t('errorPrefix') + 'HTTP ' + err.status));
    return out;
  }

  // ------------------------------------------------------------------ state

  var state = {
    days: 7,
    questions: null, groups: null, funnel: null, records: null, documents: null, audit: null,
    failed: {},
    onlyDeclined: false,
    shownRows: PAGE_ROWS,
    openTables: {}
  };

  // ------------------------------------------------------------------ static words and the language toggle

  function applyStatic() {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = t('pageTitle');
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-aria]'), function (node) {
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-aria')));
    });
    var toggle = $('lang-toggle');
    toggle.textContent = t('langButton');
    toggle.setAttribute('lang', lang === 'en' ? 'zh-CN' : 'en');
  }

  function toggleLanguage() {
    lang = lang === 'en' ? 'zh' : 'en';
    sessionStorage.setItem(LANG_KEY, lang);
    applyStatic();
    refreshMessages();
    renderAll();
  }

  // ------------------------------------------------------------------ login and logout

  function showConsole(on) {
    $('login').hidden = on;
    $('console').hidden = !on;
    $('logout').hidden = !on;
    $('section-nav').hidden = !on;
  }

  function login(ev) {
    ev.preventDefault();
    var value = $('token').value.trim();
    var msg = $('login-msg');
    if (!value) { showMsg(msg, 'error', tr('loginEmpty')); $('token').focus(); return; }
    showMsg(msg, '', tr('loginChecking'));
    request('/api/admin/documents', { token: value, login: true }).then(function (res) {
      return res.json();
    }).then(function (docs) {
      sessionStorage.setItem(TOKEN_KEY, value);
      $('token').value = '';
      showMsg(msg, '', '');
      state.documents = docs;
      showConsole(true);
      loadAll();
      $('overview-h').focus();
    }, function (err) {
      var text = null;
      if (err instanceof ApiFailure && err.status === 401) text = tr('loginWrong');
      else if (err instanceof ApiFailure && err.status === 429) text = tr('loginWait', err.retryAfter || '60');
      else if (err instanceof ApiFailure && err.status === 404) text = tr('loginOff');
      else if (err instanceof ApiFailure && err.status === 0) text = tr('loginNetwork');
      showMsg(msg, 'error', text || errorOf(err));
      $('token').focus();
    });
  }

  function logout(key) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.questions = state.groups = state.funnel = state.records = state.documents = state.audit = null;
    state.failed = {};
    ['overview-body', 'charts-body', 'questions-body', 'unanswered-body', 'records-body', 'documents-body',
      'audit-record', 'audit-msg', 'export-msg', 'documents-msg', 'ingest-msg', 'questions-count', 'load-status']
      .forEach(function (id) { $(id)._content = null; clear($(id)); });
    showConsole(false);
    showMsg($('login-msg'), key === 'sessionExpired' ? 'error' : '', tr(key || 'loggedOut'));
    $('token').focus();
  }

  function sessionEnded() {
    if (!$('console').hidden) logout('sessionExpired');
  }

  // ------------------------------------------------------------------ loading

  var loadSeq = 0;

  function loadAll() {
    loadPeriod();
    loadRecords();
    if (state.documents) renderDocuments(); else loadDocuments();
  }

  function loadPeriod() {
    var seq = ++loadSeq, days = state.days;
    fill($('load-status'), t('loading'));
    var parts = [
      ['questions', '/api/admin/questions?days=' + days],
      ['groups', '/api/admin/unanswered?days=' + days],
      ['funnel', '/api/admin/funnel?days=' + days]
    ];
    Promise.all(parts.map(function (p) {
      return getJson(p[1]).then(function (data) {
        if (seq !== loadSeq) return;
        state[p[0]] = data; delete state.failed[p[0]];
        if (p[0] === 'questions') state.shownRows = PAGE_ROWS;
      }, function (err) {
        if (seq !== loadSeq) return;
        state[p[0]] = null; state.failed[p[0]] = err;
      });
    })).then(function () {
      if (seq !== loadSeq || !token()) return;
      state.loadedAt = new Date();
      renderPeriod();
    });
  }

  function loadRecords() {
    return getJson('/api/admin/audit?format=json').then(function (data) {
      state.records = data; delete state.failed.records; renderRecords();
    }, function (err) {
      state.records = null; state.failed.records = err; renderRecords();
    });
  }

  function loadDocuments() {
    return getJson('/api/admin/documents').then(function (data) {
      state.documents = data; delete state.failed.documents; renderDocuments();
    }, function (err) {
      state.documents = null; state.failed.documents = err; renderDocuments();
    });
  }

  // ------------------------------------------------------------------ rendering

  function renderAll() {
    if ($('console').hidden) return;
    renderPeriod();
    renderRecords();
    renderDocuments();
    renderAudit();
  }

  function renderPeriod() {
    if (!token()) return;
    if (state.loadedAt) fill($('load-status'), t('loaded', state.loadedAt.toLocaleTimeString(locale(), { hour12: false })));
    renderOverview();
    renderCharts();
    renderQuestions();
    renderUnanswered();
  }

  function questionList() { return (state.questions && state.questions.questions) || []; }

  function renderOverview() {
    var qs = questionList(), funnel = state.funnel || {};
    var declined = qs.filter(function (q) { return q.declined; }).length;
    var up = qs.filter(function (q) { return q.rating === true; }).length;
    var down = qs.filter(function (q) { return q.rating === false; }).length;
    var byStatus = funnel.by_status || {};
    var started = funnel.started || 0, finished = funnel.finished || 0;
    var qOk = !!state.questions, fOk = !!state.funnel;
    function figure(label, value, note, cls) {
      return el('div', { className: 'figure' + (cls ? ' ' + cls : '') },
        el('dt', null, label),
        el('dd', null, el('span', { className: 'figure-value' }, value),
          note ? el('span', { className: 'figure-note' }, note) : null));
    }
    var na = t('unavailable');
    fill($('overview-body'), el('dl', { className: 'figures-list' },
      figure(t('figQuestions'), qOk ? fmtNumber(qs.length) : na),
      figure(t('figDeclined'), qOk ? fmtNumber(declined) : na,
        qOk && qs.length ? t('ofTotal', percent(declined / qs.length)) : null, 'figure-warn'),
      figure(t('figHelpful'), qOk ? fmtNumber(up) : na),
      figure(t('figUnhelpful'), qOk ? fmtNumber(down) : na),
      figure(t('figStarted'), fOk ? fmtNumber(started) : na),
      figure(t('figFinished'), fOk ? fmtNumber(finished) : na,
        fOk && started ? t('ofTotal', percent(finished / started)) : null),
      figure(t('figEligible'), fOk ? fmtNumber(byStatus.eligible || 0) : na, null, 'figure-good')));
    var errs = ['questions', 'funnel'].filter(function (k) { return state.failed[k]; });
    if (errs.length) {
      $('overview-body').appendChild(el('div', { className: 'msg msg-error' }, errorContent(state.failed[errs[0]])));
    }
  }

  // ---------------------------------------------------------------- charts

  /* Time buckets covering the period in local time: hours for one day, dates otherwise. */
  function timeBuckets(days) {
    var now = new Date(), out = [], start, cur;
    if (days <= 1) {
      start = new Date(now.getTime() - 24 * 3600 * 1000);
      start.setMinutes(0, 0, 0);
      for (cur = start; cur <= now; cur = new Date(cur.getTime() + 3600 * 1000)) {
        out.push({ key: isoDay(cur) + 'T' + pad(cur.getHours()), short: pad(cur.getHours()) + ':00',
          label: isoDay(cur) + ' ' + pad(cur.getHours()) + ':00', total: 0, declined: 0 });
      }
    } else {
      start = new Date(now.getTime() - days * 24 * 3600 * 1000);
      cur = new Date(start.getFullYear(), start.getMonth(), start.getDate());
      while (cur <= now) {
        out.push({ key: isoDay(cur), short: pad(cur.getMonth() + 1) + '-' + pad(cur.getDate()), label: isoDay(cur),
          total: 0, declined: 0 });
        cur = new Date(cur.getFullYear(), cur.getMonth(), cur.getDate() + 1);
      }
    }
    return out;
  }
  function bucketKey(d, days) { return days <= 1 ? isoDay(d) + 'T' + pad(d.getHours()) : isoDay(d); }

  function perPeriod() {
    var buckets = timeBuckets(state.days), index = {};
    buckets.forEach(function (b) { index[b.key] = b; });
    questionList().forEach(function (q) {
      var d = parseTime(q.asked_at);
      if (!d) return;
      var b = index[bucketKey(d, state.days)];
      if (!b) return;
      b.total += 1;
      if (q.declined) b.declined += 1;
    });
    return buckets;
  }

  function chartFigure(id, title, caption, summary, draw, table) {
    var fig = el('figure', { className: 'chart', 'data-testid': 'gfa-admin-chart', 'data-chart': id,
      'aria-labelledby': 'chart-' + id + '-title' });
    fig.appendChild(el('h3', { id: 'chart-' + id + '-title', className: 'chart-title' }, title));
    var holder = el('div', { className: 'chart-svg' });
    fig.appendChild(holder);
    fig.appendChild(el('figcaption', { className: 'chart-caption' }, caption));
    var open = !!state.openTables[id];
    var tableBox = el('div', { className: 'chart-table' + (open ? '' : ' sr-only'), id: 'chart-' + id + '-table' },
      table);
    var toggle = el('button', { type: 'button', className: 'btn btn-small btn-ghost', 'aria-pressed': open ? 'true' : 'false',
      'aria-controls': 'chart-' + id + '-table' }, open ? t('hideTable') : t('showTable'));
    toggle.addEventListener('click', function () {
      state.openTables[id] = !state.openTables[id];
      var on = state.openTables[id];
      tableBox.className = 'chart-table' + (on ? '' : ' sr-only');
      toggle.setAttribute('aria-pressed', on ? 'true' : 'false');
      toggle.textContent = on ? t('hideTable') : t('showTable');
    });
    fig.appendChild(toggle);
    fig.appendChild(tableBox);
    fig._draw = function () { fill(holder, draw(Math.max(260, holder.clientWidth || 320), summary)); };
    return fig;
  }

  function svgRoot(width, height, summary) {
    var root = s('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      'aria-label': summary, className: 'chart-graphic', focusable: 'false' });
    root.appendChild(s('title', { text: summary }));
    return root;
  }

  function emptyText(root, width, height) {
    root.appendChild(s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', className: 'chart-empty',
      text: t('noData') }));
  }

  function niceMax(v) {
    if (v <= 0) return 1;
    if (v <= 5) return v;
    var pow = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * pow >= v) return steps[i] * pow;
    return 10 * pow;
  }

  /* Vertical bars over time: rows [{short, label, value (null = no bar), display}]. */
  function columnChart(rows, opts) {
    return function (width, summary) {
      var height = 210, top = 14, bottom = 30, left = 44, right = 10;
      var root = svgRoot(width, height, summary);
      var plotW = width - left - right, plotH = height - top - bottom;
      var values = rows.map(function (r) { return r.value || 0; });
      var max = opts.max || niceMax(Math.max.apply(null, values.concat([0])));
      var empty = rows.every(function (r) { return !r.value; }) && !opts.showZero;
      // grid and y labels
      [0, 0.5, 1].forEach(function (f) {
        var y = top + plotH - f * plotH;
        root.appendChild(s('line', { x1: left, x2: width - right, y1: y, y2: y, className: f ? 'grid' : 'axis' }));
        root.appendChild(s('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', className: 'tick',
          text: opts.format(f * max) }));
      });
      if (empty || !rows.length) { emptyText(root, width, top + plotH / 2 + 10); return root; }
      var band = plotW / rows.length, barW = Math.max(1, Math.min(36, band * 0.72));
      var every = Math.ceil(rows.length / Math.max(2, Math.floor(plotW / 64)));
      rows.forEach(function (r, i) {
        var x = left + i * band + (band - barW) / 2;
        if (r.value !== null && r.value !== undefined && r.value > 0) {
          var h = Math.max(1, (r.value / max) * plotH);
          root.appendChild(s('rect', { x: x.toFixed(2), y: (top + plotH - h).toFixed(2), width: barW.toFixed(2),
            height: h.toFixed(2), className: 'bar ' + (opts.cls || '') }));
          if (rows.length <= 16) {
            root.appendChild(s('text', { x: (x + barW / 2).toFixed(2), y: (top + plotH - h - 4).toFixed(2),
              'text-anchor': 'middle', className: 'value', text: r.display }));
          }
        }
        var last = rows.length - 1;
        if (i === last || (i % every === 0 && last - i >= every * 0.75)) {
          root.appendChild(s('text', { x: (left + i * band + band / 2).toFixed(2), y: height - 10, 'text-anchor': 'middle',
            className: 'tick', text: r.short }));
        }
      });
      return root;
    };
  }

  /* Horizontal bars, the label above each bar: rows [{label, value, display, cls}]. */
  function barList(rows, opts) {
    return function (width, summary) {
      var rowH = 40, top = 6, left = 4, right = 6;
      var max = Math.max.apply(null, rows.map(function (r) { return r.value; }).concat([0]));
      var height = Math.max(rows.length && max ? 0 : 120, top + rows.length * rowH + 6);
      var root = svgRoot(width, height, summary);
      if (!rows.length || max === 0) {
        rows.forEach(function (r, i) {
          root.appendChild(s('text', { x: left, y: top + i * rowH + 14, className: 'label', text: r.label }));
        });
        emptyText(root, width, rows.length ? top + rows.length * rowH / 2 + 8 : height / 2);
        return root;
      }
      var valueW = opts.valueWidth || 80, barMax = Math.max(20, width - left - right - valueW - 8);
      rows.forEach(function (r, i) {
        var y = top + i * rowH;
        root.appendChild(s('text', { x: left, y: y + 14, className: 'label', text: r.label }));
        root.appendChild(s('rect', { x: left, y: y + 19, width: barMax, height: 14, className: 'track' }));
        var w = r.value > 0 ? Math.max(2, (r.value / max) * barMax) : 0;
        if (w) root.appendChild(s('rect', { x: left, y: y + 19, width: w.toFixed(2), height: 14,
          className: 'bar ' + (r.cls || opts.cls || '') }));
        root.appendChild(s('text', { x: width - right, y: y + 30, 'text-anchor': 'end', className: 'value', text: r.display }));
      });
      return root;
    };
  }

  function dataTable(caption, heads, rows) {
    var body = rows.length ? rows.map(function (r) {
      return el('tr', null, el('th', { scope: 'row' }, r[0]), r.slice(1).map(function (c) { return el('td', null, c); }));
    }) : [el('tr', null, el('td', { colspan: heads.length }, t('noData')))];
    return el('table', { className: 'data' }, el('caption', null, caption),
      el('thead', null, el('tr', null, heads.map(function (h) { return el('th', { scope: 'col' }, h); }))),
      el('tbody', null, body));
  }

  function renderCharts() {
    var box = $('charts-body');
    clear(box);
    var hourly = state.days <= 1;
    var figs = [];

    // questions per day (or hour)
    var buckets = perPeriod();
    var qTitle = hourly ? t('chartQuestionsHour') : t('chartQuestionsDay');
    var total = buckets.reduce(function (a, b) { return a + b.total; }, 0);
    var busiest = buckets.reduce(function (a, b) { return b.total > (a ? a.total : 0) ? b : a; }, null);
    var qSummary = state.failed.questions ? qTitle + '：' + t('unavailable') :
      (total ? t('sumTotal', qTitle, total) + ' ' + t('sumMax', busiest.label, busiest.total) : qTitle + ' — ' + t('noData'));
    figs.push(chartFigure('questions', qTitle, t('capQuestions'), qSummary,
      columnChart(buckets.map(function (b) { return { short: b.short, label: b.label, value: b.total, display: String(b.total) }; }),
        { cls: 'bar-questions', format: function (v) { return String(Math.round(v)); } }),
      dataTable(qTitle, [t('colPeriod'), t('colCount')], buckets.map(function (b) { return [b.label, String(b.total)]; }))));

    // declined share per day (or hour)
    var dTitle = hourly ? t('chartDeclinedHour') : t('chartDeclinedDay');
    var declined = buckets.reduce(function (a, b) { return a + b.declined; }, 0);
    var dSummary = state.failed.questions ? dTitle + '：' + t('unavailable') :
      (total ? t('sumShare', dTitle, percent(declined / total), declined, total) : dTitle + ' — ' + t('noData'));
    figs.push(chartFigure('declined', dTitle, t('capDeclined'), dSummary,
      columnChart(buckets.map(function (b) {
        return { short: b.short, label: b.label, value: b.total ? b.declined / b.total : null,
          display: b.total ? percent(b.declined / b.total) : '' };
      }), { cls: 'bar-declined', max: 1, showZero: total > 0, format: function (v) { return Math.round(v * 100) + '%'; } }),
      dataTable(dTitle, [t('colPeriod'), t('colShare'), t('colDeclinedOf')], buckets.filter(function (b) { return b.total; })
        .map(function (b) { return [b.label, percent(b.declined / b.total), b.declined + ' / ' + b.total]; }))));

    // the intake funnel
    var funnel = state.funnel || {};
    var started = funnel.started || 0, finished = funnel.finished || 0;
    var reached = funnel.reached || {};
    var facts = Object.keys(reached).sort(function (a, b) {
      var d = (reached[b] || 0) - (reached[a] || 0);
      if (d) return d;
      var ia = FACT_ORDER.indexOf(a), ib = FACT_ORDER.indexOf(b);
      return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib);
    });
    function share(n) { return started ? ' (' + percent(n / started) + ')' : ''; }
    var fRows = [{ label: t('started'), value: started, display: String(started), cls: 'bar-start' }]
      .concat(facts.map(function (f) {
        return { label: factLabel(f), value: reached[f] || 0, display: String(reached[f] || 0) + share(reached[f] || 0) };
      }))
      .concat([{ label: t('finished'), value: finished, display: String(finished) + share(finished), cls: 'bar-finish' }]);
    var fSummary = state.failed.funnel ? t('chartFunnel') + '：' + t('unavailable') :
      (started ? t('sumFunnel', started, finished) : t('chartFunnel') + ' — ' + t('noData'));
    figs.push(chartFigure('funnel', t('chartFunnel'), t('capFunnel'), fSummary,
      barList(fRows, { cls: 'bar-funnel', valueWidth: 90 }),
      dataTable(t('chartFunnel'), [t('colStep'), t('colCount'), t('colShare')], fRows.map(function (r) {
        return [r.label, String(r.value), started ? percent(r.value / started) : '–'];
      }))));

    // verdicts by status
    var byStatus = funnel.by_status || {};
    var statuses = STATUSES.concat(Object.keys(byStatus).filter(function (k) { return STATUSES.indexOf(k) < 0; }));
    var sRows = statuses.map(function (st) {
      return { label: statusLabel(st), value: byStatus[st] || 0, display: String(byStatus[st] || 0), cls: 'bar-' + st };
    });
    var sTotal = sRows.reduce(function (a, r) { return a + r.value; }, 0);
    var sSummary = state.failed.funnel ? t('chartStatus') + '：' + t('unavailable') : (sTotal ?
      t('sumList', t('chartStatus'), sRows.map(function (r) { return r.label + ' ' + r.value; })) :
      t('chartStatus') + ' — ' + t('noData'));
    figs.push(chartFigure('status', t('chartStatus'), t('capStatus'), sSummary,
      barList(sRows, { valueWidth: 50 }),
      dataTable(t('chartStatus'), [t('colStatus'), t('colCount')], sTotal ? sRows.map(function (r) { return [r.label, String(r.value)]; }) : [])));

    // verdicts by failing article
    var byArticle = funnel.by_failed_article || {};
    var arts = Object.keys(byArticle).sort(function (a, b) { return Number(a) - Number(b); });
    var aRows = arts.map(function (a) {
      var label = /^\d+$/.test(a) ? articleLabel(Number(a)) : String(a);
      return { label: label, value: byArticle[a] || 0, display: String(byArticle[a] || 0), cls: 'bar-fail' };
    });
    var aSummary = state.failed.funnel ? t('chartArticle') + '：' + t('unavailable') : (aRows.length ?
      t('sumList', t('chartArticle'), aRows.map(function (r) { return r.label + ' ' + r.value; })) :
      t('chartArticle') + ' — ' + t('noData'));
    figs.push(chartFigure('articles', t('chartArticle'), t('capArticle'), aSummary,
      barList(aRows, { valueWidth: 50 }),
      dataTable(t('chartArticle'), [t('colArticle'), t('colCount')], aRows.map(function (r) { return [r.label, String(r.value)]; }))));

    figs.forEach(function (f) { box.appendChild(f); });
    figs.forEach(function (f) { f._draw(); });
    var errs = ['questions', 'funnel'].filter(function (k) { return state.failed[k]; });
    if (errs.length) box.appendChild(el('div', { className: 'msg msg-error' }, errorContent(state.failed[errs[0]])));
  }

  function redrawCharts() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-testid="gfa-admin-chart"]'), function (f) {
      if (f._draw) f._draw();
    });
  }

  // ---------------------------------------------------------------- questions and unanswered groups

  function renderQuestions() {
    var box = $('questions-body');
    clear(box);
    if (state.failed.questions) {
      fill($('questions-count'), '');
      box.appendChild(el('div', { className: 'msg msg-error' }, errorContent(state.failed.questions)));
      return;
    }
    var all = questionList();
    var list = state.onlyDeclined ? all.filter(function (q) { return q.declined; }) : all;
    var shown = list.slice(0, state.shownRows);
    fill($('questions-count'), t('questionsCount', shown.length, state.onlyDeclined ? list.length : all.length));
    if (!shown.length) { box.appendChild(el('p', { className: 'empty' }, t('noData'))); return; }
    var heads = [t('colText'), t('colTime'), t('colResult'), t('colArticles'), t('colRating')];
    var rows = shown.map(function (q) {
      // the emoji, and its meaning in words (a machine without an emoji font still shows the words)
      var rating = q.rating === true ? el('span', { className: 'rating rating-up' }, el('span', { 'aria-hidden': 'true' }, '👍 '), t('ratingUp'))
        : q.rating === false ? el('span', { className: 'rating rating-down' }, el('span', { 'aria-hidden': 'true' }, '👎 '), t('ratingDown'))
          : el('span', { className: 'rating muted' }, el('span', { 'aria-hidden': 'true' }, '–'), el('span', { className: 'sr-only' }, t('ratingNone')));
      var articles = (q.articles || []).map(function (n) { return /^\d+$/.test(String(n)) ? articleLabel(n) : String(n); });
      return el('tr', { 'data-testid': 'gfa-admin-question', className: q.declined ? 'row-declined' : null },
        el('td', { 'data-label': heads[0], className: 'q-text' }, q.text),
        el('td', { 'data-label': heads[1], className: 'nowrap' },
          el('time', { datetime: q.asked_at }, fmtDateTime(q.asked_at))),
        el('td', { 'data-label': heads[2] }, el('span', { className: 'badge ' + (q.declined ? 'badge-declined' : 'badge-answered') },
          q.declined ? t('declined') : t('answered'))),
        el('td', { 'data-label': heads[3] }, articles.length ? articles.join('、') : '–'),
        el('td', { 'data-label': heads[4] }, rating, q.comment ? el('span', { className: 'comment' }, q.comment) : null));
    });
    box.appendChild(el('div', { className: 'table-wrap' },
      el('table', { className: 'data stack' },
        el('caption', { className: 'sr-only' }, t('questionsTable')),
        el('thead', null, el('tr', null, heads.map(function (h) { return el('th', { scope: 'col' }, h); }))),
        el('tbody', null, rows))));
    if (list.length > shown.length) {
      var more = el('button', { type: 'button', className: 'btn more' }, t('showMore', Math.min(PAGE_ROWS, list.length - shown.length)));
      more.addEventListener('click', function () {
        state.shownRows += PAGE_ROWS;
        renderQuestions();
        var rowsNow = $('questions-body').querySelectorAll('tbody tr');
        var first = rowsNow[shown.length];
        if (first) { first.setAttribute('tabindex', '-1'); first.focus(); }
      });
      box.appendChild(more);
    }
  }

  function renderUnanswered() {
    var box = $('unanswered-body');
    clear(box);
    if (state.failed.groups) { box.appendChild(el('div', { className: 'msg msg-error' }, errorContent(state.failed.groups))); return; }
    var groups = (state.groups && state.groups.groups) || [];
    if (!groups.length) { box.appendChild(el('p', { className: 'empty' }, t('noData'))); return; }
    box.appendChild(el('ul', { className: 'groups' }, groups.map(function (g) {
      var texts = g.texts || [];
      return el('li', { className: 'group' },
        el('details', null,
          el('summary', null, el('span', { className: 'group-example' }, g.example),
            el('span', { className: 'badge badge-count' }, t('groupCount', g.count))),
          el('p', { className: 'small muted' }, t('groupTexts')),
          el('ul', { className: 'group-texts' }, texts.map(function (x) { return el('li', null, x); }))));
    })));
  }

  // ---------------------------------------------------------------- audit

  function factValue(name, v) {
    if (v === null || v === undefined) return t('unknownValue');
    if (v === true) return t('yes');
    if (v === false) return t('no');
    if (name === 'applicant_type' && APPLICANT[v]) return pick(APPLICANT[v]);
    if (name === 'longest_halt_months' && typeof v === 'number') return t('months', v);
    if (name === 'industrial_value_added_share' && typeof v === 'number') return v + '%';
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }

  function citationText(c) {
    if (!c) return '';
    var label = c.label || (c.article_no ? articleLabel(c.article_no) : '');
    return (label || '') + (c.item || '');
  }

  function findingItem(f) {
    var c = f.citation || {};
    var reason = lang === 'en' ? (f.reason_en || f.reason) : (f.reason || f.reason_en);
    return el('li', { className: 'finding finding-' + f.outcome, 'data-outcome': f.outcome },
      el('div', { className: 'finding-head' },
        el('span', { className: 'badge badge-' + f.outcome }, OUTCOME[f.outcome] ? pick(OUTCOME[f.outcome]) : f.outcome),
        el('span', { className: 'finding-rule' }, factLabel(f.rule)),
        citationText(c) ? el('span', { className: 'cite' }, citationText(c)) : null),
      reason ? el('p', { className: 'finding-reason' }, reason) : null,
      c.quote ? el('details', { className: 'quote' }, el('summary', null, t('quote') + (c.doc ? ' · 《' + c.doc + '》' : '')),
        el('blockquote', { lang: 'zh-CN' }, c.quote)) : null);
  }

  function lookup(id) {
    id = String(id || '').trim();
    var msg = $('audit-msg');
    if (!id) { showMsg(msg, 'error', tr('auditEmpty')); $('audit-id').focus(); return; }
    showMsg(msg, '', tr('auditLoading'));
    getJson('/api/admin/audit/' + encodeURIComponent(id)).then(function (rec) {
      state.audit = rec;
      renderAudit();
      showMsg(msg, '', tr('auditShown', rec.record_id || rec.session_id || id));
      var h = $('audit-record-h');
      if (h) h.focus();
    }, function (err) {
      state.audit = null;
      renderAudit();
      if (err instanceof ApiFailure && err.status === 404) showMsg(msg, 'error', tr('auditNotFound', id));
      else showMsg(msg, 'error', errorOf(err));
    });
  }

  function renderAudit() {
    var box = $('audit-record');
    clear(box);
    var rec = state.audit;
    if (!rec) return;
    var verdict = rec.verdict || {};
    var now = rec.now || null;
    var id = rec.record_id || rec.session_id || '';
    var card = el('article', { className: 'record', 'data-testid': 'gfa-admin-audit', 'aria-labelledby': 'audit-record-h' });
    card.appendChild(el('h3', { id: 'audit-record-h', tabindex: '-1' }, t('recordTitle', id)));
    var facts = rec.facts || {};
    var meta = [
      [t('recordId'), rec.record_id || '–'],
      [t('sessionId'), rec.session_id || '–'],
      [t('verdictStatus'), el('span', { className: 'badge badge-' + verdict.status, 'data-status': verdict.status },
        statusLabel(verdict.status))],
      [t('applicantType'), factValue('applicant_type', verdict.applicant_type || facts.applicant_type)],
      [t('rulesVersion'), el('code', { className: 'version' }, rec.rules_version || '–')],
      [t('decidedAt'), rec.decided_at ? el('time', { datetime: rec.decided_at }, fmtDateTime(rec.decided_at)) : '–']
    ];
    card.appendChild(el('dl', { className: 'meta' }, meta.map(function (m) {
      return el('div', { className: 'meta-row' }, el('dt', null, m[0]), el('dd', null, m[1]));
    })));

    if (now) {
      var changed = !!now.changed;
      var nowStatus = now.verdict && now.verdict.status;
      var box2 = el('div', { className: 'recheck ' + (changed ? 'recheck-changed' : 'recheck-same'),
        role: changed ? 'alert' : null, 'data-changed': changed ? 'true' : 'false' },
        el('h4', null, t('recheckTitle')),
        el('p', { className: 'recheck-line' }, !changed ? t('recheckSame') : nowStatus ?
          t('recheckChanged', statusLabel(verdict.status), statusLabel(nowStatus)) : t('recheckNone')),
        el('p', { className: 'small' }, t('recheckVersion', ''), el('code', { className: 'version' }, now.rules_version || '–')));
      card.appendChild(box2);
    }

    var factsCol = el('div', { className: 'record-col' }), verdictCol = el('div', { className: 'record-col' });
    // facts as answered
    var names = FACT_ORDER.filter(function (f) { return Object.prototype.hasOwnProperty.call(facts, f); })
      .concat(Object.keys(facts).filter(function (f) { return FACT_ORDER.indexOf(f) < 0; }));
    factsCol.appendChild(el('h4', null, t('factsTitle')));
    if (names.length) {
      factsCol.appendChild(el('div', { className: 'table-wrap' }, el('table', { className: 'data facts' },
        el('caption', { className: 'sr-only' }, t('factsTitle')),
        el('thead', null, el('tr', null, el('th', { scope: 'col' }, t('factCol')), el('th', { scope: 'col' }, t('valueCol')))),
        el('tbody', null, names.map(function (f) {
          return el('tr', null, el('th', { scope: 'row' }, factLabel(f),
            el('span', { className: 'fact-key', lang: 'en' }, f)),
          el('td', { className: 'fact-' + (facts[f] === null || facts[f] === undefined ? 'unknown' : String(facts[f])) },
            factValue(f, facts[f])));
        })))));
    } else {
      factsCol.appendChild(el('p', { className: 'empty' }, t('noData')));
    }

    // findings: what fails or is unknown first; the conditions met folded below them
    var findings = verdict.findings || [];
    var rank = { fail: 0, unknown: 1 };
    var open = findings.filter(function (f) { return f.outcome !== 'pass'; }).sort(function (x, y) {
      return (rank[x.outcome] === undefined ? 2 : rank[x.outcome]) - (rank[y.outcome] === undefined ? 2 : rank[y.outcome]);
    });
    var met = findings.filter(function (f) { return f.outcome === 'pass'; });
    verdictCol.appendChild(el('h4', null, t('findingsTitle')));
    if (!findings.length) verdictCol.appendChild(el('p', { className: 'empty' }, t('noData')));
    if (open.length) verdictCol.appendChild(el('ul', { className: 'findings' }, open.map(findingItem)));
    if (met.length) {
      verdictCol.appendChild(el('details', { className: 'met', open: open.length ? null : true },
        el('summary', null, t('metTitle', met.length)),
        el('ul', { className: 'findings' }, met.map(findingItem))));
    }

    var missing = verdict.missing || [];
    if (missing.length) {
      verdictCol.appendChild(el('h4', null, t('missingTitle')));
      verdictCol.appendChild(el('p', { className: 'missing' }, missing.map(factLabel).join(lang === 'en' ? '; ' : '；')));
    }

    var steps = verdict.next_steps || [];
    if (steps.length) {
      verdictCol.appendChild(el('h4', null, t('nextStepsTitle')));
      verdictCol.appendChild(el('ul', { className: 'steps' }, steps.map(function (st) {
        var text = typeof st === 'string' ? st : (lang === 'en' ? (st.text_en || st.text) : st.text);
        var c = typeof st === 'object' ? st.citation : null;
        return el('li', null, text || '', c && citationText(c) ? el('span', { className: 'cite' }, citationText(c)) : null);
      })));
    }
    card.appendChild(el('div', { className: 'record-cols' }, factsCol, verdictCol));
    box.appendChild(card);
  }

  function recordList() {
    var r = state.records;
    if (!r) return [];
    var list = Array.isArray(r) ? r : (r.records || []);
    return list.slice().sort(function (a, b) {
      var ta = parseTime(a.decided_at), tb = parseTime(b.decided_at);
      return (tb ? tb.getTime() : 0) - (ta ? ta.getTime() : 0);
    });
  }

  function renderRecords() {
    var box = $('records-body');
    clear(box);
    if (state.failed.records) { box.appendChild(el('div', { className: 'msg msg-error' }, errorContent(state.failed.records))); return; }
    if (!state.records) return;
    var list = recordList();
    if (!list.length) { box.appendChild(el('p', { className: 'empty' }, t('recordsEmpty'))); return; }
    var shown = list.slice(0, 20);
    if (list.length > shown.length) box.appendChild(el('p', { className: 'small muted' }, t('recordsCut', shown.length, list.length)));
    box.appendChild(el('ul', { className: 'records' }, shown.map(function (rec) {
      var id = rec.record_id || rec.session_id;
      var status = rec.verdict && rec.verdict.status;
      var changed = rec.now && rec.now.changed;
      var btn = el('button', { type: 'button', className: 'record-button', 'data-testid': 'gfa-admin-record',
        'data-id': id, 'aria-label': t('openRecord', id) + ' · ' + statusLabel(status) + ' · ' + fmtDateTime(rec.decided_at) },
        el('span', { className: 'record-id' }, id),
        el('span', { className: 'badge badge-' + status }, statusLabel(status)),
        changed ? el('span', { className: 'badge badge-warn' }, '⚠') : null,
        el('span', { className: 'record-time' }, fmtDateTime(rec.decided_at)));
      btn.addEventListener('click', function () {
        $('audit-id').value = id;
        lookup(id);
      });
      return el('li', null, btn);
    })));
  }

  function download(format) {
    var msg = $('export-msg');
    showMsg(msg, '', tr('exporting'));
    request('/api/admin/audit?format=' + format).then(function (res) { return res.blob(); }).then(function (blob) {
      var name = 'gfa-audit-' + isoDay(new Date()) + '.' + format;
      var url = URL.createObjectURL(blob);
      var a = el('a', { href: url, download: name, className: 'sr-only' }, name);
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
      showMsg(msg, 'ok', tr('exportDone', name));
    }, function (err) { showMsg(msg, 'error', errorOf(err)); });
  }

  // ---------------------------------------------------------------- documents

  function renderDocuments() {
    var box = $('documents-body');
    clear(box);
    if (state.failed.documents) { box.appendChild(el('div', { className: 'msg msg-error' }, errorContent(state.failed.documents))); return; }
    if (!state.documents) return;
    var docs = Array.isArray(state.documents) ? state.documents : (state.documents.documents || []);
    if (!docs.length) { box.appendChild(el('p', { className: 'empty' }, t('docsEmpty'))); return; }
    box.appendChild(el('ul', { className: 'documents' }, docs.map(function (d) {
      var title = typeof d === 'string' ? d : d.title;
      var removable = typeof d === 'object' && d.removable;
      var btn = null;
      if (removable) {
        btn = el('button', { type: 'button', className: 'btn btn-danger btn-small', 'aria-label': t('removeLabel', title),
          'data-testid': 'gfa-admin-remove' }, t('remove'));
        btn.addEventListener('click', function () { removeDocument(title, btn); });
      }
      return el('li', { className: 'document', 'data-testid': 'gfa-admin-document' },
        el('div', { className: 'doc-text' },
          el('span', { className: 'doc-title' }, '《' + title + '》'),
          el('span', { className: 'small muted' }, typeof d === 'object' && d.articles !== undefined ? t('docArticles', d.articles) : '',
            removable ? '' : (typeof d === 'object' ? ' · ' + t('docRegulation') : ''))),
        btn);
    })));
  }

  function removeDocument(title, btn) {
    if (!window.confirm(t('confirmRemove', title))) return;
    btn.disabled = true;
    var msg = $('documents-msg');
    showMsg(msg, '', tr('removing', title));
    request('/api/admin/documents?title=' + encodeURIComponent(title), { method: 'DELETE' }).then(function () {
      showMsg(msg, 'ok', tr('removed', title));
      return loadDocuments();
    }, function (err) { btn.disabled = false; showMsg(msg, 'error', errorOf(err)); }).then(function () {
      var h = $('documents-h');
      h.setAttribute('tabindex', '-1');
      h.focus();
    });
  }

  function ingest(ev) {
    ev.preventDefault();
    var msg = $('ingest-msg');
    var title = $('ingest-title').value.trim();
    var text = $('ingest-text').value;
    var fileInput = $('ingest-file');
    var file = fileInput.files && fileInput.files[0];
    var opts;
    if (file) {
      if (!/\.(pdf|md|markdown|txt)$/i.test(file.name)) { showMsg(msg, 'error', tr('ingestBadFile')); fileInput.focus(); return; }
      var form = new FormData();
      form.append('file', file, file.name);
      if (title) form.append('title', title);
      opts = { method: 'POST', body: form };
    } else {
      if (!title || !text.trim()) { showMsg(msg, 'error', tr('ingestNeed')); (title ? $('ingest-text') : $('ingest-title')).focus(); return; }
      opts = { method: 'POST', json: { title: title, text: text, format: $('ingest-format').value } };
    }
    var submit = $('ingest-form').querySelector('button[type=submit]');
    submit.disabled = true;
    showMsg(msg, '', tr('ingesting'));
    request('/api/admin/documents', opts).then(function (res) { return res.json(); }).then(function (out) {
      showMsg(msg, 'ok', tr('ingested', out.title, out.articles));
      $('ingest-form').reset();
      return loadDocuments();
    }, function (err) { showMsg(msg, 'error', errorOf(err)); }).then(function () { submit.disabled = false; });
  }

  // ------------------------------------------------------------------ wiring

  function init() {
    applyStatic();
    $('lang-toggle').addEventListener('click', toggleLanguage);
    $('login-form').addEventListener('submit', login);
    $('logout').addEventListener('click', function () { logout(); });
    $('period-form').addEventListener('submit', function (ev) { ev.preventDefault(); });
    Array.prototype.forEach.call(document.querySelectorAll('input[name=days]'), function (r) {
      r.addEventListener('change', function () {
        if (r.checked) { state.days = Number(r.value); loadPeriod(); }
      });
    });
    $('refresh').addEventListener('click', function () { loadPeriod(); loadRecords(); loadDocuments(); });
    $('only-declined').addEventListener('change', function (ev) {
      state.onlyDeclined = ev.target.checked; state.shownRows = PAGE_ROWS; renderQuestions();
    });
    $('audit-form').addEventListener('submit', function (ev) { ev.preventDefault(); lookup($('audit-id').value); });
    $('export-csv').addEventListener('click', function () { download('csv'); });
    $('export-json').addEventListener('click', function () { download('json'); });
    $('ingest-form').addEventListener('submit', ingest);
    var timer = null, lastWidth = window.innerWidth;
    window.addEventListener('resize', function () {
      if (window.innerWidth === lastWidth) return;
      lastWidth = window.innerWidth;
      clearTimeout(timer);
      timer = setTimeout(redrawCharts, 150);
    });
    var checked = document.querySelector('input[name=days]:checked');
    state.days = checked ? Number(checked.value) : 7;
    if (token()) {
      showConsole(true);
      loadAll();
    } else {
      showConsole(false);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}());

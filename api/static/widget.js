/* 广东省绿色工厂政策助手 — embeddable chat widget.
 *
 * Embed with one tag:
 *   <script src="https://HOST/widget.js" data-api="https://HOST" defer></script>
 * Optional attributes: data-title, data-accent (a CSS colour), data-lang="en".
 *
 * Everything renders inside an open shadow root so the host page's CSS and ours never meet.
 * Text from visitors and from the server only ever reaches the DOM through textContent.
 */
(function () {
  "use strict";

  // A page that includes the tag twice (e.g. once in a template, once in content) must get one widget.
  if (window.__gfaWidgetLoaded) return;
  window.__gfaWidgetLoaded = true;

  // document.currentScript is null when the script runs deferred from some loaders, hence the query.
  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  var data = (script && script.dataset) || {};

  function originOf(src) {
    try { return new URL(src, location.href).origin; } catch (e) { return location.origin; }
  }

  var API = String(data.api || (script && script.src ? originOf(script.src) : location.origin)).replace(/\/+$/, "");
  var LANG = (data.lang || document.documentElement.lang || "zh").toLowerCase().indexOf("en") === 0 ? "en" : "zh";
  var STORE_KEY = "gfa-widget:v1:" + API;
  var MAX_ITEMS = 200; // sessionStorage is ~5 MB per origin and shared with the host page

  var TEXTS = {
    zh: {
      title: "绿色工厂政策助手",
      open: "打开绿色工厂政策助手",
      close: "关闭对话窗口",
      restart: "重新开始",
      restartLabel: "重新开始对话（清除本页保存的对话记录）",
      restartAsk: "确定要清空对话并重新开始吗？",
      restartYes: "确定",
      restartNo: "取消",
      log: "对话记录",
      inputLabel: "输入您的问题",
      placeholder: "请输入您的问题",
      send: "发送",
      you: "您：",
      bot: "助手：",
      welcome: "您好！我可以解答《广东省绿色工厂梯度培育管理实施细则》（粤工信规字〔2024〕4号）的相关问题，" +
        "例如申报条件、推荐程序和动态管理，回答会注明依据的条款。也可以通过几个问题帮您初步判断能否申报省级绿色工厂、" +
        "绿色工业园区或绿色供应链管理企业。",
      suggestionsLabel: "您可以这样问：",
      suggestions: ["申报省级绿色工厂需要满足哪些条件？", "哪些情况不能推荐申报？", "评价报告通过什么平台提交？"],
      startIntake: "看看我们能否申报",
      thinking: "正在查找…",
      yes: "是", no: "否", unknown: "不清楚",
      numberHint: "请在下方输入框直接输入答案。",
      numberPlaceholder: "在此输入答案",
      checkSubmit: "确定所选",
      noneExclusions: "以上都没有",
      noneConditions: "以上都不符合",
      allExclusions: "以上情况都有",
      allConditions: "以上都符合",
      someExclusions: function (yes) { return "有：" + yes.join("；") + "。其他都没有。"; },
      someConditions: function (no) { return "不符合：" + no.join("；") + "。其他都符合。"; },
      recorded: "已记下：",
      valueWords: { "true": "是", "false": "否", "null": "不清楚" },
      why: "为什么问：",
      chapter: "所在章节：",
      loadingArticle: "正在载入条文…",
      articleFailed: "条文暂时无法载入。",
      quoteHeading: "引用原文",
      quoteEn: "非官方英文译文：",
      calendar: "全年时间节点",
      date: function (m, d) { return m + "月" + d + "日"; },
      verdictTitle: "初步评估结果",
      status: {
        eligible: "符合申报条件",
        ineligible: "暂不符合申报条件",
        incomplete: "信息不足，暂无法判断",
        already_listed: "已列入国家级绿色制造名单"
      },
      outcome: { pass: "满足", fail: "不满足", unknown: "待确认" },
      failed: "不符合的条件",
      passed: function (n) { return "已满足的条件（" + n + "项）"; },
      missing: "还需确认的信息",
      nextSteps: "下一步",
      network: "暂时无法连接助手服务，请稍后再试。",
      busy: "请求过于频繁，请稍候再试。",
      retryAfter: function (s) { return "请在 " + s + " 秒后再试。"; },
      expired: "评估会话已过期，请点击“看看我们能否申报”重新开始。",
      server: "服务暂时出错，请稍后再试。",
      rateAsk: "有帮助吗？",
      rateUp: "有帮助",
      rateDown: "没有帮助",
      rateSending: "正在发送…",
      rateThanks: "谢谢反馈！",
      rateFailed: "反馈未能发送，请稍后再试。",
      commentLabel: "哪里没有帮到您？（可选，500字以内）",
      commentSend: "提交意见",
      commentThanks: "谢谢反馈，意见已收到。",
      print: "保存/打印结果",
      newWindow: "（在新窗口打开）",
      confirm: "确认无误",
      confirmHint: "如有不对，请直接修改后再点“确认无误”。",
      corrected: function (changes) { return "更正：" + changes.join("；") + "。其余确认无误。"; },
      notANumber: "请填写一个数字，不清楚可以留空。",
      someFact: "另一项信息",
      someType: "其他类型",
      colon: "：",
      sep: "；"
    },
    en: {
      title: "Green factory policy assistant",
      open: "Open the green factory policy assistant",
      close: "Close the chat window",
      restart: "Start over",
      restartLabel: "Start over (clears the conversation saved on this page)",
      restartAsk: "Clear the conversation and start over?",
      restartYes: "Start over",
      restartNo: "Cancel",
      log: "Conversation",
      inputLabel: "Type your question",
      placeholder: "Type your question",
      send: "Send",
      you: "You: ",
      bot: "Assistant: ",
      welcome: "Hello! I answer questions about Guangdong's rules for cultivating green factories " +
        "(粤工信规字〔2024〕4号): requirements, the recommendation procedure and list management, citing the articles. " +
        "A few questions can also tell you whether your factory, industrial park or supply-chain company may apply.",
      suggestionsLabel: "You could ask:",
      suggestions: ["What are the requirements for a provincial green factory?", "What rules out an application?",
        "Where is the evaluation report submitted?"],
      startIntake: "Can we apply?",
      thinking: "Looking it up…",
      yes: "Yes", no: "No", unknown: "Not sure",
      numberHint: "Type the answer in the box below.",
      numberPlaceholder: "Type your answer here",
      checkSubmit: "Submit ticked",
      noneExclusions: "None of these",
      noneConditions: "None of these is met",
      allExclusions: "All of these",
      allConditions: "All of these are met",
      someExclusions: function (yes) { return "Yes: " + yes.join("; ") + ". None of the others."; },
      someConditions: function (no) { return "Not met: " + no.join("; ") + ". All the others are met."; },
      recorded: "Noted: ",
      valueWords: { "true": "yes", "false": "no", "null": "not sure" },
      why: "Why we ask: ",
      chapter: "Chapter: ",
      loadingArticle: "Loading the article…",
      articleFailed: "The article could not be loaded.",
      quoteHeading: "Quoted text",
      quoteEn: "Unofficial English translation: ",
      calendar: "The year at a glance",
      date: function (m, d) {
        return d + " " + ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"][m - 1];
      },
      verdictTitle: "Preliminary result",
      status: {
        eligible: "Eligible to apply",
        ineligible: "Not eligible at present",
        incomplete: "Not enough information yet",
        already_listed: "Already on the national green manufacturing list"
      },
      outcome: { pass: "met", fail: "not met", unknown: "to confirm" },
      failed: "Not met",
      passed: function (n) { return "Conditions met (" + n + ")"; },
      missing: "Still to confirm",
      nextSteps: "Next steps",
      network: "The assistant cannot be reached right now; please try again later.",
      busy: "Too many requests; please wait a moment.",
      retryAfter: function (s) { return "Please try again in " + s + " s."; },
      expired: "The eligibility session has expired; press “Can we apply?” to start again.",
      server: "The service hit an error; please try again later.",
      rateAsk: "Helpful?",
      rateUp: "Helpful",
      rateDown: "Not helpful",
      rateSending: "Sending…",
      rateThanks: "Thanks for your feedback!",
      rateFailed: "Your feedback could not be sent; please try again later.",
      commentLabel: "What was missing? (optional, up to 500 characters)",
      commentSend: "Send comment",
      commentThanks: "Thanks, your comment was received.",
      print: "Save / print result",
      newWindow: " (opens in a new window)",
      confirm: "Confirm",
      confirmHint: "If anything is wrong, change it here, then press “Confirm”.",
      corrected: function (changes) { return "Corrected: " + changes.join("; ") + ". The rest is right."; },
      notANumber: "Please enter a number, or leave it empty if you are not sure.",
      someFact: "another detail",
      someType: "another type",
      colon: ": ",
      sep: "; "
    }
  };
  var T = TEXTS[LANG]; // the widget's own frame (title, buttons, errors) follows the page

  /* ---------- the facts' names and labels: GET /api/facts, fetched once, when first needed ---------- */

  // The service's catalogue is the only source of a fact's words: no identifier (already_national_listed) is ever
  // shown; while the catalogue cannot be had, a neutral "another detail" stands in for a label.
  var FACTS_KEY = STORE_KEY + ":facts";
  var catalogue = readCatalogue(); // { facts: {name: entry}, types: {value: label} } or null
  var catalogueLoading = null;

  function indexCatalogue(doc) {
    if (!doc || typeof doc !== "object" || !Array.isArray(doc.facts)) return null;
    var facts = {}, types = {};
    doc.facts.forEach(function (f) { if (f && typeof f === "object" && typeof f.name === "string") facts[f.name] = f; });
    (Array.isArray(doc.applicant_types) ? doc.applicant_types : []).forEach(function (t) {
      if (t && typeof t === "object" && typeof t.value === "string") types[t.value] = t.label;
    });
    return { facts: facts, types: types };
  }

  // Only what the widget uses is kept for the tab (sessionStorage is shared with the host page).
  function slimCatalogue(doc) {
    return {
      applicant_types: (Array.isArray(doc.applicant_types) ? doc.applicant_types : []).map(function (t) {
        return t && typeof t === "object" ? { value: t.value, label: t.label } : null;
      }).filter(Boolean),
      facts: doc.facts.map(function (f) {
        if (!f || typeof f !== "object") return null;
        var c = f.citation && typeof f.citation === "object" ? { article_no: f.citation.article_no } : null;
        return { name: f.name, type: f.type, label: f.label, unit: f.unit || null, choices: f.choices || null, citation: c };
      }).filter(Boolean)
    };
  }

  function readCatalogue() {
    try { return indexCatalogue(JSON.parse(sessionStorage.getItem(FACTS_KEY) || "null")); } catch (e) { return null; }
  }

  // Resolves with the catalogue, or with null when it cannot be had now (tried again when next needed); never fails.
  function loadFacts() {
    if (catalogue) return Promise.resolve(catalogue);
    if (!catalogueLoading) {
      catalogueLoading = fetch(API + "/api/facts", { headers: { accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .then(function (doc) {
          var c = indexCatalogue(doc);
          if (!c) throw new Error("not a catalogue of facts");
          catalogue = c;
          try { sessionStorage.setItem(FACTS_KEY, JSON.stringify(slimCatalogue(doc))); } catch (e) { /* memory only */ }
          return c;
        })
        .catch(function () { catalogueLoading = null; return null; });
    }
    return catalogueLoading;
  }

  function withFacts(reply) { return loadFacts().then(function () { return reply; }); }

  /* ---------- the year at a glance: GET /api/calendar, fetched once, when a reply first asks for it ---------- */

  var CALENDAR_KEY = STORE_KEY + ":calendar";
  var calendarEntries = readCalendar(); // [{when: "04-15", month, day, text: {zh, en}, label}] or null
  var calendarLoading = null;
  var calendarTried = false; // asked for on this page (a failure is asked again by the next timing answer only)

  // Only well-formed entries, and only what is shown: the date, the words, the article's label (all as text).
  function cleanCalendar(doc) {
    if (!doc || typeof doc !== "object" || !Array.isArray(doc.entries)) return null;
    return doc.entries.map(function (e) {
      var m = e && typeof e === "object" && typeof e.when === "string" && /^(\d{2})-(\d{2})$/.exec(e.when);
      if (!m) return null;
      var month = parseInt(m[1], 10), day = parseInt(m[2], 10);
      if (month < 1 || month > 12 || day < 1 || day > 31) return null;
      var text = typeof e.text === "string" ? { zh: e.text, en: e.text }
        : e.text && typeof e.text === "object" ? { zh: typeof e.text.zh === "string" ? e.text.zh : "",
          en: typeof e.text.en === "string" ? e.text.en : "" } : null;
      if (!text || !(text.zh || text.en)) return null;
      var c = e.citation && typeof e.citation === "object" ? e.citation : {};
      var label = (typeof c.label === "string" ? c.label : "") + (typeof c.item === "string" ? c.item : "");
      return { when: e.when, month: month, day: day, text: text, label: label };
    }).filter(Boolean);
  }

  function readCalendar() {
    try {
      var kept = JSON.parse(sessionStorage.getItem(CALENDAR_KEY) || "null");
      var entries = kept && Array.isArray(kept.entries) ? cleanCalendar(kept) : null;
      return entries && entries.length ? entries : null;
    } catch (e) { return null; }
  }

  // Resolves with the entries, or with null when they cannot be had now (tried again when next needed); never fails.
  function loadCalendar() {
    if (calendarEntries) return Promise.resolve(calendarEntries);
    if (!calendarLoading) {
      calendarTried = true;
      calendarLoading = fetch(API + "/api/calendar", { headers: { accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .then(function (doc) {
          var entries = cleanCalendar(doc);
          if (!entries || !entries.length) throw new Error("no dates");  // asked again next time
          calendarEntries = entries;
          try {
            sessionStorage.setItem(CALENDAR_KEY, JSON.stringify({ entries: entries.map(function (x) {
              return { when: x.when, text: x.text, citation: { label: x.label } };
            }) }));
          } catch (e) { /* memory only */ }
          return entries;
        })
        .catch(function () { calendarLoading = null; return null; });
    }
    return calendarLoading;
  }

  // The conversation's language: the page's, until the visitor writes in the other one (the service answers
  // a message in its own language). Facts, questions and verdicts are worded in it; the widget's frame stays.
  function convLang() { return state.lang === "en" || state.lang === "zh" ? state.lang : LANG; }
  function W() { return TEXTS[convLang()]; }

  function langOf(text) {
    if (/[\u3400-\u9fff\uf900-\ufaff]/.test(text)) return "zh";
    return /[A-Za-z]{3,}/.test(text) ? "en" : null;  // a word or more, not an "OK"
  }

  function pick(words) {
    if (typeof words === "string") return words;
    if (!words || typeof words !== "object") return "";
    var w = words[convLang()] || words.zh || words.en;
    return typeof w === "string" ? w : "";
  }

  function factEntry(f) { return (catalogue && Object.prototype.hasOwnProperty.call(catalogue.facts, f) && catalogue.facts[f]) || null; }

  function factName(f) {
    var e = factEntry(f);
    return (e && pick(e.label)) || W().someFact;
  }

  // A fact's type: the catalogue's, else what its value looks like.
  function factType(f, v) {
    var t = factEntry(f) && factEntry(f).type;
    if (t === "boolean" || t === "number" || t === "choice") return t;
    if (typeof v === "number") return "number";
    if (typeof v === "string") return "choice";
    return "boolean";
  }

  function applicantWord(v) {
    var w = catalogue && Object.prototype.hasOwnProperty.call(catalogue.types, v) ? pick(catalogue.types[v]) : "";
    return w || W().someType;
  }

  // The values a fact of type "choice" takes, as [value, words] pairs: the applicant types, or the fact's own choices.
  function factChoices(f) {
    var e = factEntry(f);
    if (e && Array.isArray(e.choices) && e.choices.length) {
      return e.choices.filter(function (c) { return c && typeof c === "object"; })
        .map(function (c) { return [c.value, pick(c.label) || W().someType]; });
    }
    return catalogue ? Object.keys(catalogue.types).map(function (v) { return [v, applicantWord(v)]; }) : [];
  }

  function unitOf(f) {
    var e = factEntry(f);
    return e && e.unit ? pick(e.unit) : "";
  }

  // A value in words: 是 / 否 / 不清楚, a number with its unit, an applicant type by its name.
  function valueWord(f, v) {
    var w = W(), e = factEntry(f);
    var own = e && Array.isArray(e.choices) ? e.choices.filter(function (c) {
      return c && typeof c === "object" && c.value === (v === undefined ? null : v);
    })[0] : null;
    if (own && pick(own.label)) return pick(own.label);  // the catalogue's own words for this value
    if (v === true || v === false || v === null || v === undefined) return w.valueWords[String(v === undefined ? null : v)];
    if (typeof v === "number") {
      var unit = unitOf(f);
      return String(v) + (unit ? (convLang() === "en" && /^[A-Za-z]/.test(unit) ? " " : "") + unit : "");
    }
    if (typeof v === "string") {
      var found = factChoices(f).filter(function (pair) { return pair[0] === v; })[0];
      return found ? found[1] : applicantWord(v);
    }
    return w.someType;
  }

  // The circumstances of 第十八条: in their checklist a tick means "this happened", in the conditions' checklist
  // (第七、八、九条) it means "met". Either way a tick sends true; only the wording around the boxes differs.
  function isExclusionList(q, fields) {
    var article = function (c) { return c && typeof c === "object" ? parseInt(c.article_no, 10) : NaN; };
    if (article(q && q.citation) === 18) return true;
    return fields.some(function (f) { var e = factEntry(f); return !!e && article(e.citation) === 18; });
  }

  // "已记下：…" from a reply's `recorded` object, for replies that carry no recorded_text of their own.
  function recordedLine(recorded) {
    if (!recorded || typeof recorded !== "object" || Array.isArray(recorded)) return null;
    var w = W();
    var parts = Object.keys(recorded).map(function (f) { return factName(f) + w.colon + valueWord(f, recorded[f]); });
    return parts.length ? w.recorded + parts.join(w.sep) : null;
  }

  /* ---------- state kept across reloads (as data, never as HTML) ---------- */

  // One conversation, one session: the chat's and the check's (contract section 3), whichever started first.
  function freshState() {
    return { session: null, lang: null, pending: null, items: [], open: false };
  }

  function load() {
    try {
      var s = JSON.parse(sessionStorage.getItem(STORE_KEY) || "null");
      if (s && Array.isArray(s.items)) {
        // Saved before the chat and the check shared one session: keep the one the conversation went on with.
        if (!s.session) s.session = s.chatSession || s.intakeSession || null;
        delete s.chatSession;
        delete s.intakeSession;
        // A rating that was on its way when the page went away may not have arrived: it can be given again.
        // Every answer takes a rating (kept from when only the last one did: older answers open again).
        s.items.forEach(function (it) {
          var r = it && it.rate;
          if (!r || typeof r !== "object") return;
          if (r.status === "sending" || r.status === "stale") { delete r.status; delete r.value; }
          if (r.comment === "sending") delete r.comment;
          delete r.closed;
        });
        return s;
      }
    } catch (e) { /* storage disabled or corrupt: start afresh */ }
    return freshState();
  }

  var state = load();

  function save() {
    if (state.items.length > MAX_ITEMS) state.items = state.items.slice(-MAX_ITEMS);
    try { sessionStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* private mode: keep in memory */ }
  }

  /* ---------- DOM helpers ---------- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] == null) continue;
        if (k === "text") node.textContent = attrs[k];
        else if (k === "class") node.className = attrs[k];
        else if (k.indexOf("on") === 0) node.addEventListener(k.slice(2), attrs[k]);
        else node.setAttribute(k, attrs[k]);
      }
    }
    (children || []).forEach(function (c) {
      if (c == null) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  var uid = 0;
  function nextId(prefix) { uid += 1; return "gfa-" + prefix + "-" + uid; }

  /* ---------- accent colour with a readable foreground ---------- */

  function rgbOf(colour) {
    var probe = document.createElement("span");
    probe.style.color = colour;
    if (!probe.style.color) return null;
    probe.style.display = "none";
    document.body.appendChild(probe);
    var m = getComputedStyle(probe).color.match(/\d+(\.\d+)?/g);
    probe.remove();
    return m && m.length >= 3 ? m.slice(0, 3).map(Number) : null;
  }

  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  var DEFAULT_ACCENT = "#0b6b3a";

  function accentColours(requested) {
    var rgb = requested && rgbOf(requested);
    if (!rgb) return { accent: DEFAULT_ACCENT, fg: "#ffffff", text: DEFAULT_ACCENT };
    var accent = "rgb(" + rgb.join(",") + ")";
    var white = contrast(rgb, [255, 255, 255]), black = contrast(rgb, [17, 17, 17]);
    // Staff pick the accent for their brand; the foreground is chosen so that WCAG AA holds whatever they pick,
    // and where the accent is too light to be text on white, links and borders fall back to the default green.
    return { accent: accent, fg: white >= black ? "#ffffff" : "#111111", text: white >= 4.5 ? accent : DEFAULT_ACCENT };
  }

  /* ---------- styles ---------- */

  var CSS = [
    ":host{all:initial;}",
    "*{box-sizing:border-box;}",
    ".root{font-family:system-ui,-apple-system,'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif;",
    "  font-size:15px;line-height:1.55;color:#1a1a1a;}",
    ".sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;}",
    "button,input,textarea,select{font:inherit;color:inherit;}",
    "button{cursor:pointer;}",
    ":focus-visible{outline:3px solid #1a56db;outline-offset:2px;}",
    ".launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;",
    "  min-height:52px;padding:12px 20px;border:2px solid transparent;border-radius:26px;background:var(--gfa-accent);color:var(--gfa-fg);",
    "  font-size:16px;font-weight:600;box-shadow:0 4px 16px rgba(0,0,0,.25);}",
    ".launcher:focus-visible{outline-color:#1a56db;box-shadow:0 0 0 3px #fff,0 4px 16px rgba(0,0,0,.25);}",
    ".launcher svg{width:22px;height:22px;fill:currentColor;}",
    ".panel{position:fixed;right:20px;bottom:20px;z-index:2147483001;width:380px;height:600px;max-height:calc(100vh - 40px);",
    "  display:flex;flex-direction:column;background:#fff;border:1px solid #c9c9c9;border-radius:12px;",
    "  box-shadow:0 8px 32px rgba(0,0,0,.28);overflow:hidden;}",
    ".panel[hidden],.launcher[hidden]{display:none;}",
    "@media (max-width:480px){.panel{inset:0;width:100%;height:100%;max-height:none;border-radius:0;border:0;}",
    "  .launcher{right:12px;bottom:12px;}}",
    // [重新开始] title [×]: the title keeps the two apart, so a tap meant for one does not land on the other.
    ".head{display:flex;align-items:center;gap:10px;padding:6px 8px;background:var(--gfa-accent);color:var(--gfa-fg);}",
    ".head h2{flex:1 1 auto;min-width:0;margin:0;font-size:16px;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;}",
    ".head button{flex:0 0 auto;min-height:44px;min-width:44px;padding:4px 10px;border:1px solid currentColor;border-radius:6px;",
    "  background:transparent;color:inherit;font-size:14px;}",
    ".head .x{width:44px;padding:0;font-size:22px;line-height:1;}",
    ".asking{display:flex;flex-wrap:wrap;align-items:center;gap:8px;padding:10px 12px;background:#fff7e0;",
    "  border-bottom:1px solid #d9b54a;}",
    ".asking[hidden]{display:none;}",
    ".asking p{flex:1 1 100%;margin:0;font-weight:600;}",
    ".asking button{min-height:44px;min-width:64px;padding:6px 16px;border-radius:8px;font-weight:600;}",
    ".asking .yes{border:2px solid transparent;background:#a11d16;color:#fff;}",
    ".asking .no{border:1px solid #6b6b6b;background:#fff;color:#1a1a1a;}",
    ".head :focus-visible{outline:3px solid currentColor;outline-offset:1px;}",
    ".log{flex:1;overflow-y:auto;padding:12px;background:#f5f6f7;display:flex;flex-direction:column;gap:10px;}",
    ".msg{max-width:92%;padding:10px 12px;border-radius:10px;background:#fff;border:1px solid #dcdcdc;white-space:pre-wrap;overflow-wrap:anywhere;}",
    ".msg.user{align-self:flex-end;background:var(--gfa-accent);color:var(--gfa-fg);border-color:transparent;}",
    ".msg.error{border-color:#b3261e;background:#fdecea;color:#7a1712;}",
    ".msg.wide{max-width:100%;width:100%;}",
    ".msg p{margin:0 0 6px;}",
    ".small{font-size:13px;color:#4a4a4a;}",
    ".row{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px;white-space:normal;}",
    ".sugg{display:block;width:100%;min-height:44px;text-align:left;margin-top:6px;padding:8px 10px;border:1px solid #b5b5b5;border-radius:8px;background:#fff;color:var(--gfa-text);}",
    ".sugg:hover{background:#eef5f0;}",
    ".primary{margin-top:10px;padding:10px 14px;min-height:44px;border:2px solid transparent;border-radius:8px;background:var(--gfa-accent);color:var(--gfa-fg);font-weight:600;}",
    ".chip{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;padding:3px 12px;border:1px solid #6b6b6b;border-radius:22px;background:#fff;color:#1f3b8c;font-size:13px;}",
    ".chip[aria-expanded=true]{background:#e8eefc;border-color:#1f3b8c;}",
    ".quote{margin-top:8px;padding:8px 10px;border-left:4px solid var(--gfa-text);background:#f0f4f1;font-size:14px;white-space:pre-wrap;}",
    ".quote h3{margin:0 0 4px;font-size:14px;}",
    ".quote .small{margin:0 0 4px;}",
    ".quote mark{background:#fff0a0;color:inherit;padding:0 1px;border-radius:2px;}",
    ".quote .en{margin-top:6px;}",
    ".q-text{font-weight:600;}",
    ".hint{margin-top:6px;color:#7a4a00;font-size:14px;}",
    ".choice{min-height:44px;min-width:64px;padding:6px 14px;border:1px solid #6b6b6b;border-radius:8px;background:#fff;color:#1a1a1a;}",
    ".choice[aria-pressed=true]{background:var(--gfa-accent);color:var(--gfa-fg);border-color:transparent;}",
    ".choice:disabled,.submit:disabled{cursor:default;color:#5c5c5c;border-color:#c4c4c4;background:#f3f3f3;}",
    ".choice[aria-pressed=true]:disabled{background:var(--gfa-accent);color:var(--gfa-fg);border-color:transparent;}",
    ".submit{min-height:44px;padding:6px 14px;border:2px solid transparent;border-radius:8px;background:var(--gfa-accent);color:var(--gfa-fg);font-weight:600;}",
    ".checks{margin:8px 0 0;padding:0;list-style:none;display:flex;flex-direction:column;gap:6px;white-space:normal;}",
    ".check{display:flex;gap:10px;align-items:flex-start;min-height:44px;padding:10px;border:1px solid #9a9a9a;border-radius:8px;background:#fff;cursor:pointer;}",
    ".check input{flex:0 0 auto;width:20px;height:20px;margin:1px 0 0;accent-color:var(--gfa-text);cursor:inherit;}",
    ".check:has(input:checked){border-color:var(--gfa-text);background:#eef5f0;}",
    ".check:has(input:disabled){cursor:default;background:#f7f7f7;}",
    ".check:has(input:disabled:checked){background:#eef5f0;}",
    ".confirm-list{margin:8px 0 0;padding:0;list-style:none;display:flex;flex-direction:column;gap:6px;white-space:normal;}",
    ".confirm-list li{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:6px 10px;",
    "  padding:8px 10px;border:1px solid #9a9a9a;border-radius:8px;background:#fff;}",
    ".confirm-list label{flex:1 1 160px;min-width:0;}",
    ".confirm-list .value{display:flex;align-items:center;gap:6px;}",
    ".confirm-list select,.confirm-list input{min-height:44px;padding:4px 8px;border:1px solid #6b6b6b;border-radius:6px;background:#fff;}",
    ".confirm-list input{width:7em;}",
    ".confirm-list input:invalid{border-color:#b3261e;}",
    ".confirm-list li.changed{border-color:var(--gfa-text);background:#eef5f0;}",
    ".choice.confirm-btn{background:var(--gfa-accent);color:var(--gfa-fg);border:2px solid transparent;font-weight:600;}",
    ".confirm-list select:disabled,.confirm-list input:disabled{color:#3a3a3a;background:#f3f3f3;border-color:#c4c4c4;}",
    ".suggs{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px;white-space:normal;}",
    ".suggestion{min-height:44px;padding:6px 14px;border:1px solid var(--gfa-text);border-radius:22px;background:#fff;",
    "  color:var(--gfa-text);text-align:left;}",
    ".suggestion:hover{background:#eef5f0;}",
    ".suggestion:disabled{cursor:default;color:#5c5c5c;border-color:#c4c4c4;background:#f3f3f3;}",
    ".recorded{margin:6px 0 0;font-size:13px;color:#0b5a2b;white-space:normal;}",
    ".q-head .recorded{margin:0 0 6px;}",
    ".note{align-self:flex-start;max-width:92%;}",
    ".verdict h3{margin:0 0 4px;font-size:15px;}",
    ".status{display:inline-block;margin:2px 0 8px;padding:3px 10px;border-radius:6px;font-weight:700;}",
    ".status.eligible{background:#dff3e4;color:#0b5a2b;}",
    ".status.ineligible{background:#fbe3e1;color:#8c1d18;}",
    ".status.incomplete{background:#fff1d6;color:#6b4200;}",
    ".status.already_listed{background:#e3ebfb;color:#1f3b8c;}",
    ".verdict h4{margin:10px 0 4px;font-size:14px;}",
    ".verdict ul{margin:0;padding:0;list-style:none;}",
    ".verdict li{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px;padding:4px 0;border-top:1px solid #ececec;}",
    ".mark{flex:0 0 auto;width:22px;text-align:center;font-weight:700;}",
    ".mark.pass{color:#0b5a2b;}.mark.fail{color:#a11d16;}.mark.unknown{color:#6b4200;}",
    ".verdict li .why{flex:1 1 0;min-width:0;}",
    ".verdict li{row-gap:0;}",
    ".verdict li .row{flex-basis:100%;margin:2px 0 2px 28px;}",
    ".verdict details{margin-top:10px;}",
    ".verdict summary{cursor:pointer;font-weight:600;font-size:14px;min-height:44px;padding:10px 0;}",
    ".disclaimer{margin-top:10px;font-size:13px;color:#4a4a4a;}",
    ".print{display:inline-flex;align-items:center;gap:6px;min-height:44px;padding:6px 14px;border:1px solid var(--gfa-text);",
    "  border-radius:8px;background:#fff;color:var(--gfa-text);font-weight:600;}",
    ".print svg{width:18px;height:18px;fill:currentColor;}",
    ".print:hover{background:#eef5f0;}",
    ".chip{max-width:100%;}",
    ".chip .doc{flex:0 1 auto;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;}",
    ".quote .doc-title{font-weight:600;}",
    ".rate{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin-top:8px;padding-top:6px;border-top:1px solid #ececec;white-space:normal;}",
    ".rate-ask{font-size:13px;color:#4a4a4a;}",
    ".rate-btn{display:inline-flex;align-items:center;justify-content:center;width:44px;height:44px;padding:0;",
    "  border:1px solid #6b6b6b;border-radius:22px;background:#fff;color:#1a1a1a;}",
    ".rate-btn svg{width:18px;height:18px;fill:currentColor;}",
    ".rate-btn:hover{background:#eef5f0;}",
    ".rate-btn[aria-pressed=true]{background:var(--gfa-accent);color:var(--gfa-fg);border-color:transparent;}",
    ".rate-btn:disabled{cursor:default;color:#8a8a8a;border-color:#d0d0d0;background:#f3f3f3;}",
    ".rate-btn[aria-pressed=true]:disabled{background:var(--gfa-accent);color:var(--gfa-fg);border-color:transparent;}",
    ".rate-status{font-size:13px;color:#0b5a2b;}",
    ".rate-status:empty{display:none;}",
    ".rate-status.err{color:#8c1d18;}",
    ".rate-comment{flex-basis:100%;display:flex;flex-direction:column;gap:6px;margin-top:4px;font-size:14px;}",
    ".rate-comment textarea{min-height:56px;padding:8px;border:1px solid #6b6b6b;border-radius:8px;resize:vertical;background:#fff;}",
    ".rate-comment button{align-self:flex-start;min-height:44px;padding:4px 12px;border:1px solid var(--gfa-text);",
    "  border-radius:8px;background:#fff;color:var(--gfa-text);font-weight:600;}",
    ".rate-comment button:disabled{cursor:default;color:#5c5c5c;border-color:#c4c4c4;}",
    // the year at a glance: a vertical timeline under the answer (text only)
    ".cal{margin:10px 0 4px;padding:0 0 0 2px;list-style:none;white-space:normal;}",
    ".cal li{position:relative;padding:0 0 12px 24px;}",
    ".cal li:last-child{padding-bottom:0;}",
    ".cal li::before{content:'';position:absolute;left:1px;top:6px;width:12px;height:12px;border-radius:50%;",
    "  background:var(--gfa-accent);box-shadow:0 0 0 2px #fff,0 0 0 3px var(--gfa-text);}",
    ".cal li::after{content:'';position:absolute;left:6px;top:21px;bottom:-3px;width:2px;background:var(--gfa-text);}",
    ".cal li:last-child::after{display:none;}",
    ".cal-date{display:block;font-weight:700;color:var(--gfa-text);}",
    ".cal-text{display:block;}",
    ".cal-art{display:block;font-size:13px;color:#4a4a4a;}",
    ".thinking{align-self:flex-start;color:#4a4a4a;font-size:14px;}",
    ".composer{display:flex;gap:8px;align-items:flex-end;padding:10px;border-top:1px solid #dcdcdc;background:#fff;}",
    ".composer textarea{flex:1;min-height:44px;max-height:120px;padding:10px;border:1px solid #6b6b6b;border-radius:8px;resize:none;background:#fff;}",
    ".composer textarea::placeholder{color:#6b6b6b;}",
    ".send{min-height:44px;min-width:64px;padding:0 16px;border:2px solid transparent;border-radius:8px;background:var(--gfa-accent);color:var(--gfa-fg);font-weight:600;}",
    "@media (prefers-reduced-motion:no-preference){.panel{animation:gfa-in .15s ease-out;}}",
    "@keyframes gfa-in{from{opacity:0;transform:translateY(8px);}to{opacity:1;transform:none;}}"
  ].join("\n");

  /* ---------- the shell ---------- */

  // A tag of our own, boxless: host pages style div, * and the like, and their borders or margins on the host
  // element would show as stray marks on the page (inline !important beats their rules).
  var host = el("gfa-widget", { id: "gfa-widget", "data-gfa": "host" });
  host.style.setProperty("all", "initial", "important");
  host.style.setProperty("display", "contents", "important");
  var shadow = host.attachShadow({ mode: "open" });
  var colours = accentColours(data.accent);
  host.style.setProperty("--gfa-accent", colours.accent);
  host.style.setProperty("--gfa-fg", colours.fg);
  host.style.setProperty("--gfa-text", colours.text);

  // Constructable sheets are not inline styles, so a host page's CSP with style-src 'self' does not block them.
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } catch (e) {
    shadow.appendChild(el("style", { text: CSS }));
  }

  var title = data.title || T.title;
  var panelId = "gfa-panel", titleId = "gfa-title", inputId = "gfa-input-box";

  var launcher = el("button", {
    type: "button", class: "launcher", "data-testid": "gfa-launcher", "aria-label": T.open,
    "aria-expanded": "false", "aria-controls": panelId
  });
  var SVG = "http://www.w3.org/2000/svg";
  var icon = document.createElementNS(SVG, "svg");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("aria-hidden", "true");
  icon.setAttribute("focusable", "false");
  var bubble = document.createElementNS(SVG, "path");
  bubble.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
  icon.appendChild(bubble);
  launcher.appendChild(icon);
  launcher.appendChild(el("span", { text: title }));

  var restartBtn = el("button", {
    type: "button", class: "restart", "data-testid": "gfa-restart", "aria-label": T.restartLabel, text: T.restart,
    "aria-expanded": "false", "aria-controls": "gfa-restart-ask"
  });
  var closeBtn = el("button", { type: "button", class: "x", "data-testid": "gfa-close", "aria-label": T.close, text: "×" });
  // 重新开始 asks first, inside the widget (no window.confirm: host pages and in-app browsers may block it).
  var restartAskId = "gfa-restart-ask-text";
  var restartYes = el("button", { type: "button", class: "yes", "data-testid": "gfa-restart-confirm", text: T.restartYes });
  var restartNo = el("button", { type: "button", class: "no", "data-testid": "gfa-restart-cancel", text: T.restartNo });
  var restartAsk = el("div", {
    id: "gfa-restart-ask", class: "asking", role: "alertdialog", "aria-labelledby": restartAskId, hidden: "",
    "data-testid": "gfa-restart-ask"
  }, [el("p", { id: restartAskId, text: T.restartAsk }), restartYes, restartNo]);
  var log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": T.log, tabindex: "0" });
  var input = el("textarea", {
    id: inputId, rows: "1", "data-testid": "gfa-input", placeholder: T.placeholder, maxlength: "2000", autocomplete: "off"
  });
  var sendBtn = el("button", { type: "submit", class: "send", "data-testid": "gfa-send", text: T.send });
  var form = el("form", { class: "composer" }, [el("label", { for: inputId, class: "sr", text: T.inputLabel }), input, sendBtn]);
  var panel = el("section", {
    id: panelId, class: "panel", role: "dialog", "aria-modal": "false", "aria-labelledby": titleId, hidden: ""
  }, [el("div", { class: "head" }, [restartBtn, el("h2", { id: titleId, text: title }), closeBtn]), restartAsk, log, form]);

  var root = el("div", { class: "root", lang: LANG === "en" ? "en" : "zh-CN" }, [launcher, panel]);
  shadow.appendChild(root);

  // A phone (a coarse pointer, or a narrow screen): focusing the text box there pops up the on-screen keyboard over
  // the answer the visitor came to read, so the widget does it only when asked to type (a tap in the box).
  function onPhone() {
    var coarse = false;
    try { coarse = !!(window.matchMedia && window.matchMedia("(pointer: coarse)").matches); } catch (e) { /* old browser */ }
    return coarse || (window.innerWidth || document.documentElement.clientWidth || 1024) < 600;
  }

  // Where the focus goes when the widget wants the visitor to type on: the text box, or on a phone (unless they
  // use a keyboard) the conversation itself, which keeps the focus inside the dialog without raising the keyboard.
  function focusTyping(byKeyboard) {
    if (byKeyboard || !onPhone()) input.focus({ preventScroll: true });
    else log.focus({ preventScroll: true });
  }

  // focus: true when the visitor opened or closed it (the focus follows); byKeyboard: with a key, not a tap.
  function setOpen(open, focus, byKeyboard) {
    state.open = open;
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) askRestart(false);
    save();
    if (open) {
      scrollDown();
      if (focus) focusTyping(byKeyboard);
    } else if (focus) {
      launcher.focus();
    }
  }

  // A click from Enter or Space has detail 0: a keyboard is at hand, and typing on follows.
  launcher.addEventListener("click", function (e) { setOpen(true, true, e.detail === 0); });
  closeBtn.addEventListener("click", function () { setOpen(false, true); });
  panel.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    e.preventDefault();
    if (!restartAsk.hidden) { askRestart(false); restartBtn.focus(); return; }  // Escape cancels the question first
    setOpen(false, true);
  });

  function askRestart(show) {
    restartAsk.hidden = !show;
    restartBtn.setAttribute("aria-expanded", show ? "true" : "false");
  }

  restartBtn.addEventListener("click", function () {
    if (!restartAsk.hidden) { askRestart(false); return; }
    askRestart(true);
    restartNo.focus({ preventScroll: true });  // the safe answer first
  });
  restartNo.addEventListener("click", function () { askRestart(false); restartBtn.focus({ preventScroll: true }); });
  restartYes.addEventListener("click", function (e) {
    askRestart(false);
    state = freshState();
    state.open = true;
    try { sessionStorage.removeItem(STORE_KEY); } catch (err) { /* nothing stored */ }
    save();
    renderAll();
    focusTyping(e.detail === 0);
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    enqueue(function () { return onTyped(text); });
  });
  input.addEventListener("keydown", function (e) {
    // Enter sends, Shift+Enter breaks the line; IME composition (pinyin) must not send half a word.
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit ? form.requestSubmit() : sendBtn.click();
    }
  });

  /* ---------- rendering ---------- */

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function message(kind, children) {
    return el("div", { class: "msg " + kind, "data-testid": "gfa-message" }, children);
  }

  function speaker(who) { return el("span", { class: "sr", text: who === "user" ? T.you : T.bot }); }

  function citationLabel(c) { return String(c.label || "") + String(c.item || ""); }

  // The regulation this widget is about; a citation of any other (ingested) document names its own title.
  var REGULATION = "广东省绿色工厂梯度培育管理实施细则";

  function otherDoc(c) {
    var doc = c && typeof c.doc === "string" ? c.doc.trim() : "";
    return doc && doc !== REGULATION ? doc : "";
  }

  var articleCache = {};

  // An article of the citation's own document: ?doc= names it; without doc the service means the regulation.
  function fetchArticle(no, doc) {
    var key = doc + "\n" + no;
    if (!articleCache[key]) {
      var url = API + "/api/articles/" + encodeURIComponent(no) + (doc ? "?doc=" + encodeURIComponent(doc) : "");
      articleCache[key] = fetch(url, { headers: { accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .catch(function (e) { delete articleCache[key]; throw e; });
    }
    return articleCache[key];
  }

  // Chips share one quote area per message: the chip pressed last decides what it shows.
  function chips(citations, quoteBox) {
    var row = el("div", { class: "row" });
    (citations || []).forEach(function (c) {
      if (!c || typeof c !== "object") return;
      // A chip of another document names it (shortened on screen, whole in its tooltip): 第十三条 alone could be either.
      var doc = otherDoc(c);
      var chip = el("button", {
        type: "button", class: "chip", "data-testid": "gfa-citation", "aria-expanded": "false", "aria-controls": quoteBox.id,
        "data-doc": doc || null, title: doc ? "《" + doc + "》" + citationLabel(c) : null
      }, [doc ? el("span", { class: "doc", text: "《" + doc + "》" }) : null, citationLabel(c)]);
      chip.addEventListener("click", function () { toggleQuote(chip, c, quoteBox); });
      row.appendChild(chip);
    });
    return row;
  }

  function toggleQuote(chip, c, box) {
    var open = chip.getAttribute("aria-expanded") === "true";
    Array.prototype.forEach.call(box.parentNode.querySelectorAll('[aria-controls="' + box.id + '"]'), function (b) {
      b.setAttribute("aria-expanded", "false");
    });
    if (open) { box.hidden = true; box.textContent = ""; return; }
    chip.setAttribute("aria-expanded", "true");
    box.hidden = false;
    box.textContent = "";
    box.appendChild(el("p", { class: "small", text: T.loadingArticle }));
    var no = parseInt(c.article_no, 10);
    var done = function (article) {
      if (chip.getAttribute("aria-expanded") !== "true") return; // another chip took over meanwhile
      box.textContent = "";
      var doc = otherDoc(c);
      if (doc) box.appendChild(el("p", { class: "small doc-title", text: "《" + doc + "》" }));
      var quote = typeof c.quote === "string" ? c.quote.trim() : "";
      var shownInPlace = false;
      if (article) {
        box.appendChild(el("h3", { text: String(article.label || citationLabel(c)) }));
        if (article.chapter) box.appendChild(el("p", { class: "small", text: T.chapter + String(article.chapter) }));
        // The quote is shown once: marked where it stands in the article, or (not found there) after it.
        var body = articleWithQuote(String(article.text || ""), quote);
        shownInPlace = body.marked;
        box.appendChild(body.node);
      } else {
        box.appendChild(el("h3", { text: citationLabel(c) }));
        box.appendChild(el("p", { class: "small", text: T.articleFailed }));
      }
      if (quote && !shownInPlace) {
        box.appendChild(el("p", { class: "small", text: T.quoteHeading + "：" }));
        box.appendChild(el("div", { text: quote }));
      }
      // An English rendering of the quote, marked as unofficial (contract section 3): the quote stays the Chinese text.
      var en = typeof c.quote_en === "string" ? c.quote_en.trim() : "";
      if (en && convLang() === "en") box.appendChild(el("p", { class: "small en", text: W().quoteEn + en }));
      var mark = box.querySelector("mark");
      if (mark) scrollIntoLog(mark);
    };
    if (!(no > 0)) { done(null); return; }
    fetchArticle(no, otherDoc(c)).then(done, function () { done(null); });
  }

  // The article's text with the quote marked where it stands. Extraction noise (a space inside 连续停产 12个月) differs
  // between the two, so the quote is looked for with whitespace ignored; { node, marked } says whether it was found.
  function articleWithQuote(text, quote) {
    var node = el("div", { class: "article" });
    var at = quote ? locate(text, quote) : null;
    if (!at) { node.textContent = text; return { node: node, marked: false }; }
    node.appendChild(document.createTextNode(text.slice(0, at[0])));
    // <mark> is announced as highlighted text by screen readers; its title names it for a pointer's hover.
    node.appendChild(el("mark", { "data-testid": "gfa-quote", title: T.quoteHeading, text: text.slice(at[0], at[1]) }));
    node.appendChild(document.createTextNode(text.slice(at[1])));
    return { node: node, marked: true };
  }

  // [start, end) of needle in hay, whitespace ignored in both; null when it is not there.
  function locate(hay, needle) {
    var squeezed = "", where = [];
    for (var i = 0; i < hay.length; i++) {
      if (/\s/.test(hay[i])) continue;
      squeezed += hay[i];
      where.push(i);
    }
    var want = needle.replace(/\s+/g, "");
    var k = want ? squeezed.indexOf(want) : -1;
    return k < 0 ? null : [where[k], where[k + want.length - 1] + 1];
  }

  // Brings a part of a message into the conversation's view if it is out of it (a quote far down a long article).
  function scrollIntoLog(node) {
    var top = node.getBoundingClientRect().top, bottom = node.getBoundingClientRect().bottom;
    var box = log.getBoundingClientRect();
    if (top < box.top) log.scrollTop -= box.top - top + 8;
    else if (bottom > box.bottom) log.scrollTop += Math.min(bottom - box.bottom + 8, top - box.top - 8);
  }

  function quoteBox() { var b = el("div", { class: "quote", id: nextId("quote"), hidden: "" }); return b; }

  function renderWelcome() {
    var suggestions = T.suggestions.map(function (s) {
      return el("button", { type: "button", class: "sugg", text: s, onclick: function () { ask(s); } });
    });
    var start = el("button", {
      type: "button", class: "primary", "data-testid": "gfa-start-intake", text: T.startIntake,
      onclick: function () { enqueue(startIntake); }
    });
    return message("bot wide", [speaker("bot"), el("p", { text: T.welcome }),
      el("p", { class: "small", text: T.suggestionsLabel }), el("div", {}, suggestions), start]);
  }

  function renderUser(item) { return message("user", [speaker("user"), String(item.text)]); }

  // The facts that a reply recorded, as a small line: the visitor sees what was understood and can correct it.
  function recordedNote(item) {
    return item.recorded ? el("p", { class: "recorded", "data-testid": "gfa-recorded", text: String(item.recorded) }) : null;
  }

  function renderBot(item) {
    var box = quoteBox();
    var said = el("div", { text: String(item.text || "") });
    var kids = [speaker("bot"), said];
    if (item.calendar) kids.push(calendarBlock(said, String(item.text || "")));
    if (item.citations && item.citations.length) kids.push(chips(item.citations, box));
    kids.push(box);
    kids.push(recordedNote(item));
    if (Array.isArray(item.suggestions) && item.suggestions.length) kids.push(suggestionRow(item));
    if (item.rate && typeof item.rate === "object") kids.push(rateBar(item));
    return message("bot", kids);
  }

  // The year at a glance under an answer that is one ("calendar": true): the dates, in the conversation's language.
  // Once the timeline is drawn, the answer keeps only its opening and closing lines: the dates are not said twice.
  function calendarBlock(said, text) {
    var wrap = el("div", { class: "cal-wrap" });
    var fill = function (entries) {
      if (!entries || !entries.length) return;  // not to be had: the answer's own words stand alone
      wrap.textContent = "";
      wrap.appendChild(calendarList(entries));
      if (said) said.textContent = withoutDates(text);
    };
    if (calendarEntries) fill(calendarEntries);
    else if (calendarLoading || !calendarTried) loadCalendar().then(fill);  // drawn again after a reload
    return wrap;
  }

  function withoutDates(text) {
    return text.split("\n").filter(function (line) { return line.indexOf("• ") !== 0; }).join("\n");
  }

  function calendarList(entries) {
    var w = W(), lang = convLang();
    var list = el("ol", { class: "cal", "data-testid": "gfa-calendar", "aria-label": w.calendar });
    entries.forEach(function (x) {
      list.appendChild(el("li", { "data-when": x.when }, [
        el("time", { class: "cal-date", datetime: "--" + x.when, text: w.date(x.month, x.day) }),
        el("span", { class: "cal-text", text: x.text[lang] || x.text.zh || x.text.en }),
        x.label ? el("span", { class: "cal-art", text: x.label }) : null]));
    });
    return list;
  }

  /* ---------- a reply's suggestions: buttons that send the person's likely next message ---------- */

  function suggestionsOf(r) {
    return (Array.isArray(r.suggestions) ? r.suggestions : []).filter(function (x) {
      return x && typeof x === "object" && typeof x.message === "string" && x.message.trim();
    }).map(function (x) {
      return { label: String(x.label != null && String(x.label).trim() ? x.label : x.message), message: x.message.trim() };
    });
  }

  function suggestionRow(item) {
    var row = el("div", { class: "suggs" });
    item.suggestions.forEach(function (x) {
      var b = el("button", { type: "button", class: "suggestion", "data-testid": "gfa-suggestion", text: x.label });
      if (item.suggClosed) { b.disabled = true; b.setAttribute("aria-disabled", "true"); }
      b.addEventListener("click", function (e) {
        if (item.suggClosed) return;
        var hadFocus = shadow.activeElement === b;
        closeSuggestions();
        if (hadFocus) focusTyping(e.detail === 0); // the button turns inert: the focus goes where typing goes on
        enqueue(function () { return ask(x.message); });  // to the chat, as if typed there
      });
      row.appendChild(b);
    });
    return row;
  }

  // Once the person says something more, the earlier replies' suggestions no longer send.
  function closeSuggestions() {
    state.items.forEach(function (it, i) {
      if (!it || !Array.isArray(it.suggestions) || !it.suggestions.length || it.suggClosed) return;
      it.suggClosed = true;
      var node = shown[i];
      if (node) Array.prototype.forEach.call(node.querySelectorAll('[data-testid="gfa-suggestion"]'), function (b) {
        b.disabled = true;
        b.setAttribute("aria-disabled", "true");
      });
    });
    save();
  }

  /* ---------- a visitor's rating of an answer (contract section 5: POST /api/rating) ---------- */

  var PATHS = {
    up: "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 " +
      "7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z",
    down: "M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 " +
      ".41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z",
    print: "M19 8H5c-1.66 0-3 1.34-3 3v6h4v4h12v-4h4v-6c0-1.66-1.34-3-3-3zm-3 11H8v-5h8v5zm3-7c-.55 0-1-.45-1-1s.45-1 1-1 " +
      "1 .45 1 1-.45 1-1 1zm-1-9H6v4h12V3z"
  };

  function svgIcon(d) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d);
    svg.appendChild(path);
    return svg;
  }

  // The bar under an answer: its parts stay in place and paintRate() brings them up to date, so that the log (a live
  // region) announces the thanks or the error, not the whole answer again.
  function rateBar(item) {
    var askId = nextId("rate");
    var bar = el("div", { class: "rate", role: "group", "aria-labelledby": askId });
    bar.appendChild(el("span", { class: "rate-ask", id: askId, text: T.rateAsk }));
    [true, false].forEach(function (v) {
      var b = el("button", {
        type: "button", class: "rate-btn", "data-testid": "gfa-rate", "data-value": String(v),
        "aria-label": v ? T.rateUp : T.rateDown, title: v ? T.rateUp : T.rateDown, "aria-pressed": "false"
      }, [svgIcon(v ? PATHS.up : PATHS.down)]);
      b.addEventListener("click", function () { rate(item, v); });
      bar.appendChild(b);
    });
    bar.appendChild(el("span", { class: "rate-status", tabindex: "-1" }));
    paintRate(bar, item);
    return bar;
  }

  function rateStatusText(r) {
    if (r.comment === "done") return T.commentThanks;
    if (r.comment === "error") return r.commentMsg || T.rateFailed;
    if (r.comment === "sending") return T.rateSending;
    if (r.status === "done") return T.rateThanks;
    if (r.status === "sending") return T.rateSending;
    if (r.status === "error") return r.msg || T.rateFailed;
    return "";
  }

  function paintRate(bar, item) {
    var r = item.rate;
    var rated = r.status === "done" || r.status === "sending";
    var sendsNoMore = r.status === "done";
    Array.prototype.forEach.call(bar.querySelectorAll(".rate-btn"), function (b) {
      var v = b.getAttribute("data-value") === "true";
      b.setAttribute("aria-pressed", rated && r.value === v ? "true" : "false");
      b.disabled = sendsNoMore;
      if (sendsNoMore) b.setAttribute("aria-disabled", "true"); else b.removeAttribute("aria-disabled");
    });
    var status = bar.querySelector(".rate-status");
    var text = rateStatusText(r);
    if (status.textContent !== text) status.textContent = text;
    status.className = "rate-status" + (r.status === "error" || r.comment === "error" ? " err" : "");
    // After a thumbs down, a short comment may follow.
    var form = bar.querySelector(".rate-comment");
    var wantsForm = r.status === "done" && r.value === false && r.comment !== "done";
    if (wantsForm && !form) bar.appendChild(commentForm(item));
    else if (!wantsForm && form) form.remove();
    form = bar.querySelector(".rate-comment");
    if (form) {
      var busy = r.comment === "sending";
      form.querySelector("textarea").readOnly = busy;
      form.querySelector("button").disabled = busy;
    }
  }

  function commentForm(item) {
    var id = nextId("comment");
    var area = el("textarea", { id: id, rows: "2", maxlength: "500", "data-testid": "gfa-rate-comment" });
    var form = el("form", { class: "rate-comment" }, [el("label", { for: id, text: T.commentLabel }), area,
      el("button", { type: "submit", "data-testid": "gfa-rate-comment-send", text: T.commentSend })]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = area.value.trim().slice(0, 500);
      if (!text) { area.focus(); return; }
      comment(item, text);
    });
    return form;
  }

  function rateBarOf(item) {
    var node = shown[state.items.indexOf(item)];
    return node ? node.querySelector(".rate") : null;
  }

  // Brings the bar up to date; the focus, if it was on a control that now sends no more, goes to the status line.
  function repaintRate(item) {
    var bar = rateBarOf(item);
    if (!bar) return;
    var active = shadow.activeElement, had = !!(active && bar.contains(active));
    paintRate(bar, item);
    active = shadow.activeElement;
    if (had && (!active || !bar.contains(active) || active.disabled)) bar.querySelector(".rate-status").focus({ preventScroll: true });
  }

  function rateFailure(e) {
    if (e instanceof ApiFailure && e.status === 429) return e.userText;
    return T.rateFailed;
  }

  // Any answer may be rated, the latest or an older one, once; sent at once (not behind a question on its way).
  // The body is the contract's {session_id, helpful, comment?}.
  function rate(item, value) {
    var r = item.rate;
    if (!r || r.status === "sending" || r.status === "done") return;
    r.value = value;
    r.status = "sending";
    delete r.msg;
    save();
    repaintRate(item);
    post("/api/rating", { session_id: r.sid, helpful: value }).then(function () {
      r.status = "done";
    }, function (e) {
      r.status = "error";
      r.msg = rateFailure(e);
      delete r.value;
    }).then(function () { save(); repaintRate(item); });
  }

  function comment(item, text) {
    var r = item.rate;
    if (!r || r.status !== "done" || r.value !== false || r.comment === "sending" || r.comment === "done") return;
    r.comment = "sending";
    delete r.commentMsg;
    save();
    repaintRate(item);
    post("/api/rating", { session_id: r.sid, helpful: false, comment: text }).then(function () {
      r.comment = "done";
    }, function (e) {
      r.comment = "error";
      r.commentMsg = rateFailure(e);
    }).then(function () { save(); repaintRate(item); });
  }

  function renderNote(item) { return el("div", { class: "note" }, [recordedNote(item)]); }

  function renderError(item) { return message("error", [speaker("bot"), String(item.text)]); }

  function fieldsOf(q) {
    if (Array.isArray(q.fields) && q.fields.length) return q.fields.map(String);
    return q.field ? [String(q.field)] : [];
  }

  function allOf(fields, value) {
    var o = {};
    fields.forEach(function (f) { o[f] = value; });
    return o;
  }

  // The answer buttons of a question: [value, label] pairs. A confirm question's one button is drawn with its facts.
  function choicesOf(q) {
    var w = W();
    if (q.kind === "confirm") return [];
    if (q.kind === "checklist") {
      var fields = fieldsOf(q);
      return [[allOf(fields, false), isExclusionList(q, fields) ? w.noneExclusions : w.noneConditions],
        [allOf(fields, null), w.unknown]];
    }
    var given = (Array.isArray(q.choices) ? q.choices : []).filter(function (c) {
      return c && typeof c === "object" && Object.prototype.hasOwnProperty.call(c, "value");
    }).map(function (c) { return [c.value, String(c.label != null ? c.label : valueWord(q.field, c.value))]; });
    if (q.kind === "boolean" && !given.length) given = [[true, w.yes], [false, w.no]];
    if (q.kind === "number") given = [];  // the number itself is typed into the text box
    if (!given.some(function (pair) { return pair[0] === null; })) given.push([null, w.unknown]);
    return given;
  }

  function choiceLabels(q) {
    var labels = {};
    (Array.isArray(q.choices) ? q.choices : []).forEach(function (c) {
      if (c && typeof c === "object" && typeof c.field === "string" && c.label != null) labels[c.field] = String(c.label);
    });
    return function (f) { return labels[f] || factName(f); };
  }

  // A checklist's answer as the visitor's own message shows it ("有：被列为失信被执行人。其他都没有。").
  function checklistWords(q, values) {
    var fields = fieldsOf(q), excl = isExclusionList(q, fields), w = W();
    var label = choiceLabels(q);
    var yes = fields.filter(function (f) { return values[f] === true; });
    var no = fields.filter(function (f) { return values[f] === false; });
    if (yes.length === fields.length) return excl ? w.allExclusions : w.allConditions;
    if (no.length === fields.length) return excl ? w.noneExclusions : w.noneConditions;
    return excl ? w.someExclusions(yes.map(label)) : w.someConditions(no.map(label));
  }

  // A confirm question's facts as recorded: {fact: value}, in the order the service lists them.
  function recordedValues(q) {
    var values = {};
    (Array.isArray(q.choices) ? q.choices : []).forEach(function (c) {
      if (!c || typeof c !== "object" || typeof c.field !== "string") return;
      values[c.field] = Object.prototype.hasOwnProperty.call(c, "value") && c.value !== undefined ? c.value : null;
    });
    fieldsOf(q).forEach(function (f) { if (!Object.prototype.hasOwnProperty.call(values, f)) values[f] = null; });
    return values;
  }

  // What the visitor's message says of a confirm: 确认无误, or what they changed (the rest confirmed).
  function confirmWords(q, values) {
    var was = recordedValues(q), label = choiceLabels(q), w = W();
    var changes = Object.keys(values).filter(function (f) { return JSON.stringify(values[f]) !== JSON.stringify(was[f]); })
      .map(function (f) { return label(f) + w.colon + valueWord(f, values[f]); });
    return changes.length ? w.corrected(changes) : w.confirm;
  }

  // One fact of a confirm question: its label and its value, which the person may change before confirming.
  // Booleans and choices are a select (是 / 否 / 不清楚), numbers a number box (empty: not known).
  function confirmControl(f, value, id, disabled, onchange) {
    var type = factType(f, value), w = W(), control;
    if (type === "number") {
      control = el("input", { type: "number", id: id, min: "0", step: "any", inputmode: "decimal" });
      if (unitOf(f) === "%") control.max = "100";
      control.value = typeof value === "number" ? String(value) : "";
      control.addEventListener("input", onchange);
    } else {
      var e = factEntry(f);
      var options = type === "choice" || (e && Array.isArray(e.choices) && e.choices.length) ? factChoices(f)
        : [[true, w.yes], [false, w.no]];
      if (!options.some(function (pair) { return pair[0] === value; }) && value !== null && value !== undefined) {
        options.push([value, valueWord(f, value)]);  // the value as recorded is always among those offered
      }
      if (!options.some(function (pair) { return pair[0] === null; })) options.push([null, w.unknown]);
      control = el("select", { id: id });
      options.forEach(function (pair) {
        var o = el("option", { value: JSON.stringify(pair[0]), text: pair[1] });
        if (JSON.stringify(pair[0]) === JSON.stringify(value === undefined ? null : value)) o.selected = true;
        control.appendChild(o);
      });
      control.addEventListener("change", onchange);
    }
    control.setAttribute("data-testid", "gfa-confirm-value");
    control.setAttribute("data-field", f);
    if (disabled) { control.disabled = true; control.setAttribute("aria-disabled", "true"); }
    return control;
  }

  // The value a control holds: undefined when a number box holds no valid number.
  function controlValue(control) {
    if (control.tagName === "SELECT") {
      try { return JSON.parse(control.value); } catch (e) { return null; }
    }
    if (control.value.trim() === "" && !(control.validity && control.validity.badInput)) return null;
    if (control.validity && !control.validity.valid) return undefined;
    var n = Number(control.value);
    return isFinite(n) ? n : undefined;
  }

  function renderConfirm(item, index, qEl, closed) {
    var q = item.q || {};
    var was = recordedValues(q);
    var values = {};
    var answered = isAnswered(item) && item.answered && typeof item.answered === "object" ? item.answered : null;
    var draft = item.draft && typeof item.draft === "object" ? item.draft : {};
    Object.keys(was).forEach(function (f) {
      values[f] = answered && Object.prototype.hasOwnProperty.call(answered, f) ? answered[f]
        : Object.prototype.hasOwnProperty.call(draft, f) ? draft[f] : was[f];
    });
    var label = choiceLabels(q);
    var list = el("ul", { class: "confirm-list" });
    var controls = {};
    var button = el("button", {
      type: "button", class: "choice confirm-btn", "data-testid": "gfa-choice", "aria-pressed": answered ? "true" : "false",
      text: W().confirm
    });
    var problem = el("p", { class: "hint", hidden: "" });
    var paint = function () {
      button.setAttribute("data-value", JSON.stringify(values));
      Object.keys(controls).forEach(function (f) {
        var changed = JSON.stringify(values[f]) !== JSON.stringify(was[f]);
        controls[f].closest("li").classList.toggle("changed", changed);
      });
    };
    Object.keys(was).forEach(function (f) {
      var id = nextId("confirm");
      var control = confirmControl(f, values[f], id, closed, function () {
        var v = controlValue(control);
        if (v === undefined) return;  // a half-typed number: the last good value stands until it is one
        values[f] = v;
        problem.hidden = true;
        var d = {};
        Object.keys(values).forEach(function (k) {
          if (JSON.stringify(values[k]) !== JSON.stringify(was[k])) d[k] = values[k];
        });
        item.draft = d;
        save();
        paint();
      });
      controls[f] = control;
      var unit = control.tagName === "INPUT" && unitOf(f) ? el("span", { text: unitOf(f) }) : null;
      list.appendChild(el("li", { "data-field": f }, [el("label", { for: id, text: label(f) }),
        el("span", { class: "value" }, [control, unit])]));
    });
    qEl.appendChild(list);
    qEl.appendChild(problem);
    paint();
    if (closed) {
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
    }
    button.addEventListener("click", function () {
      var bad = Object.keys(controls).filter(function (f) { return controlValue(controls[f]) === undefined; })[0];
      if (bad) {
        problem.textContent = W().notANumber;
        problem.hidden = false;
        controls[bad].focus();
        return;
      }
      answer(index, JSON.parse(JSON.stringify(values)), confirmWords(q, values));
    });
    qEl.appendChild(el("div", { class: "row" }, [button]));
  }

  function isAnswered(item) { return Object.prototype.hasOwnProperty.call(item, "answered"); }

  function renderQuestion(item, index) {
    var q = item.q || {};
    var w = W();
    var fields = fieldsOf(q);
    var closed = !!item.closed || isAnswered(item);
    var box = quoteBox();
    var textId = nextId("q");
    var node = el("div", { class: "msg bot wide", "data-testid": "gfa-message" });
    var qEl = el("div", {
      "data-testid": "gfa-question", "data-field": q.field ? String(q.field) : null, "data-fields": fields.join(" "),
      "data-kind": String(q.kind || ""), role: "group", "aria-labelledby": textId, class: "q-head"
    });
    qEl.appendChild(speaker("bot"));
    if (item.recorded) qEl.appendChild(recordedNote(item));
    qEl.appendChild(el("p", { class: "q-text", id: textId, text: String(q.text || fields.map(factName).join("、")) }));
    if (q.why) qEl.appendChild(el("p", { class: "small", text: w.why + String(q.why) }));
    if (q.kind === "number") qEl.appendChild(el("p", { class: "small", text: w.numberHint + (q.hint ? " " + String(q.hint) : "") }));
    if (q.kind === "confirm" && !closed) qEl.appendChild(el("p", { class: "small", text: w.confirmHint }));
    if (item.hint) qEl.appendChild(el("p", { class: "hint", text: String(item.hint) }));
    if (q.citation) qEl.appendChild(chips([q.citation], box));
    qEl.appendChild(box);
    if (q.kind === "confirm") {
      renderConfirm(item, index, qEl, closed);
      node.appendChild(qEl);
      return node;
    }
    var inert = function (b) {
      if (!closed) return b;
      b.disabled = true;
      b.setAttribute("aria-disabled", "true");
      return b;
    };
    var boxes = [];
    if (q.kind === "checklist") {
      var ticked = item.answered && typeof item.answered === "object" ? item.answered : {};
      var list = el("ul", { class: "checks" });
      (Array.isArray(q.choices) ? q.choices : []).forEach(function (c) {
        if (!c || typeof c !== "object" || !c.field) return;
        var id = nextId("check");
        var cb = inert(el("input", { type: "checkbox", id: id, "data-testid": "gfa-check", "data-field": String(c.field) }));
        cb.checked = ticked[c.field] === true;
        boxes.push(cb);
        list.appendChild(el("li", {}, [el("label", { class: "check", for: id }, [cb,
          el("span", { text: String(c.label != null ? c.label : factName(c.field)) })])]));
      });
      qEl.appendChild(list);
    }
    var row = el("div", { class: "row" });
    if (q.kind === "checklist") {
      var submit = inert(el("button", { type: "button", class: "submit", "data-testid": "gfa-submit", text: w.checkSubmit }));
      submit.addEventListener("click", function () {
        var values = {};
        fields.forEach(function (f) { values[f] = false; });
        boxes.forEach(function (cb) { values[cb.getAttribute("data-field")] = cb.checked; });
        answer(index, values, checklistWords(q, values));
      });
      row.appendChild(submit);
    }
    choicesOf(q).forEach(function (pair) {
      var json = JSON.stringify(pair[0]);
      var pressed = isAnswered(item) && JSON.stringify(item.answered) === json;
      var b = inert(el("button", {
        type: "button", class: "choice", "data-testid": "gfa-choice", "data-value": json,
        "aria-pressed": pressed ? "true" : "false", text: pair[1]
      }));
      b.addEventListener("click", function () { answer(index, pair[0], pair[1]); });
      row.appendChild(b);
    });
    qEl.appendChild(row);
    node.appendChild(qEl);
    return node;
  }

  // The verdict's printable record: the link the service gave with it (contract section 5), else the one by session.
  function recordUrl(v, sid) {
    if (v && typeof v.record_url === "string" && v.record_url) {
      try {
        var u = new URL(v.record_url, API + "/");
        if (u.protocol === "https:" || u.protocol === "http:") return u.href;
      } catch (e) { /* not a link: fall back */ }
    }
    return typeof sid === "string" && sid ? API + "/record/" + encodeURIComponent(sid) : null;
  }

  function findingItem(f, box) {
    var outcome = f.outcome === "pass" || f.outcome === "fail" ? f.outcome : "unknown";
    var li = el("li", { "data-rule": f.rule ? String(f.rule) : null, "data-outcome": outcome }, [
      el("span", { class: "mark " + outcome, "aria-hidden": "true", text: outcome === "pass" ? "✓" : outcome === "fail" ? "✗" : "?" }),
      el("span", { class: "sr", text: W().outcome[outcome] + "：" }),
      el("span", { class: "why", text: String((convLang() === "en" && f.reason_en) || f.reason || factName(f.rule)) })
    ]);
    if (f.citation) li.appendChild(chips([f.citation], box));
    return li;
  }

  // The card: what fails first (with its reason and article), then what is still unknown, then the next steps;
  // the conditions met are folded away below.
  function renderVerdict(item) {
    var v = item.v || {};
    var status = String(v.status || "incomplete");
    var box = quoteBox();
    var card = el("div", { class: "msg bot wide verdict", "data-testid": "gfa-message" });
    var inner = el("div", { "data-testid": "gfa-verdict", "data-status": status, tabindex: "-1" });
    inner.appendChild(speaker("bot"));
    if (item.recorded) inner.appendChild(recordedNote(item));
    inner.appendChild(el("h3", { text: W().verdictTitle }));
    inner.appendChild(el("div", { class: "status " + status.replace(/[^a-z_]/g, ""), text: W().status[status] || status }));
    var findings = (Array.isArray(v.findings) ? v.findings : []).filter(function (f) { return f && typeof f === "object"; });
    var by = function (o) { return findings.filter(function (f) { return (f.outcome === "pass" || f.outcome === "fail" ? f.outcome : "unknown") === o; }); };
    var failed = by("fail"), unknown = by("unknown"), passed = by("pass");
    if (failed.length) {
      inner.appendChild(el("h4", { text: W().failed }));
      inner.appendChild(el("ul", { class: "failed" }, failed.map(function (f) { return findingItem(f, box); })));
    }
    var named = unknown.map(function (f) { return String(f.rule); });
    var missing = (Array.isArray(v.missing) ? v.missing : []).filter(function (m) { return named.indexOf(String(m)) < 0; });
    if (unknown.length || missing.length) {
      inner.appendChild(el("h4", { text: W().missing }));
      var mu = el("ul", { class: "unknown" }, unknown.map(function (f) { return findingItem(f, box); }));
      missing.forEach(function (m) {
        mu.appendChild(el("li", { "data-rule": String(m), "data-outcome": "unknown" }, [
          el("span", { class: "mark unknown", "aria-hidden": "true", text: "?" }),
          el("span", { class: "sr", text: W().outcome.unknown + "：" }),
          el("span", { class: "why", text: factName(m) })]));
      });
      inner.appendChild(mu);
    }
    var steps = Array.isArray(v.next_steps) ? v.next_steps : [];
    if (steps.length) {
      inner.appendChild(el("h4", { text: W().nextSteps }));
      var su = el("ul", { class: "steps" });
      steps.forEach(function (s) {
        var li = el("li", {}, [el("span", { class: "mark", "aria-hidden": "true", text: "→" }),
          el("span", { class: "why", text: String((s && ((convLang() === "en" && s.text_en) || s.text)) || "") })]);
        if (s && s.citation) li.appendChild(chips([s.citation], box));
        su.appendChild(li);
      });
      inner.appendChild(su);
    }
    if (passed.length) {
      inner.appendChild(el("details", { class: "passed" }, [el("summary", { text: W().passed(passed.length) }),
        el("ul", {}, passed.map(function (f) { return findingItem(f, box); }))]));
    }
    inner.appendChild(box);
    var url = recordUrl(v, item.sid);
    if (url) {
      inner.appendChild(el("div", { class: "row" }, [el("button", {
        // the name says it opens a new window; the label shown stays the start of it (WCAG 2.5.3)
        type: "button", class: "print", "data-testid": "gfa-print", "aria-label": T.print + T.newWindow,
        onclick: function () { window.open(url, "_blank", "noopener"); }
      }, [svgIcon(PATHS.print), el("span", { text: T.print })])]));
    }
    var disclaimer = (convLang() === "en" && v.disclaimer_en) || v.disclaimer;
    if (disclaimer) inner.appendChild(el("p", { class: "disclaimer", text: String(disclaimer) }));
    card.appendChild(inner);
    return card;
  }

  var RENDER = {
    user: renderUser, bot: renderBot, note: renderNote, error: renderError, question: renderQuestion, verdict: renderVerdict
  };

  function renderItem(item, index) {
    var fn = RENDER[item && item.t];
    return fn ? fn(item, index) : null;
  }

  var shown = []; // the node of each item, by index, so that a question can be drawn again once answered

  function renderAll() {
    log.textContent = "";
    shown = [];
    log.appendChild(renderWelcome());
    state.items.forEach(function (item, i) {
      var node = renderItem(item, i);
      shown[i] = node;
      if (node) log.appendChild(node);
    });
    setOpen(!!state.open, false);
    placeholder();
  }

  function redraw(index) {
    var old = shown[index], item = state.items[index];
    if (!old || !item || !old.parentNode) return null;
    var node = renderItem(item, index);
    old.parentNode.replaceChild(node, old);
    shown[index] = node;
    return node;
  }

  var note = null; // the facts the reply being shown recorded: drawn with its first message

  function push(item) {
    if (item.t === "user") closeSuggestions();
    if (note && (item.t === "bot" || item.t === "question" || item.t === "verdict")) { item.recorded = note; note = null; }
    state.items.push(item);
    if (state.items.length > MAX_ITEMS) { save(); renderAll(); scrollDown(); return; }
    save();
    var node = renderItem(item, state.items.length - 1);
    shown[state.items.length - 1] = node;
    if (!node) return;
    log.appendChild(node);
    if (item.t === "verdict") {
      // A verdict card is taller than the panel: show its status first, not its disclaimer.
      log.scrollTop += node.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
    } else {
      scrollDown();
    }
  }

  /* ---------- talking to the API ---------- */

  var queue = Promise.resolve();
  var thinking = el("div", { class: "thinking", text: T.thinking });

  // One request at a time, in order: a visitor who clicks fast must not get replies out of order.
  function enqueue(task) {
    queue = queue.then(function () {
      log.appendChild(thinking);
      scrollDown();
      return Promise.resolve().then(task).catch(function (e) {
        note = null;
        push({ t: "error", text: e && e.userText ? e.userText : T.network });
      }).then(function () { thinking.remove(); });
    });
    return queue;
  }

  function ApiFailure(status, text) { this.status = status; this.userText = text; }

  function post(path, body) {
    return fetch(API + path, {
      method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (r.ok) return j;
        var text = (convLang() === "en" ? j.message_en : j.message_zh) || (r.status >= 500 ? T.server : j.message) || T.server;
        if (r.status === 429) {
          var after = r.headers.get("retry-after");
          text = T.busy + (after ? " " + T.retryAfter(after) : "");
        }
        throw new ApiFailure(r.status, String(text));
      });
    });
  }

  function answerPath() { return "/api/intake/" + encodeURIComponent(state.session) + "/answer"; }

  var focusNext = false; // the visitor answered with the keyboard or a tap inside the question: follow on

  // A question takes answers until it is answered, or until a newer question or the verdict takes its place.
  function closeQuestions() {
    state.items.forEach(function (it, i) {
      if (!it || it.t !== "question" || it.closed) return;
      var wasInert = isAnswered(it);
      it.closed = true;
      if (!wasInert) redraw(i);
    });
  }

  function placeholder() {
    input.placeholder = state.pending && state.pending.kind === "number" ? T.numberPlaceholder : T.placeholder;
  }

  function showQuestion(q, source, hint) {
    if (!q || typeof q !== "object") return;
    closeQuestions();
    state.pending = { field: q.field == null ? null : q.field, fields: fieldsOf(q), kind: q.kind, source: source };
    push({ t: "question", q: q, source: source, hint: hint || null });
    placeholder();
    if (!focusNext) return;
    focusNext = false;
    var node = shown[state.items.length - 1];
    var first = q.kind === "number" ? input
      : node && node.querySelector("input:not([disabled]),select:not([disabled]),button.choice:not([disabled])");
    if (first) first.focus({ preventScroll: true });
  }

  // sid: the conversation's session, which the verdict belongs to; its printable record is the verdict's
  // record_url, else {API}/record/{sid}.
  function showVerdict(v, sid) {
    if (!v || typeof v !== "object") return;
    closeQuestions();
    state.pending = null;
    push({ t: "verdict", v: v, sid: typeof sid === "string" && sid ? sid : null });
    placeholder();
    if (!focusNext) return;
    focusNext = false;
    var card = shown[state.items.length - 1];
    var inner = card && card.querySelector('[data-testid="gfa-verdict"]');
    if (inner) inner.focus({ preventScroll: true });
  }

  // Feedback tells the visitor at once what an answer means (e.g. a condition it fails), before the next question.
  function showFeedback(fb) {
    if (!fb) return;
    if (typeof fb === "string") { push({ t: "bot", text: fb, citations: [] }); return; }
    var text = (convLang() === "en" && fb.text_en) || fb.text;
    if (text) push({ t: "bot", text: String(text), citations: fb.citation ? [fb.citation] : [] });
  }

  // What the reply recorded: the service's own sentence, or (for an answer in words) the facts spelt out.
  function takeNote(r, inWords) {
    note = r.recorded_text ? String(r.recorded_text) : inWords ? recordedLine(r.recorded) : null;
  }

  function flushNote() {
    if (!note) return;
    var n = note;
    note = null;
    push({ t: "note", recorded: n });
  }

  function onChatReply(r) {
    if (typeof r.session_id === "string" && r.session_id) state.session = r.session_id;
    takeNote(r, true);
    var suggestions = suggestionsOf(r);
    if (r.answer || suggestions.length) {
      // Every answer to a question can be rated. A reply that says it answers none ("asked": false, e.g. a step
      // of the check answered in words) gets no buttons.
      var rateable = !!r.answer && r.asked !== false && typeof state.session === "string" && !!state.session;
      push({ t: "bot", text: r.answer || "", citations: Array.isArray(r.citations) ? r.citations : [],
        rate: rateable ? { sid: state.session } : null, suggestions: suggestions, calendar: r.calendar === true || null });
    }
    showFeedback(r.feedback);
    if (r.verdict) showVerdict(r.verdict, state.session);
    else if (r.intake) showQuestion(r.intake, "chat", r.hint);
    else if (state.pending && state.pending.source === "chat") state.pending = null;
    flushNote();
    placeholder();
    save();
  }

  // A reply that asks, records or decides something is shown once the facts' labels are at hand.
  function needsFacts(r) {
    return !!(r && (r.intake || r.question || r.verdict ||
      (r.recorded && typeof r.recorded === "object" && Object.keys(r.recorded).length)));
  }

  // The chat goes on in the conversation's one session, the check's too when the check was started first.
  function chat(text) {
    var body = { message: text };
    if (state.session) body.session_id = state.session;
    return post("/api/chat", body).catch(function (e) {
      // A session id this deployment no longer recognises (e.g. after a move): start a new conversation.
      if (e instanceof ApiFailure && e.status === 422 && body.session_id) {
        state.session = null;
        return post("/api/chat", { message: text });
      }
      throw e;
    }).then(function (r) { return needsFacts(r) ? withFacts(r) : r; }).then(function (r) {
      // The year at a glance is drawn with its answer (fetched once; without it the answer stands alone).
      return r && r.calendar === true ? loadCalendar().then(function () { return r; }) : r;
    }).then(onChatReply);
  }

  function onIntakeReply(r, inWords) {
    if (typeof r.session_id === "string" && r.session_id) state.session = r.session_id;
    takeNote(r, !!inWords);
    showFeedback(r.feedback);
    if (r.done || r.verdict) {
      if (r.verdict) showVerdict(r.verdict, state.session);
      state.pending = null;
    } else if (r.question) {
      showQuestion(r.question, "intake", r.hint);
    }
    flushNote();
    placeholder();
    save();
  }

  function intakeFailed(e) {
    if (e instanceof ApiFailure && e.status === 404) {
      state.session = null;
      state.pending = null;
      closeQuestions();
      placeholder();
      save();
      throw new ApiFailure(404, T.expired);
    }
    throw e;
  }

  // The check starts inside the conversation the chat has (its session id), in the conversation's language.
  function startIntake() {
    if (!state.open) setOpen(true, false);
    push({ t: "user", text: T.startIntake });
    var body = { lang: convLang() };
    if (state.session) body.session_id = state.session;
    var started = post("/api/intake", body).catch(function (e) {
      // The conversation is gone (expired, or from another deployment): the check starts a new one.
      if (e instanceof ApiFailure && (e.status === 404 || e.status === 422) && body.session_id) {
        state.session = null;
        return post("/api/intake", { lang: body.lang });
      }
      throw e;
    });
    return Promise.all([started, loadFacts()]).then(function (rs) { onIntakeReply(rs[0], false); });
  }

  // Text the person sends: typed, or a suggestion's message. Its language becomes the conversation's.
  function said(text) {
    var lang = langOf(text);
    if (lang) state.lang = lang;
    push({ t: "user", text: text });
  }

  function ask(text) {
    said(text);
    return chat(text);
  }

  function onTyped(text) {
    said(text);
    var p = state.pending;
    // A question typed while an intake question waits goes to the chat; the intake question stays pending.
    if (p && p.source === "intake" && state.session && !/[?？]\s*$/.test(text)) {
      // Sent as typed (三个月, 一年半, 百分之六十, 都没有): the service reads it, the widget does not guess.
      return post(answerPath(), { text: text }).then(withFacts).then(function (r) { onIntakeReply(r, true); }, intakeFailed);
    }
    return chat(text);
  }

  // A button of a question: the question turns inert at once (a second click sends nothing), then the answer
  // goes out in turn, by value, to the check of the conversation's one session whether the check was started by
  // its button or in the chat: {"field", "value"}, or {"values": …} for a checklist or a confirm. A value given by
  // a button is taken as given; words would be read, echoed and asked to be confirmed.
  function answer(index, value, label) {
    var item = state.items[index];
    if (!item || item.t !== "question" || item.closed || isAnswered(item)) return;
    var node = shown[index], active = shadow.activeElement;
    focusNext = !!(node && active && node.contains(active));
    item.answered = value;
    save();
    redraw(index);
    enqueue(function () {
      var q = item.q || {};
      push({ t: "user", text: label });
      var sent;
      if (state.session) {
        var byValues = (q.kind === "checklist" || q.kind === "confirm") && value && typeof value === "object";
        var body = byValues ? { values: value } : { field: q.field, value: value };
        sent = post(answerPath(), body).then(withFacts).then(function (r) { onIntakeReply(r, false); }, intakeFailed);
      } else {
        sent = chat(label);  // no conversation to answer in (cannot happen while a question shows): in words
      }
      return sent.catch(function (e) {
        // Nothing was recorded: the question takes an answer again, unless its session is gone.
        focusNext = false;
        var i = state.items.indexOf(item);
        if (i >= 0 && !item.closed && !(e instanceof ApiFailure && e.status === 404)) {
          delete item.answered;
          save();
          redraw(i);
        }
        throw e;
      });
    });
  }

  /* ---------- go ---------- */

  function mount() {
    document.body.appendChild(host);
    renderAll();
    // A conversation kept from an earlier page whose questions or verdict name facts: drawn again with their labels.
    var named = state.items.some(function (it) { return it && (it.t === "question" || it.t === "verdict"); });
    if (named && !catalogue) loadFacts().then(function (c) { if (c) renderAll(); });
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();

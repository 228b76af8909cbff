/* The entitlement finder's engine: a line-by-line mirror of carelist/eligibility.py (evaluate), and of
   carelist/finder_messages.py (render) for its words. It reads the rules the build exports (data/rules.json).
   Tests run the same scenario table through both and require identical results and identical sentences. */
(function (root) {
  "use strict";
  var PERMIT_MONTHS = 6;  // residence permit regulation art. 2: half a year's residence

  function knownMove(s) { return s.move === "not-sure" ? null : s.move; }

  function covered(region, s) {
    var move = knownMove(s);
    if (move === "none") return ["not-eligible", "not-moved", null];
    if (move === "city-districts" && !region.includes_moves_within_city_districts) return ["not-eligible", "city-districts", null];
    if (s.age !== null && s.age >= region.max_age) return ["not-eligible", "too-old", null];
    if (s.months !== null && s.months < region.min_months) return ["later", "residence", region.min_months - s.months];
    if (move === null || s.age === null || s.months === null) return ["more-info", "unknown", null];
    return ["entitled", "mobile-child", null];
  }

  function cond(id, status, code, params, waitMonths, waitYears, soft) {  // a wait is never 0: null when not given
    return { id: id, status: status, code: code, params: params || {}, wait_months: waitMonths || null,
      wait_years: waitYears || null, soft: !!soft };
  }

  function moved(region, r, s) {
    if (r.scope === "everyone") return null;
    var move = knownMove(s);
    if (move === null) return cond("moved", "unknown", "moved-unknown");
    if (move === "none") return cond("moved", "not-met", "moved-none");
    if (move === "city-districts" && (r.scope === "moved-any" || region.includes_moves_within_city_districts)) return cond("moved", "met", "moved-any");
    if (move === "city-districts") return cond("moved", "not-met", "moved-city-districts");
    return cond("moved", "met", "moved-county");
  }

  function age(r, s) {
    var ages = { min: r.min_age, max: r.below_age };
    if (s.age === null) return cond("age", "unknown", "age-unknown", ages);
    if (s.age < r.min_age && r.pupils) return cond("age", "not-met", "age-pupils", ages);
    if (s.age < r.min_age) return cond("age", "not-met", "age-young", ages, null, r.min_age - s.age);
    if (s.age >= r.below_age) return cond("age", "not-met", "age-old", ages);
    return cond("age", "met", r.min_age ? "age-range" : "age-under", ages);
  }

  function residence(r, s) {
    if (!r.min_months) return null;
    var months = { min: r.min_months };
    if (s.months === null) return cond("residence", "unknown", "residence-unknown", months);
    if (s.months < r.min_months) return cond("residence", "not-met", "residence-wait", months, r.min_months - s.months);
    return cond("residence", "met", "residence-met", months);
  }

  function situations(r, s) {
    var found = [], has = function (id) { return s.situations.indexOf(id) !== -1; };
    if (r.all_of.length) found.push(cond("situations", r.all_of.every(has) ? "met" : "not-met", "all-of", { situations: r.all_of.slice() }));
    if (r.any_of.length) found.push(cond("situations", r.any_of.some(has) ? "met" : "not-met", "any-of", { situations: r.any_of.slice() }));
    return found;
  }

  function permit(r, s) {
    var move = knownMove(s);
    if (!r.residence_permit || move === "none" || move === "city-districts") return null;
    var soft = r.residence_permit === "main-basis";
    if (s.months === null) return cond("permit", "unknown", "permit-unknown", null, null, null, soft);
    if (s.months < PERMIT_MONTHS) return cond("permit", "not-met", soft ? "permit-wait-main" : "permit-wait", null, PERMIT_MONTHS - s.months, null, soft);
    return cond("permit", "met", "permit-met", null, null, null, soft);
  }

  function conditions(region, r, s) {
    var found = [moved(region, r, s), age(r, s), residence(r, s)].concat(situations(r, s), [permit(r, s)]);
    if (r.local_conditions) found.push(cond("local", "check", "local"));
    return found.filter(function (c) { return c !== null; });
  }

  function maximum(values) {
    var given = values.filter(function (v) { return v; });
    return given.length ? Math.max.apply(null, given) : null;
  }

  function answer(region, r, s) {
    var cs = conditions(region, r, s);
    var out = function (outcome, reason, waitMonths, waitYears) {
      return { id: r.id, outcome: outcome, reason: reason, wait_months: waitMonths || null, wait_years: waitYears || null, conditions: cs };
    };
    var hard = cs.filter(function (c) { return c.status === "not-met" && !c.soft; });
    var never = hard.filter(function (c) { return c.wait_months === null && c.wait_years === null; });
    if (never.length) return out("not-eligible", never[0].code);
    if (hard.length) {
      return out("later", hard[0].code, maximum(hard.map(function (c) { return c.wait_months; })),
        maximum(hard.map(function (c) { return c.wait_years; })));
    }
    var open = cs.filter(function (c) { return c.status !== "met"; });
    if (open.length) return out("more-info", open[0].code);
    return out("entitled", "eligible");
  }

  function softGap(c) { return c.soft && c.status === "not-met"; }

  function advise(coveredReason, answers) {
    var advice = [], permits = [];
    answers.forEach(function (a) { a.conditions.forEach(function (c) { if (c.id === "permit") permits.push(c); }); });
    var waits = permits.map(function (c) { return c.wait_months; }).filter(function (w) { return w; });
    if (waits.length) advice.push({ code: "permit-after", params: { num: Math.min.apply(null, waits) } });
    else if (permits.some(function (c) { return c.status === "met"; })) advice.push({ code: "permit-now", params: {} });
    var asks = answers.filter(function (a) { return a.outcome === "more-info" && a.conditions.some(softGap); })
      .map(function (a) { return a.id; });
    if (asks.length) advice.push({ code: "ask-now", params: { items: asks } });
    if (["not-moved", "city-districts", "too-old"].indexOf(coveredReason) !== -1 ||
        !answers.some(function (a) { return a.outcome === "entitled"; })) advice.push({ code: "ask-whom", params: {} });
    return advice;
  }

  /* scenario: {region, age (int|null), months (int|null), move ("county"|"city-districts"|"none"|"not-sure"|null), situations: [ids]} */
  function evaluate(region, scenario) {
    var c = covered(region, scenario);
    var answers = region.rules.map(function (r) { return answer(region, r, scenario); });
    return { region: region.code, covered: c[0], covered_reason: c[1], wait_months: c[2], answers: answers, advice: advise(c[1], answers) };
  }

  /* --- words: a mirror of carelist/finder_messages.py (render, join); M is its catalog in one language ---------- */

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) { return String(values[key]); });
  }
  function render(M, code, values) {
    var entry = M[code], forms = typeof entry === "string" ? { one: entry, other: entry } : entry;
    return fill(values.num === 1 ? forms.one : forms.other, values);
  }
  function join(M, words, conjunction) {
    if (words.length < 2) return words.join("");
    return words.slice(0, -1).join(M["list-separator"]) + M[conjunction] + words[words.length - 1];
  }

  function plain(text, lang) { return text[lang] || text.zh; }

  function describeCondition(M, c, r, situations, lang) {
    var values = {}, key;
    for (key in c.params) if (key !== "situations") values[key] = c.params[key];
    if (c.wait_months || c.wait_years) values.num = c.wait_months || c.wait_years;
    if (c.params.situations) values.list = join(M, c.params.situations.map(function (s) { return situations[s]; }), c.code === "all-of" ? "and" : "or");
    if (c.code === "local" && r.local_conditions) values.conditions = plain(r.local_conditions, lang);
    return render(M, "condition", { status: render(M, "status-" + c.status, {}), text: render(M, c.code, values) });
  }

  function describeAdvice(M, a, titles, permitPath) {
    var values = {}, key;
    for (key in a.params) if (key !== "items") values[key] = a.params[key];
    if (a.params.items) values.list = join(M, a.params.items.map(function (i) { return titles[i]; }), "and");
    var text = render(M, a.code, values);
    if ((a.code === "permit-after" || a.code === "permit-now") && permitPath) text += " " + render(M, "permit-page", { path: permitPath });
    return text;
  }

  function coveredSentence(M, result, region, lang) {
    return render(M, "covered-" + result.covered_reason, { region: plain(region.name, lang), age: region.max_age, num: result.wait_months || 0 });
  }

  function whoSentence(M, region, lang) {
    var districts = render(M, region.includes_moves_within_city_districts ? "districts-yes" : "districts-no", {});
    return render(M, "who", { region: plain(region.name, lang), age: region.max_age, num: region.min_months, districts: districts });
  }

  /* --- the form's numbers: digits or words, "5", "五岁", "3个月", "一年半", "1 year 6 months" -------------------- */

  // Chinese numerals and units, escaped (零〇一二两三四五六七八九十百, 个半月 个多月 个月 周岁 岁 年 月 半 多 又 ，、):
  // the script carries no words of its own, only what it must recognise.
  var CN = { "\u96f6": 0, "\u3007": 0, "\u4e00": 1, "\u4e8c": 2, "\u4e24": 2, "\u4e09": 3, "\u56db": 4, "\u4e94": 5, "\u516d": 6, "\u4e03": 7, "\u516b": 8, "\u4e5d": 9 };
  var NUM = "(\\d+(?:\\.\\d+)?|[\\u96f6\\u3007\\u4e00\\u4e8c\\u4e24\\u4e09\\u56db\\u4e94\\u516d\\u4e03\\u516b\\u4e5d\\u5341\\u767e]+)";
  var PART = new RegExp("^(?:" + NUM + "\\s*\\u591a?\\s*)?(\\u4e2a\\u534a\\u6708|\\u4e2a\\u591a\\u6708|\\u4e2a\\u6708|\\u5468\\u5c81|\\u5c81|\\u5e74|\\u6708|years?|yrs?|months?|mos?)(\\u534a)?\\u591a?");
  var HALF = /^\u534a(\u4e2a\u6708|\u6708|\u5e74|\u5c81)/, SKIP = /^(?:\s+|\u53c8|and|[,\uff0c\u3001])/;
  var WHOLE = new RegExp("^" + NUM + "$");

  function number(word) {
    if (/^\d/.test(word)) return parseFloat(word);
    var total = 0, current = 0;
    for (var i = 0; i < word.length; i++) {
      var ch = word.charAt(i);
      if (ch === "\u5341" || ch === "\u767e") { total += (current || 1) * (ch === "\u5341" ? 10 : 100); current = 0; }
      else current = CN[ch];
    }
    return total + current;
  }

  /* A whole number of years (unit "years") or months ("months"); null for blank; NaN when not understood. */
  function readAmount(text, unit) {
    var s = String(text || "").trim().toLowerCase().replace(/[\uff10-\uff19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); });
    if (s === "") return null;
    var months = 0, m;
    if ((m = WHOLE.exec(s))) months = number(m[1]) * (unit === "years" ? 12 : 1);
    else {
      while (s.length) {
        if ((m = SKIP.exec(s))) { s = s.slice(m[0].length); continue; }
        if ((m = HALF.exec(s))) months += /\u5e74|\u5c81/.test(m[1]) ? 6 : 0.5;
        else if ((m = PART.exec(s)) && m[1] !== undefined) {
          var n = number(m[1]) + (m[3] ? 0.5 : 0);
          months += m[2] === "\u4e2a\u534a\u6708" ? n + 0.5 : n * (/^(\u5468\u5c81|\u5c81|\u5e74|y)/.test(m[2]) ? 12 : 1);
        } else return NaN;
        s = s.slice(m[0].length);
      }
    }
    var value = Math.floor(unit === "years" ? months / 12 : months);
    return value >= 0 && value <= 999 ? value : NaN;
  }

  var api = { evaluate: evaluate, readAmount: readAmount, render: render, join: join, plain: plain, describeCondition: describeCondition,
    describeAdvice: describeAdvice, coveredSentence: coveredSentence, whoSentence: whoSentence };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CarelistFinder = api;
})(this);

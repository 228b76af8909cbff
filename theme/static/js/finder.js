/* The finder page: shows what CarelistFinder.evaluate answers. Answers live only in the URL fragment (#region=..&age=..),
   to bookmark or share; nothing is stored or sent, the one request is for the rules. Its words come from #finder-config. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var form = $("finder-form"), results = $("finder-results");
  if (!form || !window.fetch || !window.URLSearchParams || !window.CarelistFinder) return;  // the fallback stays
  var config = JSON.parse($("finder-config").textContent), T = config.text, data = null;

  function fmt(s, values) { return s.replace(/%\((\w+)\)[sd]/g, function (m, key) { return values[key]; }); }
  function plural(forms, n, values) { values.num = n; return fmt(n === 1 ? forms.one : forms.other, values); }
  function node(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function plain(text) { return text[config.lang] || text.zh; }
  /* Data text in the page's language; untranslated text is shown in Chinese with its lang and a note. */
  function append(parent, text) {
    if (text[config.lang]) return parent.appendChild(document.createTextNode(text[config.lang]));
    var span = parent.appendChild(node("span", text.zh));
    span.lang = config.sourceLang;
    parent.appendChild(node("span", " " + T.untranslated, "untranslated"));
  }
  function list(ids, type) {
    var names = ids.map(function (id) { return config.situations[id]; });
    return window.Intl && Intl.ListFormat ? new Intl.ListFormat(document.documentElement.lang, { type: type }).format(names) : names.join(", ");
  }
  function int(value) { return /^\d{1,3}$/.test(value || "") ? parseInt(value, 10) : null; }

  function regionOf(code) { return data.regions.filter(function (r) { return r.code === code; })[0] || null; }

  /* The fragment as a scenario; anything unknown or malformed counts as not answered. */
  function parse(hash) {
    var p = new URLSearchParams(hash.replace(/^#/, "")), moves = [].map.call(form.elements.move, function (r) { return r.value; });
    return {
      region: p.get("region"), age: int(p.get("age")), months: int(p.get("months")),
      move: moves.indexOf(p.get("move")) !== -1 ? p.get("move") : null,
      situations: p.getAll("s").filter(function (id) { return Object.prototype.hasOwnProperty.call(config.situations, id); })
    };
  }

  function fill(s) {
    var f = form.elements;
    f.region.value = s.region && regionOf(s.region) ? s.region : "";
    f.age.value = s.age === null ? "" : s.age;
    f.months.value = s.months === null ? "" : s.months;
    [].forEach.call(f.move, function (r) { r.checked = r.value === s.move; });
    [].forEach.call(form.querySelectorAll("[name=s]"), function (c) { c.checked = s.situations.indexOf(c.value) !== -1; });
  }

  function reason(a, rule, s) {
    var R = T.reasons, has = function (id) { return s.situations.indexOf(id) !== -1; };
    if (a.reason === "residence") return plural(R.residence, a.wait_months, {});
    if (a.reason === "too-young") return fmt(R["too-young"], { age: rule.min_age });
    if (a.reason === "too-old") return fmt(R["too-old"], { age: rule.below_age });
    if (a.reason === "local-conditions") return fmt(R["local-conditions"], { conditions: plain(rule.local_conditions) });
    if (a.reason === "situation" && rule.all_of.length && !rule.all_of.every(has)) return fmt(R.all_of, { list: list(rule.all_of, "conjunction") });
    if (a.reason === "situation") return fmt(R.any_of, { list: list(rule.any_of, "disjunction") });
    return a.reason === "unknown" ? R.unknown : "";
  }

  function group(outcome, answers, region, s) {
    var ul = node("ul", "", "finder-list"), links = config.regions[region.code].items;
    ul.setAttribute("data-outcome", outcome);
    answers.forEach(function (a) {
      var rule = region.rules.filter(function (r) { return r.id === a.id; })[0], li = ul.appendChild(node("li"));
      li.setAttribute("data-id", a.id);
      var link = li.appendChild(node("a"));
      link.href = links[a.id];
      append(link, rule.title);
      var why = reason(a, rule, s);
      if (why) li.appendChild(node("span", why, "hint"));
    });
    var title = fmt(T.count, { title: T.groups[outcome], num: answers.length });
    if (outcome !== "not-eligible") return [node("h3", title), ul];
    var details = node("details");
    details.appendChild(node("summary", title));
    details.appendChild(ul);
    return [details];
  }

  /* No live region (it would read out the whole answer): focus goes to the heading, or to the field the notice describes. */
  function render(s, focus) {
    var select = form.elements.region, region = s.region && regionOf(s.region);
    results.textContent = "";
    select.removeAttribute("aria-describedby");
    if (!region) {
      if (focus) {
        results.appendChild(node("p", T.chooseRegion, "notice")).id = "finder-notice";
        select.setAttribute("aria-describedby", "finder-notice");
        select.focus();
      }
      return;
    }
    var r = CarelistFinder.evaluate(region, s), name = plain(region.name), c = T.covered[r.covered_reason];
    var heading = results.appendChild(node("h2", fmt(T.heading, { region: name })));
    heading.tabIndex = -1;
    results.appendChild(node("p", r.wait_months ? plural(c, r.wait_months, { region: name }) : fmt(c, { region: name, age: region.max_age }),
      "notice"));
    var info = config.regions[region.code];
    results.appendChild(node("p", fmt(T.whoCounts, { region: name })));
    var facts = results.appendChild(node("ul"));
    info.facts.forEach(function (f) { facts.appendChild(node("li", f)); });
    ["entitled", "more-info", "later", "not-eligible"].forEach(function (outcome) {
      var answers = r.answers.filter(function (a) { return a.outcome === outcome; });
      if (answers.length) group(outcome, answers, region, s).forEach(function (e) { results.appendChild(e); });
    });
    var more = results.appendChild(node("p")).appendChild(node("a", T.regionPage));
    more.href = info.href;
    if (focus) heading.focus();
  }

  function show(focus) {
    var s = parse(location.hash);
    fill(s);
    render(s, focus);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var p = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (value !== "") p.append(key, value); });
    var hash = "#" + p;
    if (location.hash === hash) show(true);
    else location.hash = hash;  // hashchange shows it, and Back returns to the previous answer
  });
  // Only answers ("#region=…") and an empty fragment (Back to the blank form) are ours: "#main" from the skip link is not.
  function ours(hash) { return hash.length <= 1 || hash.indexOf("=") !== -1; }
  window.addEventListener("hashchange", function () { if (data && ours(location.hash)) show(true); });

  fetch(config.rules).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then(function (rules) {
    data = rules;
    $("finder-fallback").hidden = true;
    form.hidden = false;
    if (location.hash.length > 1 && ours(location.hash)) show(false);
  }).catch(function () {
    $("finder-fallback-text").textContent = T.failed;
  });
})();

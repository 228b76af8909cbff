/* The finder page: shows what CarelistFinder.evaluate answers, in the words of its message table (#finder-config).
   Answers live only in the URL fragment (#region=..&age=..), to bookmark or share; nothing is stored or sent, the one
   request is for the rules. The form is in the HTML and can be filled in while the rules load; its button waits. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var form = $("finder-form"), results = $("finder-results"), F = window.CarelistFinder;
  if (!form || !window.fetch || !window.URLSearchParams || !F) return;  // the fallback stays
  var config = JSON.parse($("finder-config").textContent), T = config.text, M = config.messages, lang = config.lang, data = null;

  function node(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  /* Data text in the page's language; untranslated text is shown in Chinese with its lang and a note. */
  function append(parent, text) {
    if (text[lang]) return parent.appendChild(document.createTextNode(text[lang]));
    var span = parent.appendChild(node("span", text.zh));
    span.lang = config.sourceLang;
    parent.appendChild(node("span", " " + T.untranslated, "untranslated"));
  }
  function int(value) { return /^\d{1,3}$/.test(value || "") ? parseInt(value, 10) : null; }
  function regionOf(code) { return data.regions.filter(function (r) { return r.code === code; })[0] || null; }
  function moves() { return [].map.call(form.elements.move, function (r) { return r.value; }); }

  /* The fragment (or query) as a scenario; anything unknown or malformed counts as not answered. */
  function parse(hash) {
    var p = new URLSearchParams(hash.replace(/^[#?]/, ""));
    return {
      region: p.get("region"), age: int(p.get("age")), months: int(p.get("months")),
      move: moves().indexOf(p.get("move")) !== -1 ? p.get("move") : null,
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

  /* The other language's page keeps the answers: its link carries the fragment. */
  function keepOnLanguageSwitch() {
    [].forEach.call(document.querySelectorAll(".language-switch a[hreflang]"), function (a) {
      a.href = a.href.replace(/#.*$/, "") + (location.hash.indexOf("=") !== -1 ? location.hash : "");
    });
  }

  function group(outcome, answers, region) {
    var ul = node("ul", "", "finder-list"), info = config.regions[region.code];
    ul.setAttribute("data-outcome", outcome);
    answers.forEach(function (a) {
      var rule = region.rules.filter(function (r) { return r.id === a.id; })[0], li = ul.appendChild(node("li"));
      li.setAttribute("data-id", a.id);
      var link = li.appendChild(node("a"));
      link.href = info.items[a.id];
      append(link, rule.title);
      var conditions = li.appendChild(node("ul", "", "finder-conditions"));
      a.conditions.forEach(function (c) {
        conditions.appendChild(node("li", F.describeCondition(M, c, rule, config.situations, lang), "condition-" + c.status));
      });
    });
    var title = F.render(M, "count", { title: F.render(M, "group-" + outcome, {}), num: answers.length });
    if (outcome !== "not-eligible") return [node("h3", title), ul];
    var details = node("details");
    details.appendChild(node("summary", title));
    details.appendChild(ul);
    return [details];
  }

  /* What to do next; whom to ask (with the hotlines to call) goes with the sentence that says why, the rest after the lists. */
  function advice(r, region, whom) {
    var info = config.regions[region.code], titles = {};
    var items = r.advice.filter(function (a) { return (a.code === "ask-whom") === whom; });
    if (!items.length) return [];
    region.rules.forEach(function (rule) { titles[rule.id] = F.plain(rule.title, lang); });
    var ul = node("ul", "", "finder-advice");
    items.forEach(function (a) {
      var li = ul.appendChild(node("li", F.describeAdvice(M, a, titles, null)));
      li.setAttribute("data-code", a.code);
      if ((a.code === "permit-after" || a.code === "permit-now") && info.permitPage) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(node("a", T.permitLink)).href = info.permitPage;
      }
      if (a.code === "ask-whom") {
        var phones = li.appendChild(node("ul", "", "finder-hotlines"));
        info.hotlines.forEach(function (h) { phones.appendChild(node("li")).appendChild(node("a", h.phone + " " + h.name)).href = h.tel; });
      }
    });
    return whom ? [ul] : [node("h3", F.render(M, "advice-heading", {})), ul];
  }

  /* No live region (it would read out the whole answer): focus goes to the heading, or to the field the notice describes. */
  function render(s, focus) {
    var select = form.elements.region, region = s.region && regionOf(s.region);
    results.textContent = "";
    select.removeAttribute("aria-describedby");
    keepOnLanguageSwitch();
    if (!region) {
      if (focus) {
        results.appendChild(node("p", T.chooseRegion, "notice")).id = "finder-notice";
        select.setAttribute("aria-describedby", "finder-notice");
        select.focus();
      }
      return;
    }
    var r = F.evaluate(region, s), info = config.regions[region.code];
    var heading = results.appendChild(node("h2", F.render(M, "heading", { region: F.plain(region.name, lang) })));
    heading.tabIndex = -1;
    var covered = results.appendChild(node("p", F.coveredSentence(M, r, region, lang), "notice"));
    covered.setAttribute("data-covered", r.covered_reason);
    advice(r, region, true).forEach(function (e) { results.appendChild(e); });
    results.appendChild(node("p", F.whoSentence(M, region, lang)));
    ["entitled", "more-info", "later", "not-eligible"].forEach(function (outcome) {
      var answers = r.answers.filter(function (a) { return a.outcome === outcome; });
      if (answers.length) group(outcome, answers, region).forEach(function (e) { results.appendChild(e); });
    });
    advice(r, region, false).forEach(function (e) { results.appendChild(e); });
    var more = results.appendChild(node("p")).appendChild(node("a", T.regionPage));
    more.href = info.href;
    if (focus) heading.focus();
  }

  function show(focus) {
    var s = parse(location.hash);
    fill(s);
    render(s, focus);
  }

  /* Ages and months may be written in words ("五岁", "一年半"); what cannot be read is said, not dropped. */
  function readFields() {
    var ok = true;
    [["age", "years"], ["months", "months"]].forEach(function (pair) {
      var field = form.elements[pair[0]], hint = $("finder-" + pair[0] + "-hint"), value = F.readAmount(field.value, pair[1]);
      var error = $("finder-" + pair[0] + "-error");
      if (error) error.parentNode.removeChild(error);
      field.removeAttribute("aria-invalid");
      field.setAttribute("aria-describedby", hint.id);
      if (value !== value) {  // NaN: not understood
        error = node("span", T.notUnderstood, "hint");
        error.classList.add("error");
        error.id = "finder-" + pair[0] + "-error";
        hint.parentNode.insertBefore(error, hint);
        field.setAttribute("aria-invalid", "true");
        field.setAttribute("aria-describedby", error.id + " " + hint.id);
        if (ok) field.focus();
        ok = false;
      } else field.value = value === null ? "" : value;
    });
    return ok;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!data || !readFields()) return;
    var p = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (value !== "") p.append(key, value); });
    var hash = "#" + p;
    if (location.hash === hash) show(true);
    else location.hash = hash;  // hashchange shows it, and Back returns to the previous answer
  });
  form.addEventListener("reset", function () {
    // After the browser has cleared the fields: no answer, no fragment, back to the first question.
    setTimeout(function () {
      results.textContent = "";
      if (location.hash) history.pushState(null, "", location.pathname + location.search);
      keepOnLanguageSwitch();
      form.elements.region.focus();
    }, 0);
  });
  // Only answers ("#region=…") and an empty fragment (Back to the blank form) are ours: "#main" from the skip link is not.
  function ours(hash) { return hash.length <= 1 || hash.indexOf("=") !== -1; }
  window.addEventListener("hashchange", function () { if (data && ours(location.hash)) show(true); });
  window.addEventListener("popstate", function () { if (data && location.hash.length <= 1) show(false); });

  fetch(config.rules).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then(function (rules) {
    data = rules;
    $("finder-fallback").hidden = true;
    form.querySelector("button[type=submit]").disabled = false;
    if (location.hash.length > 1 && ours(location.hash)) show(false);
    else keepOnLanguageSwitch();
  }).catch(function () {
    form.hidden = true;
    $("finder-fallback-text").textContent = T.failed;
  });
})();

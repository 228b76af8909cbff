// The search page: answers the plain GET form (q, region, category) with CarelistSearch (search-engine.js).
// Every word it shows comes from the #search-config block, which the catalogs translate. Results are announced
// through the #search-status live region, and brought on screen after a search.
// A classic script (not a module), so that opened from a folder (file://) it still runs and says why search cannot.
(() => {
"use strict";

const config = JSON.parse(document.getElementById("search-config").textContent);
const text = config.text;
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const selects = { region: document.getElementById("search-region"), category: document.getElementById("search-category") };
const status = document.getElementById("search-status");
const regionLine = document.getElementById("search-region-line");
const finder = document.getElementById("search-finder");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const forget = document.getElementById("search-forget");
const plural = new Intl.PluralRules(document.documentElement.lang);
const indexBase = new URL(config.index, document.baseURI);
const root = new URL(config.root, document.baseURI);

let latest = 0; // the number of the newest search: an older one that finishes late is dropped
let pending = [];
let shownRegion = null;
let timer = null;

function fill(template, values) {
  return template.replace(/%\((\w+)\)[sd]/g, (match, name) => (name in values ? String(values[name]) : match));
}

function counted(forms, num, values) {
  return fill(plural.select(num) === "one" ? forms.one : forms.other, { num, ...values });
}

// The region chosen last is kept in this browser only (said so on the page and on the how-to-use page).
const stored = {
  get() {
    try { return localStorage.getItem(config.storageKey) || ""; } catch (error) { return ""; }
  },
  set(value) {
    try {
      if (value) localStorage.setItem(config.storageKey, value);
      else localStorage.removeItem(config.storageKey);
    } catch (error) { /* storage turned off: nothing is kept */ }
    forget.hidden = !this.get();
  },
};

const searcher = new CarelistSearch.Searcher(config.lang, async (path) => {
  const response = await fetch(new URL(path, indexBase));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
});

function pageHref(path) {
  return new URL(path + "index.html", root).href;
}

function resultItem(result, region) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = pageHref(result.path);
  link.textContent = result.id ? result.title : fill(text.regionPage, { region: result.title });
  heading.append(link);
  item.append(heading);
  const where = [region && result.local ? region.name : "", result.category].filter(Boolean).join(" · ");
  if (where) {
    const context = document.createElement("p");
    context.className = "result-context";
    context.textContent = where;
    item.append(context);
  }
  if (result.summary) {
    const summary = document.createElement("p");
    summary.textContent = result.summary;
    item.append(summary);
  }
  return item;
}

function showMore(region, focus = false) {
  const next = pending.splice(0, config.pageSize).map((result) => resultItem(result, region));
  list.append(...next);
  more.hidden = pending.length === 0;
  // After "Show more", go on reading at the first new result (the button may just have disappeared).
  if (focus && next.length) next[0].querySelector("a").focus();
}

function chosen() {
  return { region: selects.region.value, category: selects.category.value };
}

function remember(query, filters) {
  // The address holds the search, so reloading or sharing the page shows the same results.
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

function describeRegion(answer) {
  if (answer.region) {
    const key = { query: "regionQuery", form: "regionForm", device: "regionDevice" }[answer.region.source];
    return fill(text[key], { region: answer.region.name });
  }
  if (answer.place && !answer.place.published) return fill(text.noList, { place: answer.place.name });
  return answer.results.length ? text.national : "";
}

async function search(bringIntoView) {
  const run = ++latest;
  const query = input.value.trim();
  const filters = chosen();
  remember(query, filters);
  if (!query) {
    list.replaceChildren();
    status.textContent = "";
    regionLine.hidden = finder.hidden = more.hidden = true;
    return;
  }
  status.textContent = text.searching;
  let answer;
  try {
    answer = await searcher.search(query, { region: filters.region || null, stored: stored.get() || null, category: filters.category || null });
  } catch (error) {
    // A part of the index did not load (a dropped connection, or a page opened from a folder): say so.
    if (run === latest) status.textContent = location.protocol === "file:" ? text.failed : text.interrupted;
    console.warn("search failed:", error);
    return;
  }
  if (run !== latest) return;
  pending = answer.results.slice();
  list.replaceChildren();
  const num = answer.results.length;
  status.textContent = num ? counted(text.found, num, { query }) : fill(text.none, { query });
  const line = describeRegion(answer);
  regionLine.textContent = line;
  regionLine.hidden = !line;
  // A question about who may get a service also offers the finder, with the region filled in.
  finder.hidden = !answer.eligibility;
  if (answer.eligibility) {
    const link = finder.querySelector("a");
    link.href = new URL(config.finder, document.baseURI).href.split("#")[0] + (answer.region ? `#region=${answer.region.code}` : "");
    link.textContent = answer.region ? fill(text.eligibilityIn, { region: answer.region.name }) : text.eligibility;
  }
  shownRegion = answer.region;
  showMore(shownRegion);
  if (bringIntoView) {
    // On a phone the keyboard covers half the screen: put it away and show the count and the first result.
    input.blur();
    (num ? status : document.getElementById("search-help")).scrollIntoView({ block: "start" });
  }
}

function searchSoon() {
  clearTimeout(timer);
  timer = setTimeout(() => search(false), 400);
}

function prefill() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const [name, select] of Object.entries(selects)) {
    const value = params.get(name) || "";
    select.value = [...select.options].some((option) => option.value === value) ? value : "";
  }
  if (selects.region.value) stored.set(selects.region.value);
  forget.hidden = !stored.get();
}

function start() {
  prefill();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search(true);
  });
  input.addEventListener("input", searchSoon);
  selects.region.addEventListener("change", () => {
    stored.set(selects.region.value);
    search(false);
  });
  selects.category.addEventListener("change", () => search(false));
  forget.addEventListener("click", () => {
    stored.set("");
    selects.region.value = "";
    search(false);
    input.focus();
  });
  more.addEventListener("click", () => showMore(shownRegion, true));
  if (input.value) search(true);
  else searcher.ready().catch(() => {}); // warm up: the first search then needs no download
}

start();
})();

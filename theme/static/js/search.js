// The search page: answers the plain GET form (q, region, category) with Pagefind, in the page's language.
// Every word it shows comes from the #search-config block, which the catalogs translate; pagefind.js picks the
// index of the page's <html lang>. Results are announced through the #search-status live region.
// A classic script (not a module), so that opened from a folder (file://) it still runs and says why search cannot.
(() => {
"use strict";

const config = JSON.parse(document.getElementById("search-config").textContent);
const text = config.text;
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const selects = { region: document.getElementById("search-region"), category: document.getElementById("search-category") };
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const plural = new Intl.PluralRules(document.documentElement.lang);

let pagefind = null;
let latest = 0; // the number of the newest search: an older one that finishes late is dropped
let pending = [];
let timer = null;

function fill(template, values) {
  return template.replace(/%\((\w+)\)[sd]/g, (match, name) => (name in values ? String(values[name]) : match));
}

function counted(forms, num, values) {
  return fill(plural.select(num) === "one" ? forms.one : forms.other, { num, ...values });
}

// Pagefind's excerpt is HTML with <mark> around the words found; keep only its text and those marks.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html"); // inert: nothing in it runs or loads
  const nodes = [];
  for (const node of parsed.body.firstChild.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta?.title || data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta?.context) {
    const where = document.createElement("p");
    where.className = "result-context";
    where.textContent = data.meta.context;
    item.append(where);
  }
  // The page's own description reads better than Pagefind's excerpt, which often falls on the hidden keywords.
  const summary = document.createElement("p");
  if (data.meta?.summary) summary.textContent = data.meta.summary;
  else summary.append(...excerptNodes(data.excerpt || ""));
  item.append(summary);
  return item;
}

async function showMore(run, focus = false) {
  const next = pending.splice(0, config.pageSize);
  const items = await Promise.all(next.map(async (result) => resultItem(await result.data())));
  if (run !== latest) return;
  list.append(...items);
  more.hidden = pending.length === 0;
  // After "Show more", go on reading at the first new result (the button may just have disappeared).
  if (focus && items.length) items[0].querySelector("a").focus();
}

function chosenFilters() {
  const filters = {};
  for (const [name, select] of Object.entries(selects)) {
    if (select.value) filters[name] = select.value;
  }
  return filters;
}

function remember(query, filters) {
  // The address holds the search, so reloading or sharing the page shows the same results.
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of Object.entries(filters)) params.set(name, value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

async function search() {
  const run = ++latest;
  const query = input.value.trim();
  const filters = chosenFilters();
  remember(query, filters);
  if (!query && Object.keys(filters).length === 0) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  status.textContent = text.searching;
  let found;
  try {
    found = await pagefind.search(query || null, { filters });
  } catch (error) {
    // A part of the index did not load (a dropped connection): say so rather than "Searching…" for ever.
    if (run === latest) status.textContent = text.interrupted;
    console.warn("search failed:", error);
    return;
  }
  if (run !== latest) return;
  pending = found.results.slice();
  list.replaceChildren();
  const num = found.results.length;
  if (num === 0) {
    status.textContent = fill(text.none, { query });
  } else {
    status.textContent = query ? counted(text.found, num, { query }) : counted(text.filtered, num, {});
  }
  await showMore(run);
}

function searchSoon() {
  clearTimeout(timer);
  timer = setTimeout(search, 300);
}

function prefill() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const [name, select] of Object.entries(selects)) {
    const value = params.get(name) || "";
    select.value = [...select.options].some((option) => option.value === value) ? value : "";
  }
}

async function start() {
  try {
    pagefind = await import(new URL(config.pagefind, document.baseURI).href);
    await pagefind.options(config.options);
    await pagefind.init();
  } catch (error) {
    // Opened from a folder (file://) or the index is missing: say so; the links to browse stay.
    status.textContent = text.failed;
    console.warn("search unavailable:", error);
    return;
  }
  prefill();
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  input.addEventListener("input", searchSoon);
  for (const select of Object.values(selects)) select.addEventListener("change", search);
  more.addEventListener("click", () => showMore(latest, true));
  if (input.value || Object.values(selects).some((select) => select.value)) await search();
}

start();
})();

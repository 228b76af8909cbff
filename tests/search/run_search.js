// Runs the search page's own engine (theme/static/js/search-engine.js) on a built site's index, in Node.
//
// Usage: node run_search.js SITE_DIR LANG THEME_JS_DIR < queries.json
//   queries.json: {"limit": 3, "queries": [{"query": "打疫苗", "region": "440000", "stored": null}, ...]}
// Prints JSON: {"results": [{"query", "region", "place", "eligibility", "count", "hits": [{"path", "title"}]}]}
// The engine reads the index through a load(path) function: here it reads files of the built site, nothing else.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [siteDir, lang, jsDir] = process.argv.slice(2);
if (!siteDir || !lang || !jsDir) {
  console.error("usage: node run_search.js SITE_DIR LANG THEME_JS_DIR < queries.json");
  process.exit(2);
}
// The vendored bundle is a classic script that sets a global, as in the browser.
vm.runInThisContext(fs.readFileSync(path.join(jsDir, "search-vendor.js"), "utf8"));
const { Searcher } = require(path.resolve(jsDir, "search-engine.js"));
const bundle = path.resolve(siteDir, "search-index");
const searcher = new Searcher(lang, async (file) => JSON.parse(await fs.promises.readFile(path.join(bundle, file), "utf8")));

(async () => {
  const input = JSON.parse(fs.readFileSync(0, "utf8"));
  const limit = input.limit ?? 3;
  const results = [];
  for (const q of input.queries) {
    const answer = await searcher.search(q.query, { region: q.region || null, stored: q.stored || null });
    results.push({
      query: q.query,
      region: answer.region,
      place: answer.place,
      eligibility: answer.eligibility,
      count: answer.results.length,
      hits: answer.results.slice(0, limit).map((r) => ({ path: r.path, title: r.title })),
    });
  }
  process.stdout.write(JSON.stringify({ results }) + "\n");
})().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});

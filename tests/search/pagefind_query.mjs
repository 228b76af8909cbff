// Runs search queries against a built Pagefind index in Node 20, without a browser.
//
// Usage: node pagefind_query.mjs SITE_DIR HTML_LANG < queries.json
//   queries.json: {"limit": 3, "options": {...}, "queries": [{"query": "打疫苗", "filters": {"region": "440000"}}, ...]}
//   options: Pagefind's own (pagefind.options), e.g. the ranking the search page uses.
// Prints JSON: {"language": HTML_LANG, "results": [{"query", "filters", "count", "hits": [{"url", "title"}]}]}
//
// pagefind.js is written for browsers: it reads the language from <html lang> and fetches its index files.
// Two shims stand in for those: a `document` that answers with HTML_LANG, and a `fetch` that reads file:// URLs
// from disk (Node's own fetch refuses them). Nothing here touches the network.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [siteDir, htmlLang] = process.argv.slice(2);
if (!siteDir || !htmlLang) {
  console.error("usage: node pagefind_query.mjs SITE_DIR HTML_LANG < queries.json");
  process.exit(2);
}

globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => htmlLang }) };
globalThis.fetch = async (input) => {
  const url = new URL(typeof input === "string" ? input : input.url);
  if (url.protocol !== "file:") throw new Error(`refusing to fetch ${url.href}: only files of the built site are read`);
  try {
    return new Response(await readFile(fileURLToPath(url)), { status: 200 });
  } catch (error) {
    return new Response(String(error), { status: 404 });
  }
};

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf-8"));
}

const input = await readStdin();
const limit = input.limit ?? 3;
const pagefind = await import(pathToFileURL(path.resolve(siteDir, "pagefind", "pagefind.js")).href);
// Result URLs as the site serves them ("/en/regions/440000/vaccination/"), not under the file:// path of the folder.
await pagefind.options({ ...(input.options ?? {}), baseUrl: "/" });
await pagefind.init();

const results = [];
for (const { query, filters = {} } of input.queries) {
  const search = await pagefind.search(query, { filters });
  const hits = [];
  for (const result of search.results.slice(0, limit)) {
    const data = await result.data();
    hits.push({ url: data.url, title: data.meta?.title ?? "", score: result.score });
  }
  results.push({ query, filters, count: search.results.length, hits });
}
process.stdout.write(JSON.stringify({ language: htmlLang, results }, null, 1) + "\n");

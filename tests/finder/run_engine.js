// Runs finder-engine.js in Node: node run_engine.js ENGINE RULES_JSON SCENARIOS_JSON [WORDS_JSON] > results (JSON list).
// With WORDS_JSON ({lang: {messages, situations}}), each result also carries its sentences in every language,
// rendered by the engine's describe functions exactly as the page renders them.
"use strict";
const fs = require("fs");
const [engine, rulesPath, scenariosPath, wordsPath] = process.argv.slice(2);
const F = require(engine);
const rules = JSON.parse(fs.readFileSync(rulesPath, "utf8"));
const regions = Object.fromEntries(rules.regions.map((r) => [r.code, r]));
const scenarios = JSON.parse(fs.readFileSync(scenariosPath, "utf8"));
const words = wordsPath ? JSON.parse(fs.readFileSync(wordsPath, "utf8")) : null;

function sentences(result, region, lang) {
  const M = words[lang].messages, situations = words[lang].situations;
  const titles = Object.fromEntries(region.rules.map((r) => [r.id, F.plain(r.title, lang)]));
  const rulesById = Object.fromEntries(region.rules.map((r) => [r.id, r]));
  const out = [F.coveredSentence(M, result, region, lang), F.whoSentence(M, region, lang)];
  result.answers.forEach((a) => a.conditions.forEach((c) => out.push(F.describeCondition(M, c, rulesById[a.id], situations, lang))));
  result.advice.forEach((a) => out.push(F.describeAdvice(M, a, titles, words[lang].permit)));
  return out;
}

process.stdout.write(JSON.stringify(scenarios.map((s) => {
  const region = regions[s.region], result = F.evaluate(region, s);
  if (!words) return result;
  return { result, sentences: Object.fromEntries(Object.keys(words).map((lang) => [lang, sentences(result, region, lang)])) };
})));

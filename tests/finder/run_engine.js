// Runs finder-engine.js in Node: node run_engine.js ENGINE RULES_JSON SCENARIOS_JSON > results (a JSON list).
"use strict";
const fs = require("fs");
const [engine, rulesPath, scenariosPath] = process.argv.slice(2);
const { evaluate } = require(engine);
const rules = JSON.parse(fs.readFileSync(rulesPath, "utf8"));
const regions = Object.fromEntries(rules.regions.map((r) => [r.code, r]));
const scenarios = JSON.parse(fs.readFileSync(scenariosPath, "utf8"));
process.stdout.write(JSON.stringify(scenarios.map((s) => evaluate(regions[s.region], s))));

/* The entitlement finder's engine: a line-by-line mirror of carelist/eligibility.py (evaluate).
   It reads the rules the build exports (data/rules.json).
   Tests run the same scenario table through both and require identical results. */
(function (root) {
  "use strict";

  function covered(region, s) {
    if (s.move === "none") return ["not-eligible", "not-moved", null];
    if (s.move === "city-districts" && !region.includes_moves_within_city_districts) return ["not-eligible", "city-districts", null];
    if (s.age !== null && s.age >= region.max_age) return ["not-eligible", "too-old", null];
    if (s.months !== null && s.months < region.min_months) return ["later", "residence", region.min_months - s.months];
    if (s.move === null || s.age === null || s.months === null) return ["more-info", "unknown", null];
    return ["entitled", "mobile-child", null];
  }

  function answer(rule, s) {
    var out = function (outcome, reason, waitMonths, waitYears) {  // a wait is never 0: null when not given
      return { id: rule.id, outcome: outcome, reason: reason, wait_months: waitMonths || null, wait_years: waitYears || null };
    };
    var has = function (id) { return s.situations.indexOf(id) !== -1; };
    if (rule.all_of.length && !rule.all_of.every(has)) return out("not-eligible", "situation");
    if (rule.any_of.length && !rule.any_of.some(has)) return out("not-eligible", "situation");
    if (s.age !== null && s.age >= rule.below_age) return out("not-eligible", "too-old");
    if (s.age !== null && s.age < rule.min_age) return out("later", "too-young", null, rule.min_age - s.age);
    if (s.months !== null && s.months < rule.min_months) return out("later", "residence", rule.min_months - s.months);
    if (s.age === null || s.move === null || (s.months === null && rule.min_months > 0)) return out("more-info", "unknown");
    if (rule.local_conditions) return out("more-info", "local-conditions");
    return out("entitled", "eligible");
  }

  /* scenario: {region, age (int|null), months (int|null), move ("county"|"city-districts"|"none"|null), situations: [ids]} */
  function evaluate(region, scenario) {
    var c = covered(region, scenario);
    var answers = c[0] === "not-eligible" ? [] : region.rules.map(function (rule) { return answer(rule, scenario); });
    return { region: region.code, covered: c[0], covered_reason: c[1], wait_months: c[2], answers: answers };
  }

  var api = { evaluate: evaluate };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CarelistFinder = api;
})(this);

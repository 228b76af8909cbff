/* The search engine: reads a parent's query, finds the family's region, and ranks services with MiniSearch.
   It reads the shards the build writes (carelist_site/search_index.py) through a `load(path)` function given to it,
   so the search page (fetch) and the tests (Node, reading files) run exactly this code and get the same ranking.

   Chinese is matched on pairs of characters (bigrams), so no word segmentation has to agree with another; English
   on Porter-stemmed words without stop words, with typos forgiven (fuzzy match). Every query is an OR: a filler
   word that matches nothing cannot empty the list, and BM25 lets the rare, meaningful words win. */
(function (root) {
  "use strict";

  var vendor = root.CarelistSearchVendor;
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  var SEGMENTS = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;
  var FIELDS = ["title", "keywords", "summary", "text", "region"];
  var BOOST = { title: 3, keywords: 2.5, summary: 1, text: 0.6, region: 0.6 };
  var ELIGIBILITY = {
    zh: /能.{0,14}[吗么嘛]|可以.{0,14}[吗么嘛]|能不能|可不可以|能否|有没有资格|有资格|够不够|符合.{0,6}条件|算不算|享受得了/,
    en: /^(can|could|may|is|are|am|does|do|will)\b.*\b(i|my|we|our|kid|kids|child|children|son|daughter|he|she|they)\b|\b(eligible|eligibility|entitled|qualify|allowed)\b/i
  };

  function words(text) { return (text || "").toLowerCase().normalize("NFKC").match(SEGMENTS) || []; }

  function bigrams(run) {
    if (run.length < 2) return [run];
    var out = [];
    for (var i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    return out;
  }

  function Language(national) {
    var lang = national.lang, stop = {}, self = this;
    this.lang = lang;
    national.stopwords.forEach(function (w) { stop[w] = true; });
    // Chinese filler is cut out of the query, longest first, leaving a break so no pair forms across it.
    this.fillers = national.stopwords.filter(function (w) { return CJK.test(w); }).sort(function (a, b) { return b.length - a.length || (a < b ? -1 : 1); });
    this.term = function (word) {
      if (CJK.test(word)) return word;
      if (stop[word]) return null;
      return /^[a-z]+$/.test(word) ? vendor.stemmer(word) : word;
    };
    // Pairs of characters, and each character alone too: a query's single characters (weighed low, see expand)
    // still find 居住证 when a phone's input method typed 居往证.
    this.tokenize = function (text, field, pairsOnly) {
      var out = [];
      words(text).forEach(function (w) {
        if (!CJK.test(w)) out.push(w);
        else {
          out.push.apply(out, bigrams(w));
          if (!pairsOnly && w.length > 1) out.push.apply(out, w.split(""));
        }
      });
      return out;
    };
    this.groups = national.synonyms.map(function (group) {
      return group.map(function (w) { return { raw: w.toLowerCase(), terms: self.tokenize(w, null, true).map(self.term).filter(Boolean) }; });
    });
  }

  Language.prototype.clean = function (query) {
    var q = " " + query.toLowerCase().normalize("NFKC") + " ";
    this.fillers.forEach(function (w) { q = q.split(w).join(" "); });
    return q;
  };

  // The query's terms with their weights: its own pairs and words (1), those of every synonym group it touches
  // (0.5: a parent's own word counts more than a guess at what it means), its single characters (0.1).
  var OWN = 1, SYNONYM = 0.5, SINGLE = 0.1;
  Language.prototype.expand = function (query) {
    var self = this, cleaned = this.clean(query), weights = {}, terms = [];
    var add = function (weight) {
      return function (t) {
        if (!t) return;
        if (!(t in weights)) terms.push(t);
        if (!(weights[t] >= weight)) weights[t] = weight;
      };
    };
    this.tokenize(cleaned, null, true).map(this.term).forEach(add(OWN));
    var latin = " " + words(cleaned).map(this.term).filter(Boolean).join(" ") + " ";
    this.groups.forEach(function (group) {
      var touched = group.some(function (m) {
        if (CJK.test(m.raw)) return cleaned.indexOf(m.raw) !== -1;
        return m.terms.length > 0 && latin.indexOf(" " + m.terms.join(" ") + " ") !== -1;
      });
      if (touched) group.forEach(function (m) { m.terms.forEach(add(SYNONYM)); });
    });
    words(cleaned).forEach(function (w) { if (CJK.test(w) && w.length > 1) w.split("").forEach(add(SINGLE)); });
    return { terms: terms, weights: weights };
  };

  // The place names (carelist_site/places.py, compact): one place a line, nested by code; "*" marks a place
  // with a published list. A name leads to the most local published list that covers its place.
  function Places(data) {
    var names = {}, published = {}, longest = 0, digits = ["00", "00", "00"];
    data.zh.split("\n").forEach(function (line) {
      var depth = line.length - line.replace(/^ +/, "").length, rest = line.slice(depth);
      digits[depth] = rest.slice(0, 2);
      for (var d = depth + 1; d < 3; d++) digits[d] = "00";
      var code = digits.join("");
      rest = rest.slice(2);
      if (rest.charAt(0) === "*") { published[code] = true; rest = rest.slice(1); }
      if (rest) rest.split("|").forEach(function (name) { names[name] = code; longest = Math.max(longest, name.length); });
    });
    this.published = published;
    this.zh = names;
    this.longest = longest;
    this.en = data.en;
  }

  Places.prototype.region = function (code) {
    var candidates = [code, code.slice(0, 4) + "00", code.slice(0, 2) + "0000"];
    for (var i = 0; i < candidates.length; i++) if (this.published[candidates[i]]) return candidates[i];
    return "";
  };

  // The place named in the query (the longest name found), with the query left once it is taken out.
  Places.prototype.find = function (query) {
    var q = query.toLowerCase().normalize("NFKC"), best = null;
    for (var i = 0; i < q.length; i++) {
      for (var n = Math.min(this.longest, q.length - i); n >= 2; n--) {
        var name = q.slice(i, i + n);
        if (Object.prototype.hasOwnProperty.call(this.zh, name) && (!best || n > best.name.length)) best = { name: name, code: this.zh[name], at: i };
      }
    }
    var en = this.en;
    Object.keys(en).forEach(function (name) {
      var at = (" " + q + " ").indexOf(" " + name + " ");
      if (at !== -1 && (!best || name.length > best.name.length)) best = { name: name, code: en[name], at: at };
    });
    if (!best) return null;
    return { name: query.substr(best.at, best.name.length), region: this.region(best.code), rest: q.slice(0, best.at) + " " + q.slice(best.at + best.name.length) };
  };

  function fuzzy(term) { return /^[a-z]{5,}$/.test(term) ? 0.2 : false; }
  function prefix(term) { return /^[a-z]{4,}$/.test(term); }

  function makeIndex(language, docs) {
    var index = new vendor.MiniSearch({
      fields: FIELDS,
      storeFields: ["title", "summary", "category", "kind"],
      tokenize: language.tokenize,
      processTerm: language.term
    });
    index.addAll(docs);
    return index;
  }

  function regionDocs(national, shard) {
    var docs = national.docs.map(function (doc) {
      var own = doc.id === "residence-permit" ? shard.residencePermit : shard.services[doc.id];
      return Object.assign({}, doc, { kind: own === undefined || own === null ? "national" : "region", region: own || "" });
    });
    shard.local.forEach(function (doc) { docs.push(Object.assign({}, doc, { kind: "local", region: "" })); });
    return docs;
  }

  /* A searcher for one language. load(path) returns a promise of the parsed JSON of a file under search-index/. */
  function Searcher(lang, load) {
    this.lang = lang;
    this.load = load;
    this.cache = {};
  }

  Searcher.prototype.get = function (path) {
    if (!this.cache[path]) {
      var cache = this.cache;
      cache[path] = this.load(path).catch(function (error) { delete cache[path]; throw error; });
    }
    return this.cache[path];
  };

  Searcher.prototype.ready = function () {
    var self = this;
    if (!this.base) {
      this.base = Promise.all([this.get(this.lang + "/services.json"), this.get("places.json")]).then(function (files) {
        self.national = files[0];
        self.language = new Language(files[0]);
        self.places = new Places(files[1]);
        self.indexes = { "": makeIndex(self.language, files[0].docs.map(function (d) { return Object.assign({ kind: "national", region: "" }, d); })) };
      });
      this.base.catch(function () { self.base = null; });
    }
    return this.base;
  };

  Searcher.prototype.region = function (code) {
    var self = this;
    if (!code) return Promise.resolve(null);
    return this.get(this.lang + "/regions/" + code + ".json").then(function (shard) {
      if (!self.indexes[code]) self.indexes[code] = makeIndex(self.language, regionDocs(self.national, shard));
      return shard;
    });
  };

  function pathOf(doc, region) {
    if (doc.id === "residence-permit") return region && doc.kind === "region" ? "regions/" + region + "/residence-permit/" : "residence-permit/";
    if (region && doc.kind !== "national") return "regions/" + region + "/" + doc.id + "/";
    return "services/" + doc.id + "/";
  }

  /* query: what the parent typed; options: {region: code chosen in the form, stored: code remembered on this
     device, category: a category id}. Answers {region: {code, name, source} or null, place, eligibility, results}. */
  Searcher.prototype.search = function (query, options) {
    var self = this;
    options = options || {};
    return this.ready().then(function () {
      var found = self.places.find(query);
      var code = null, source = null;
      if (found && found.region) { code = found.region; source = "query"; }
      else if (options.region) { code = options.region; source = "form"; }
      else if (options.stored) { code = options.stored; source = "device"; }
      return self.region(code).catch(function () { return null; }).then(function (shard) {
        if (!shard) { code = null; source = null; }
        var text = found ? found.rest : query;
        var expanded = self.language.expand(text), terms = expanded.terms;
        var index = self.indexes[code || ""];
        var hits = terms.length ? index.search(terms.join(" "), {
          combineWith: "OR", boost: BOOST, fuzzy: fuzzy, prefix: prefix,
          // The terms are made already: split them apart again, and weigh each as expand said.
          tokenize: function (all) { return all.split(" "); }, processTerm: function (term) { return term; },
          boostTerm: function (term) { return expanded.weights[term] || 1; },
          filter: options.category ? function (r) { return r.category === options.category; } : undefined
        }) : [];
        var results = hits.map(function (hit) {
          return { id: hit.id, title: hit.title, summary: hit.summary, category: self.national.categories[hit.category] || "",
                   path: pathOf(hit, code), score: hit.score, local: hit.kind !== "national" };
        });
        if (shard && !terms.length) {
          // Only a place was typed: that region's whole list.
          results = [{ id: "", title: shard.name, summary: "", category: "", path: "regions/" + code + "/", score: 0, local: true }];
        }
        return {
          region: shard ? { code: code, name: shard.name, source: source } : null,
          place: found ? { name: found.name, published: Boolean(found.region) } : null,
          eligibility: ELIGIBILITY[self.lang === "zh" ? "zh" : "en"].test(query.trim()),
          results: results
        };
      });
    });
  };

  var api = { Searcher: Searcher, bigrams: bigrams };
  root.CarelistSearch = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : this);

/* careersite search, for /search/: no dependencies, no requests beyond this site.
 *
 * Loads search/index.json (titles, tags and headings of every guide, role, skill and page),
 * then per query only the body-word shards and snippet files it needs. The format is
 * described in src/render/search.rs; the word rules below (fold, stem, compounds, stop
 * words) mirror it and must change with it (a Rust test compares the two).
 *
 * Ranking: every word of the query must match (title 100, tag 40, heading 30, body 10-20
 * by frequency; the best field counts fully, the others 30%); the last word also matches
 * as a prefix while it is being typed (x0.7);
 * stop words and the site's most common words are optional. Titles holding every word get
 * a bonus, titles made of exactly those words a bigger one. When no page has every word,
 * pages with the most of them are shown. A word that matches nothing is read as a typo of
 * the nearest indexed words (one edit from five letters, two from nine; x0.7).
 */
(function () {
  "use strict";

  var STOP_WORDS = new Set(("a about after all also an and any are as at be been but by can " +
    "could did do does each for from had has have he her his how i if in into is it its just " +
    "may more most much my no not of on one or other our out over she so some such than that " +
    "the their them then there these they this those through to too up us very was we were " +
    "what when where which while who why will with would you your").split(" "));
  var SPECIAL = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
    "þ": "th", "ı": "i" };
  // Latin letters without a canonical decomposition that Rust's deunicode still folds.
  "ħhĸkŀlŧtſsƀbƃbƈcƌdƍdƒfƙkƚlƛlƞnƥpƫtƭtƴyƶzƿwǥgǿoȝyȡdȥzȴlȵnȶtȷjȼcȿsɀzɇeɉjɋqɍrɏyẚaẛsẜsẝsẟdỽvỿy"
    .replace(/(.)(.)/g, function (_, c, l) { SPECIAL[c] = l; return ""; });
  var MAX_TERM_CHARS = 32;
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var FIELD_BITS = 3, STRENGTH_BITS = 2;
  var FIELD_SCORES = [[1, 100], [2, 40], [4, 30]]; // [flag, score]: title, tag, heading
  var BODY_SCORES = [10, 13, 16, 20]; // by strength
  var SECONDARY = 0.3; // weight of a word's other fields in a document after its best one
  var PREFIX_FACTOR = 0.7;
  var TITLE_MATCH = 100 * PREFIX_FACTOR; // the least a title match scores; more than any other
  var OPTIONAL_FACTOR = 0.5;
  var MAX_EXPANSIONS = 50;
  var TYPO_FACTOR = 0.7; // a word found only by correcting a typo counts as a prefix does
  var MAX_TYPO_TERMS = 5;
  var EXCERPT_CHARS = 220; // the longest excerpt shown under a result
  var MAX_PREFIX_SHARDS = 4;
  var PAGE_SIZE = 20;
  var KIND_LABELS = { guide: "Guide", role: "Role", skill: "Skill", page: "Page" };

  // Letters and digits of any script, as Rust's char::is_alphanumeric. Built at run time so
  // that engines without Unicode property escapes fall back instead of failing to parse.
  var WORD_CHAR, ALL_LETTERS;
  try {
    WORD_CHAR = new RegExp("[\\p{Alphabetic}\\p{N}]", "u");
    ALL_LETTERS = new RegExp("^\\p{Alphabetic}+$", "u");
  } catch (e) {
    WORD_CHAR = { test: function (c) { return /[0-9]/.test(c) || c.toLowerCase() !== c.toUpperCase() || c > "\u2e7f"; } };
    ALL_LETTERS = { test: function (w) { return !/[0-9]/.test(w); } };
  }

  /* ---------- Words: the same rules as src/render/search.rs ---------- */

  /** A character folded (lowercase, Latin accents removed): a string to append, "" for a
   * character that joins (apostrophes, combining accents), null for a separator. */
  function fold(ch) {
    var code = ch.codePointAt(0);
    if (code < 128) {
      if (/[A-Za-z0-9]/.test(ch)) return ch.toLowerCase();
      return ch === "'" ? "" : null;
    }
    if ((code >= 0x300 && code <= 0x36f) || code === 0x2019) return "";
    var out = "";
    var any = false;
    var lower = Array.from(ch.toLowerCase());
    for (var i = 0; i < lower.length; i++) {
      var l = lower[i];
      var lc = l.codePointAt(0);
      var latin = (lc >= 0xc0 && lc <= 0x24f) || (lc >= 0x1e00 && lc <= 0x1eff);
      var plain = null;
      if (latin) {
        var base = l.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
        if (/^[A-Za-z]$/.test(base)) plain = base;
      }
      var mapped = has(SPECIAL, l) ? SPECIAL[l] : plain;
      if (mapped !== null) {
        out += mapped.toLowerCase();
        any = true;
      } else if (WORD_CHAR.test(l)) {
        out += l;
        any = true;
      } else if (lc >= 0x300 && lc <= 0x36f) {
        any = true;
      }
    }
    return any ? out : null;
  }

  /** Harman's S-stemmer, for words of four letters or more. */
  function stem(w) {
    if (Array.from(w).length <= 3 || !ALL_LETTERS.test(w)) return w;
    var ends = function (s) { return w.slice(-s.length) === s; };
    if (ends("ies") && !ends("eies") && !ends("aies")) return w.slice(0, -3) + "y";
    if (ends("es") && !ends("aes") && !ends("ees") && !ends("oes")) return w.slice(0, -1);
    if (ends("s") && !ends("us") && !ends("ss") && !ends("is")) return w.slice(0, -1);
    return w;
  }

  /** Whether the character with code point `c` belongs to a script written without spaces
   * (Han, kana, Thai, Lao, Myanmar, Khmer) and is not its punctuation: the table in
   * src/i18n/script.rs. */
  function isUnspaced(c) {
    var inScript = (c >= 0x0e00 && c <= 0x0eff) || (c >= 0x1000 && c <= 0x109f) ||
      (c >= 0x1780 && c <= 0x17ff) || (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x31f0 && c <= 0x31ff) || (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xff66 && c <= 0xff9f) || (c >= 0x20000 && c <= 0x3ffff);
    var punctuation = c === 0x0e3f || c === 0x0e4f || c === 0x0e5a || c === 0x0e5b ||
      (c >= 0x104a && c <= 0x104f) || (c >= 0x17d4 && c <= 0x17db) || c === 0x30a0 ||
      c === 0x30fb;
    return inScript && !punctuation;
  }

  /** The words of `text` in order. Compounds (front-end, CI/CD) give their parts and the
   * joined word, or in a query (`query`) the joined word only. */
  function tokenize(text, query, keepStop) {
    var out = [];
    var parts = [];
    var word = "";
    var chars = Array.from(text);
    function emit() {
      var joined = parts.length > 1 && parts.length <= 4 ? parts.join("") : null;
      var words = query && joined !== null ? [] : parts.slice();
      if (joined !== null) words.push(joined);
      for (var i = 0; i < words.length; i++) {
        var n = Array.from(words[i]).length;
        if (!keepStop && (n < 2 || STOP_WORDS.has(words[i]))) continue;
        if (n <= MAX_TERM_CHARS) out.push(stem(words[i]));
      }
      parts = [];
    }
    // A run of a script without spaces gives its overlapping character pairs.
    var run = [];
    function emitRun() {
      if (run.length === 1) out.push(run[0]);
      for (var k = 0; k + 1 < run.length; k++) out.push(run[k] + run[k + 1]);
      run = [];
    }
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (isUnspaced(c.codePointAt(0))) {
        if (word) {
          parts.push(word);
          word = "";
        }
        emit();
        run.push(c);
        continue;
      }
      emitRun();
      var f = fold(c);
      if (f !== null) {
        word += f;
        continue;
      }
      var joiner = "-/._\u2010\u2011".indexOf(c) >= 0;
      var nextWord = i + 1 < chars.length && WORD_CHAR.test(chars[i + 1]);
      if (word) {
        parts.push(word);
        word = "";
      }
      if (!(joiner && nextWord && parts.length)) emit();
    }
    if (word) parts.push(word);
    emit();
    emitRun();
    return out;
  }

  function queryTerms(text) {
    return tokenize(text, true, true);
  }

  /** Postings string -> [[docId, class], ...], with `bits` class bits. */
  function decode(s, bits) {
    var out = [];
    var scale = 1 << bits;
    var next = 0, v = 0, mult = 1;
    for (var i = 0; i < s.length; i++) {
      var d = ALPHABET.indexOf(s[i]);
      v += (d & 31) * mult;
      mult *= 32;
      if (d < 32) {
        var id = next + Math.floor(v / scale);
        out.push([id, v % scale]);
        next = id + 1;
        v = 0;
        mult = 1;
      }
    }
    return out;
  }

  /* ---------- Planning and ranking (pure, testable in Node) ---------- */

  function prepare(main) {
    return {
      main: main,
      terms: Object.keys(main.terms).sort(),
      shardKeys: Object.keys(main.shards).sort(),
      common: new Set(main.common),
      decoded: new Map(),
      shardTerms: new Map()
    };
  }

  /** The shard holding `term`: the longest key it starts with. */
  function shardOf(index, term) {
    var best = null;
    index.shardKeys.forEach(function (k) {
      if (term.slice(0, k.length) === k && (best === null || k.length > best.length)) best = k;
    });
    return best;
  }

  /** What a query needs: its words, and the shard keys to fetch. */
  function plan(index, text) {
    var terms = queryTerms(text);
    var typing = terms.length > 0 && !/[\s"”]$/.test(text);
    var seen = new Set();
    var words = [];
    var shards = new Set();
    terms.forEach(function (term, i) {
      var prefix = typing && i === terms.length - 1 && Array.from(term).length >= 2;
      var key = term + (prefix ? "*" : "");
      if (seen.has(key)) return;
      seen.add(key);
      var optional = STOP_WORDS.has(term) || index.common.has(term) || Array.from(term).length < 2;
      words.push({ term: term, prefix: prefix, optional: optional });
      var own = shardOf(index, term);
      if (own !== null) shards.add(own);
      if (prefix) {
        var longer = index.shardKeys.filter(function (k) {
          return k.length > term.length && k.slice(0, term.length) === term;
        });
        if (longer.length <= MAX_PREFIX_SHARDS) longer.forEach(function (k) { shards.add(k); });
      }
    });
    return { words: words, shards: Array.from(shards).sort() };
  }

  function postings(index, cacheKey, s, bits) {
    var p = index.decoded.get(cacheKey);
    if (!p) {
      p = decode(s, bits);
      index.decoded.set(cacheKey, p);
    }
    return p;
  }

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  /** The terms of `obj` (keys `sorted`) a word matches: itself, and longer ones when it is
   * a prefix, shortest first. */
  function expand(obj, sorted, word) {
    if (!word.prefix) return has(obj, word.term) ? [word.term] : [];
    var out = [];
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < word.term) lo = mid + 1; else hi = mid;
    }
    for (var i = lo; i < sorted.length && sorted[i].slice(0, word.term.length) === word.term; i++) {
      out.push(sorted[i]);
    }
    out.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
    return out.slice(0, MAX_EXPANSIONS);
  }

  /** How many edits a word of `n` letters may be from an indexed word and still find it. */
  function typoAllowance(n) {
    return n >= 9 ? 2 : n >= 5 ? 1 : 0;
  }

  /** The edit distance (insertions, deletions, substitutions, swaps of neighbours) of `a`
   * and `b`, or `max + 1` as soon as it is sure to be more than `max`. */
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var rowMin = i;
      for (var k = 1; k <= b.length; k++) {
        var d = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
        if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          d = Math.min(d, prev2[k - 2] + 1);
        }
        cur.push(d);
        if (d < rowMin) rowMin = d;
      }
      if (rowMin > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /** The terms of `sorted` within the word's typo allowance, nearest first. */
  function nearTerms(sorted, word) {
    var max = typoAllowance(Array.from(word.term).length);
    if (!max) return [];
    var out = [];
    sorted.forEach(function (t) {
      var d = editDistance(word.term, t, max);
      if (d <= max) out.push([d, t]);
    });
    return out;
  }

  /** docId -> score of one query word: for each term it matches, the best field's score
   * plus a share of the others' (a heading and body use beat a tag alone); the best term. */
  function wordScores(index, word, shards) {
    var candidates = new Set(expand(index.main.terms, index.terms, word));
    Object.keys(shards).forEach(function (key) {
      if (!index.shardTerms.has(key)) index.shardTerms.set(key, Object.keys(shards[key]).sort());
      expand(shards[key], index.shardTerms.get(key), word).forEach(function (t) { candidates.add(t); });
    });
    var typos = new Set();
    if (!candidates.size && !word.optional) {
      var near = nearTerms(index.terms, word);
      Object.keys(shards).forEach(function (key) {
        near = near.concat(nearTerms(index.shardTerms.get(key), word));
      });
      near.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : 1); });
      near.slice(0, MAX_TYPO_TERMS).forEach(function (n) { candidates.add(n[1]); typos.add(n[1]); });
    }
    word.typos = Array.from(typos);
    var best = new Map();
    var factor = word.optional ? OPTIONAL_FACTOR : 1;
    candidates.forEach(function (t) {
      var found = new Map();
      function add(id, score) {
        var f = found.get(id) || [0, 0];
        found.set(id, [Math.max(f[0], score), f[1] + score]);
      }
      if (has(index.main.terms, t)) {
        postings(index, "=" + t, index.main.terms[t], FIELD_BITS).forEach(function (p) {
          FIELD_SCORES.forEach(function (fs) { if (p[1] & fs[0]) add(p[0], fs[1]); });
        });
      }
      var key = shardOf(index, t);
      var shard = key !== null && shards[key];
      if (shard && has(shard, t)) {
        postings(index, key + ":" + t, shard[t], STRENGTH_BITS).forEach(function (p) {
          add(p[0], BODY_SCORES[p[1]]);
        });
      }
      var f = t === word.term ? factor : factor * (typos.has(t) ? TYPO_FACTOR : PREFIX_FACTOR);
      found.forEach(function (v, id) {
        var score = (v[0] + SECONDARY * (v[1] - v[0])) * f;
        if (!(best.get(id) >= score)) best.set(id, score);
      });
    });
    return best;
  }

  /** Whether `term` (a word of a title) satisfies a query word. */
  function wordMatches(word, term) {
    if (word.typos && word.typos.indexOf(term) >= 0) return true;
    return word.prefix ? term.slice(0, word.term.length) === word.term : term === word.term;
  }

  function titleBonus(title, required) {
    if (!required.length) return 0;
    var terms = tokenize(title, true, false);
    var all = required.every(function (w) { return terms.some(function (t) { return wordMatches(w, t); }); });
    if (!all) return 0;
    return new Set(terms).size === required.length ? 100 : 30;
  }

  /** Ranks documents for a plan; `shards` maps shard key -> loaded shard object.
   * Returns { all: whether every required word matched, results: [{ id, score }] }. */
  function rank(index, query, shards) {
    var words = query.words;
    if (!words.length) return { all: true, results: [] };
    var required = words.filter(function (w) { return !w.optional; });
    var scored = words.map(function (w) { return wordScores(index, w, shards); });
    var totals = new Map();
    words.forEach(function (w, i) {
      scored[i].forEach(function (score, id) {
        var t = totals.get(id) || { score: 0, matched: 0, weakest: Infinity };
        t.score += score;
        if (!w.optional) {
          t.matched += 1;
          t.weakest = Math.min(t.weakest, score);
        }
        totals.set(id, t);
      });
    });
    var need = required.length;
    var all = need === 0 || Array.from(totals.values()).some(function (t) { return t.matched === need; });
    var results = [];
    totals.forEach(function (t, id) {
      if (all && t.matched < need) return;
      if (!all && t.matched === 0) return;
      // Only a title match scores TITLE_MATCH or more: skip the title check for the rest.
      var bonus = t.matched === need && t.weakest >= TITLE_MATCH
        ? titleBonus(index.main.docs[id][2], required) : 0;
      results.push({ id: id, matched: t.matched, score: t.score + bonus });
    });
    results.sort(function (a, b) { return b.matched - a.matched || b.score - a.score || a.id - b.id; });
    return { all: all, results: results };
  }

  function docUrl(index, basePath, id) {
    var d = index.main.docs[id];
    return basePath + index.main.prefixes[d[0]] + d[1] + "/";
  }

  /* ---------- The page ---------- */

  function start() {
    var form = document.querySelector("form.search-form");
    var input = form && form.querySelector("input[name=q]");
    var region = document.querySelector(".search-results[data-index-url]");
    /* The page's words, from the theme strings the template puts on the region
     * (data-t-*), with `{name}` placeholders; English when a theme gives none. */
    function say(name, fallback, vars) {
      var text = (region && region.getAttribute("data-t-" + name)) || fallback;
      return text.replace(/\{(\w+)\}/g, function (m, k) { return vars && k in vars ? String(vars[k]) : m; });
    }
    if (!input || !region) return;
    var indexUrl = new URL(region.getAttribute("data-index-url"), location.href);
    var basePath = indexUrl.pathname.replace(/search\/index\.json$/, "");
    var files = new Map();
    var indexPromise = null;
    var sequence = 0;
    var urlTimer = 0, searchTimer = 0;
    var state = null;

    function fetchJson(url) {
      if (!files.has(url)) {
        var p = fetch(url, { credentials: "same-origin" }).then(function (r) {
          if (!r.ok) throw new Error(r.status + " " + r.statusText);
          return r.json();
        });
        p.catch(function () { files.delete(url); });
        files.set(url, p);
      }
      return files.get(url);
    }

    function loadIndex() {
      if (!indexPromise) {
        indexPromise = fetchJson(indexUrl.href).then(prepare);
        indexPromise.catch(function () { indexPromise = null; });
      }
      return indexPromise;
    }

    function fileUrl(index, path) {
      return new URL(path + "?v=" + index.main.v, indexUrl).href;
    }

    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    }

    /** Appends `text` with the words matching the query in <mark>. */
    function highlight(parent, text, words) {
      var re = /([^\s,;:!?()\[\]"“”‘’]+?)([.\-\/]*)(?=[\s,;:!?()\[\]"“”‘’]|$)|[\s\S]/g;
      var m;
      while ((m = re.exec(text)) !== null) {
        var piece = m[1] || m[0];
        var hit = m[1] !== undefined && tokenize(piece, false, true).some(function (t) {
          return words.some(function (w) { return !w.optional && wordMatches(w, t); });
        });
        if (hit) parent.appendChild(el("mark", "", piece));
        else parent.appendChild(document.createTextNode(piece));
        if (m[1] !== undefined && m[2]) parent.appendChild(document.createTextNode(m[2]));
      }
    }

    function status(text) {
      return el("p", "search-summary", text);
    }

    function setChildren(parent, nodes) {
      while (parent.firstChild) parent.removeChild(parent.firstChild);
      nodes.forEach(function (n) { parent.appendChild(n); });
    }

    function noResults(q) {
      var box = el("div", "search-empty");
      box.appendChild(el("p", "search-summary", say("no-results", "No results for “{query}”.", { query: q })));
      var tips = el("p", "search-tips");
      var links = {
        guides: [say("all-guides", "all guides"), "guides/"],
        roles: [say("roles", "roles"), "roles/"],
        skills: [say("skills", "skills"), "skills/"]
      };
      var text = say("tips", "Check the spelling, try fewer or more general words, or browse {guides}, {roles} and {skills}.");
      text.split(/(\{\w+\})/).forEach(function (part) {
        var l = links[part.slice(1, -1)];
        if (!l) {
          if (part) tips.appendChild(document.createTextNode(part));
          return;
        }
        var a = el("a", "", l[0]);
        a.href = basePath + l[1];
        tips.appendChild(a);
      });
      box.appendChild(tips);
      return box;
    }

    async function snippetsFor(index, ids) {
      var per = index.main.snippets;
      var chunks = Array.from(new Set(ids.map(function (id) { return Math.floor(id / per); })));
      var loaded = await Promise.all(chunks.map(function (n) {
        return fetchJson(fileUrl(index, "snippets/" + n + ".json")).catch(function () { return []; });
      }));
      var out = new Map();
      chunks.forEach(function (n, i) {
        ids.forEach(function (id) {
          if (Math.floor(id / per) === n) out.set(id, loaded[i][id - n * per] || "");
        });
      });
      return out;
    }

    /** How many required query words `text` holds. */
    function hits(text, words) {
      var toks = tokenize(text, false, true);
      return words.filter(function (w) {
        return !w.optional && toks.some(function (t) { return wordMatches(w, t); });
      }).length;
    }

    /** What to show under a result: the sentence of its body holding the most query words,
     * cut around the first of them, or its description when that holds as many. */
    function excerpt(entry, words) {
      if (typeof entry === "string") return entry;
      var best = entry[0] || "", most = hits(best, words);
      (entry[1] || "").split(/(?<=[.!?])\s+/).forEach(function (sentence) {
        var n = hits(sentence, words);
        if (n > most) { best = sentence; most = n; }
      });
      if (best.length <= EXCERPT_CHARS) return best;
      var parts = best.split(" ");
      var first = parts.findIndex(function (p) { return hits(p, words) > 0; });
      var start = Math.max(0, first - 8), out = "";
      for (var i = start; i < parts.length && out.length + parts[i].length < EXCERPT_CHARS; i++) {
        out += (out ? " " : "") + parts[i];
      }
      return (start > 0 ? "…" : "") + out + (i < parts.length ? "…" : "");
    }

    async function resultItems(index, ids, words) {
      var snippets = await snippetsFor(index, ids);
      return ids.map(function (id) {
        var d = index.main.docs[id];
        var kind = index.main.kinds[d[0]];
        var li = el("li", "search-result search-result-" + kind);
        var h = el("h2", "search-result-title");
        var a = el("a", "search-result-link");
        a.href = docUrl(index, basePath, id);
        highlight(a, d[2], words);
        h.appendChild(a);
        li.appendChild(h);
        var labels = index.main.labels;
        li.appendChild(el("p", "search-result-kind", (labels && labels[d[0]]) || say("kind-" + kind, KIND_LABELS[kind] || kind)));
        var snippet = excerpt(snippets.get(id) || "", words);
        if (snippet) {
          var p = el("p", "search-result-snippet");
          highlight(p, snippet, words);
          li.appendChild(p);
        }
        return li;
      });
    }

    async function showMore() {
      var s = state;
      var ids = s.ranked.results.slice(s.shown, s.shown + PAGE_SIZE).map(function (r) { return r.id; });
      var items = await resultItems(s.index, ids, s.words);
      if (s !== state) return;
      var first = null;
      items.forEach(function (li) {
        s.list.appendChild(li);
        if (!first) first = li;
      });
      s.shown += ids.length;
      updateMore();
      if (first) first.querySelector("a").focus();
    }

    function updateMore() {
      var s = state;
      if (s.shown < s.ranked.results.length) {
        var left = s.ranked.results.length - s.shown;
        s.more.textContent = say("more", "Show {count} more", { count: Math.min(left, PAGE_SIZE) });
        s.more.hidden = false;
      } else {
        s.more.hidden = true;
      }
    }

    async function run(q) {
      var mine = ++sequence;
      var text = q.trim();
      if (!text) {
        setChildren(region, []);
        state = null;
        return;
      }
      region.setAttribute("aria-busy", "true");
      try {
        var index = await loadIndex();
        var query = plan(index, q);
        var loaded = await Promise.all(query.shards.map(function (k) {
          return fetchJson(fileUrl(index, "terms/" + index.main.shards[k] + ".json"));
        }));
        var shards = {};
        query.shards.forEach(function (k, i) { shards[k] = loaded[i]; });
        var ranked = rank(index, query, shards);
        var ids = ranked.results.slice(0, PAGE_SIZE).map(function (r) { return r.id; });
        var items = await resultItems(index, ids, query.words);
        if (mine !== sequence) return;
        var nodes = [];
        if (!ranked.results.length && Array.from(text).length < 2) {
          nodes.push(status(say("too-short", "Type at least two letters to search.")));
        } else if (!ranked.results.length) {
          nodes.push(noResults(text));
        } else {
          var n = ranked.results.length;
          var summary = n === 1
            ? say("one-result", "1 result for “{query}”.", { query: text })
            : say("results", "{count} results for “{query}”.", { count: n, query: text });
          if (!ranked.all) summary += " " + say("partial", "No page has every word; these have some of them.");
          nodes.push(status(summary));
          var list = el("ol", "search-result-list");
          items.forEach(function (li) { list.appendChild(li); });
          nodes.push(list);
          var more = el("button", "search-more");
          more.type = "button";
          more.addEventListener("click", showMore);
          nodes.push(more);
          state = { index: index, ranked: ranked, words: query.words, list: list, more: more, shown: ids.length };
        }
        setChildren(region, nodes);
        if (ranked.results.length) updateMore();
      } catch (err) {
        if (mine !== sequence) return;
        setChildren(region, [status(say("unavailable", "Search is unavailable: the index could not be loaded ({error}). Try reloading the page.", { error: err.message }))]);
      } finally {
        if (mine === sequence) region.removeAttribute("aria-busy");
      }
    }

    function updateUrl(q) {
      var url = new URL(location.href);
      if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
      history.replaceState(history.state, "", url.pathname + url.search + url.hash);
    }

    input.addEventListener("input", function () {
      var q = input.value;
      clearTimeout(searchTimer);
      clearTimeout(urlTimer);
      searchTimer = setTimeout(function () { run(q); }, 120);
      urlTimer = setTimeout(function () { updateUrl(q); }, 400);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(searchTimer);
      clearTimeout(urlTimer);
      updateUrl(input.value);
      run(input.value);
    });
    input.addEventListener("focus", function () { loadIndex().catch(function () {}); });
    var initial = new URLSearchParams(location.search).get("q") || "";
    input.value = initial;
    if (initial.trim()) run(initial); else input.focus();
  }

  var api = { fold: fold, stem: stem, tokenize: tokenize, queryTerms: queryTerms, decode: decode,
    prepare: prepare, plan: plan, rank: rank, docUrl: docUrl, stopWords: Array.from(STOP_WORDS) };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})();

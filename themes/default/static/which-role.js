/* careersite "Which role fits me", for /which-role/: no dependencies, no requests beyond
 * this site. Reads which-role/roles.json (written at build time: every role's core skills,
 * typical education, median salary and guides), shows the form the page hides for readers
 * without JavaScript, and ranks the roles as the reader ticks skills.
 *
 * Ranking: the share of a role's core skills the reader has, then how many, then the title.
 * A salary floor leaves out roles whose median is below it (roles with no figure stay, said
 * so); a chosen education is noted where a role asks for the same one. For each role, the
 * guides to read next are those that teach most of the skills the reader lacks.
 */
(function () {
  "use strict";

  var SHOWN = 5;
  var GUIDES_SHOWN = 3;

  /* "Kubernetes", "Kubernetes and Go", "Kubernetes, Go and SQL". */
  function joinWords(words) {
    if (words.length < 2) return words.join("");
    return words.slice(0, -1).join(", ") + " and " + words[words.length - 1];
  }

  /* Every role with how well it fits: pure, so tests can call it without a page. */
  function rank(data, have, education, floor) {
    var out = [];
    data.roles.forEach(function (role) {
      if (floor > 0 && role.median != null && role.median < floor) return;
      var owned = role.skills.filter(function (i) { return have.has(data.skills[i].slug); });
      var missing = role.skills.filter(function (i) { return !have.has(data.skills[i].slug); });
      var lacking = new Set(missing);
      var guides = role.guides.map(function (g, n) {
        return { guide: g, teaches: g.skills.filter(function (i) { return lacking.has(i); }).length, n: n };
      }).filter(function (g) { return g.teaches > 0; });
      guides.sort(function (a, b) { return b.teaches - a.teaches || a.n - b.n; });
      out.push({
        role: role,
        have: owned.length,
        total: role.skills.length,
        missing: missing.map(function (i) { return data.skills[i].title; }),
        education: !!education && role.education === education,
        guides: guides.slice(0, GUIDES_SHOWN).map(function (g) { return g.guide; })
      });
    });
    out.sort(function (a, b) {
      return b.have / b.total - a.have / a.total || b.have - a.have ||
        (a.role.title < b.role.title ? -1 : a.role.title > b.role.title ? 1 : 0);
    });
    return out;
  }

  /* "You have 5 of 7 core skills; add Kubernetes and Go." */
  function why(fit) {
    var text = "You have " + fit.have + " of " + fit.total + " core skill" + (fit.total === 1 ? "" : "s");
    if (fit.missing.length === 0) return text + ": all of them.";
    return text + "; add " + joinWords(fit.missing) + ".";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var a = el("a", null, text);
    a.href = href;
    return a;
  }

  function show(form, results, data) {
    var have = new Set();
    form.querySelectorAll("input[name=skill]:checked").forEach(function (box) { have.add(box.value); });
    var select = form.querySelector("select[name=education]");
    var floor = parseInt((form.querySelector("input[name=floor]") || {}).value, 10) || 0;
    results.textContent = "";
    results.hidden = false;
    if (have.size === 0) {
      results.appendChild(el("p", "fit-empty", "Tick the skills you have to see the roles that fit you."));
      return;
    }
    var fits = rank(data, have, select ? select.value : "", floor).filter(function (f) { return f.have > 0; });
    results.appendChild(el("h2", null, fits.length ? "Roles that fit you best" : "No role asks for these skills yet"));
    var list = el("ol", "fit-list");
    fits.slice(0, SHOWN).forEach(function (fit) {
      var item = el("li", "fit");
      var title = el("h3");
      title.appendChild(link(fit.role.url, fit.role.title));
      item.appendChild(title);
      item.appendChild(el("p", "fit-why", why(fit)));
      if (fit.role.median_display) {
        item.appendChild(el("p", "fit-salary", "Median salary: " + fit.role.median_display + " per " + fit.role.period + "."));
      } else if (floor > 0) {
        item.appendChild(el("p", "fit-salary", "This role has no salary figure on this site."));
      }
      if (fit.education) item.appendChild(el("p", "fit-education", "It asks for the education you have."));
      if (fit.guides.length) {
        var read = el("p", "fit-guides", "Read next: ");
        fit.guides.forEach(function (g, n) {
          if (n) read.appendChild(document.createTextNode(", "));
          read.appendChild(link(g.url, g.title));
        });
        item.appendChild(read);
      }
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  function start() {
    var form = document.querySelector(".fit-form");
    var results = document.querySelector(".fit-results");
    if (!form || !results || !window.fetch) return;
    fetch(form.getAttribute("data-fit-url"))
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        form.hidden = false;
        var update = function () { show(form, results, data); };
        form.addEventListener("change", update);
        form.addEventListener("input", update);
        form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
        update();
      })
      .catch(function () { /* The list of roles below stays, as without JavaScript. */ });
  }

  var api = { rank: rank, why: why, joinWords: joinWords };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// Progressive enhancement: search the briefings of this page's language with Pagefind.
// Without JavaScript the page still links to every listing.
(function () {
  "use strict";
  var box = document.querySelector(".search");
  if (!box) { return; }
  var form = box.querySelector("form");
  var input = box.querySelector("input[type=search]");
  var status = box.querySelector(".search-status");
  var list = box.querySelector(".search-results");
  var bundle = new URL(box.getAttribute("data-pagefind"), document.baseURI).href;
  // Result URLs are site paths ("/fr/briefings/x/"); prefix them with wherever the site lives.
  var base = new URL(box.getAttribute("data-base").replace(/\/?$/, "/"), document.baseURI).pathname;
  var pagefind = null;

  function load() {
    if (!pagefind) {
      pagefind = import(bundle).then(function (module) {
        return Promise.resolve(module.options({ baseUrl: base }))
          .then(function () { return module.init(); })
          .then(function () { return module; });
      });
    }
    return pagefind;
  }

  function item(result) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = (result.meta && result.meta.title) || result.url;
    var excerpt = document.createElement("p");
    // Pagefind's excerpt marks hits with <mark>; rebuild it as text nodes and marks.
    var parts = String(result.excerpt || "").split(/<\/?mark>/);
    parts.forEach(function (part, index) {
      var text = document.createTextNode(part.replace(/<[^>]*>/g, ""));
      if (index % 2 === 1) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        excerpt.appendChild(mark);
      } else {
        excerpt.appendChild(text);
      }
    });
    li.appendChild(link);
    li.appendChild(excerpt);
    return li;
  }

  function run(query) {
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    load().then(function (module) { return module.search(query); })
      .then(function (search) { return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); })); })
      .then(function (results) {
        status.textContent = results.length ? String(results.length) : box.getAttribute("data-no-results");
        results.forEach(function (r) { list.appendChild(item(r)); });
      })
      .catch(function () { status.textContent = box.getAttribute("data-no-results"); });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
}());

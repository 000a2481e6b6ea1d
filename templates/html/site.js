// Cartograph's one script: the header's search and the apps directory's filters and sorting.
// No framework and no network: the search index is a script file, so it loads from file://,
// and only when the search box is first used. Every page is complete without this script.
(function () {
  "use strict";

  var KIND_ORDER = { app: 0, page: 1, component: 2, "env key": 3, domain: 4, route: 5, heading: 6 };
  var LIMIT = 12;

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function searchBox() {
    var form = document.querySelector("form.search");
    if (!form) return;
    var input = form.querySelector("input[type=search]");
    var panel = document.getElementById("search-results");
    var root = form.getAttribute("data-root") || "";
    var requested = false;
    var entries = null;

    function load() {
      if (requested) return;
      requested = true;
      var script = document.createElement("script");
      script.src = root + "search-index.js";
      script.onload = run;
      script.onerror = function () { show([], "The search index could not be loaded."); };
      document.head.appendChild(script);
    }

    function prepare() {
      var data = window.cartographSearch;
      if (entries || !data) return entries;
      entries = [];
      data.apps.forEach(function (app) {
        var url = root + "apps/" + app[1] + "/index.html";
        entries.push({ title: app[0], url: url, kind: "app", hay: app[0].toLowerCase(), detail: app[2] });
        [[app[3], "component", "components"], [app[4], "env key", "environment-variables"],
          [app[5], "domain", "domains"], [app[6], "route", "routes"]].forEach(function (group) {
          group[0].forEach(function (term) {
            entries.push({ title: term, url: url + "#" + group[2], kind: group[1], hay: term.toLowerCase(), detail: app[0] });
          });
        });
      });
      data.pages.forEach(function (page) {
        var url = root + "pages/" + page[1] + "/index.html";
        entries.push({ title: page[0], url: url, kind: "page", hay: (page[0] + " \u0000 " + page[3]).toLowerCase(), detail: "" });
        page[2].forEach(function (heading) {
          entries.push({ title: heading[0], url: url + "#" + heading[1], kind: "heading", hay: heading[0].toLowerCase(), detail: page[0] });
        });
      });
      return entries;
    }

    function show(hits, message, total) {
      clear(panel);
      panel.hidden = false;
      if (message) panel.appendChild(element("p", "search-note", message));
      if (!hits.length) return;
      var list = element("ul");
      hits.forEach(function (hit) {
        var item = element("li");
        var link = element("a");
        link.href = hit.url;
        link.appendChild(element("span", "search-kind", hit.kind));
        link.appendChild(element("span", "search-title", hit.title));
        if (hit.detail) link.appendChild(element("span", "search-detail", hit.detail));
        item.appendChild(link);
        list.appendChild(item);
      });
      panel.appendChild(list);
      if (total > hits.length) panel.appendChild(element("p", "search-note", (total - hits.length) + " more: type more to narrow it down."));
    }

    function run() {
      var query = input.value.trim().toLowerCase();
      if (!query) { panel.hidden = true; return; }
      var all = prepare();
      if (!all) { show([], "Loading the search index…"); return; }
      var hits = [];
      for (var i = 0; i < all.length; i++) {
        var at = all[i].hay.indexOf(query);
        if (at < 0) continue;
        var closeness = all[i].hay === query ? 0 : at === 0 ? 1 : 2;
        hits.push({ rank: closeness * 10 + KIND_ORDER[all[i].kind], index: i });
      }
      hits.sort(function (a, b) { return a.rank - b.rank || a.index - b.index; });
      var shown = hits.slice(0, LIMIT).map(function (hit) { return all[hit.index]; });
      show(shown, hits.length ? "" : "Nothing found for “" + input.value.trim() + "”.", hits.length);
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load(); run(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { panel.hidden = true; }
      if (event.key === "ArrowDown") {
        var first = panel.querySelector("a");
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    panel.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(panel.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && at + 1 < links.length) { event.preventDefault(); links[at + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
      if (event.key === "Escape") { panel.hidden = true; input.focus(); }
    });
    form.addEventListener("submit", function (event) {
      var first = panel.hidden ? null : panel.querySelector("a");
      if (first) { event.preventDefault(); window.location.href = first.href; }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) panel.hidden = true;
    });
    // Typed into before this deferred script ran: catch up.
    if (document.activeElement === input || input.value) { load(); run(); }
  }

  function directory() {
    var table = document.getElementById("apps-table");
    var form = document.getElementById("app-filters");
    if (!table || !form) return;
    var text = document.getElementById("filter-text");
    var status = document.getElementById("filter-status");
    var region = document.getElementById("filter-region");
    var count = document.getElementById("filter-count");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tr.app-row"));
    var haystacks = rows.map(function (row) { return row.textContent.toLowerCase(); });
    var params = new URLSearchParams(window.location.search);
    text.value = params.get("q") || "";
    status.value = params.get("status") || "";
    region.value = params.get("region") || "";
    form.hidden = false;

    function apply() {
      var query = text.value.trim().toLowerCase();
      var statuses = status.value ? status.value.split(",") : null;
      var place = region.value;
      var shown = 0;
      rows.forEach(function (row, i) {
        var visible = (!query || haystacks[i].indexOf(query) >= 0)
          && (!statuses || statuses.indexOf(row.getAttribute("data-status")) >= 0)
          && (!place || row.getAttribute("data-region") === place);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        body.hidden = !body.querySelector("tr.app-row:not([hidden])");
      });
      count.textContent = shown === rows.length ? rows.length + " apps" : shown + " of " + rows.length + " apps";
    }

    function sortBy(header) {
      var column = header.cellIndex;
      var numeric = header.getAttribute("data-type") === "number";
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
        if (cell.hasAttribute("aria-sort")) cell.setAttribute("aria-sort", "none");
      });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      Array.prototype.forEach.call(table.tBodies, function (body) {
        var appRows = Array.prototype.slice.call(body.querySelectorAll("tr.app-row"));
        var subtotal = body.querySelector("tr.subtotal");
        appRows.sort(function (a, b) {
          var x = a.cells[column].getAttribute("data-sort") || "";
          var y = b.cells[column].getAttribute("data-sort") || "";
          var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        appRows.forEach(function (row) { body.insertBefore(row, subtotal); });
      });
    }

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
      if (!header.hasAttribute("data-type")) return;
      var button = element("button", "sort", header.textContent);
      button.type = "button";
      button.addEventListener("click", function () { sortBy(header); });
      clear(header);
      header.appendChild(button);
      header.setAttribute("aria-sort", "none");
    });
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  searchBox();
  directory();
}());

// The report's tables: sort by a header click, search all cells, filter a column by its values.
// The project's own few lines (no library, no network), so the page works from a shared drive or an e-mail.
"use strict";
(function () {
  function cellValue(row, col) {
    var cell = row.cells[col];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }
  function compare(a, b) {
    if (a === "" || b === "") return a === b ? 0 : (a === "" ? 1 : -1);  // blanks last, either way
    var x = Number(a), y = Number(b);
    if (!isNaN(x) && !isNaN(y)) return x - y;
    return a.localeCompare(b, undefined, {numeric: true, sensitivity: "base"});
  }
  function setUp(table) {
    var body = table.tBodies[0], heads = table.tHead.rows[0].cells;
    var rows = Array.prototype.slice.call(body.rows);
    var bar = document.createElement("div"), search = document.createElement("input"),
        count = document.createElement("span"), facets = [];
    bar.className = "toolbar";
    search.type = "search";
    search.placeholder = "search " + (table.getAttribute("data-name") || "this table");
    search.setAttribute("aria-label", search.placeholder);
    search.className = "search";
    bar.appendChild(search);
    function apply() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; }) && facets.every(function (f) {
          return f.select.value === "" || cellValue(row, f.col) === f.select.value;
        });
        row.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown + " of " + rows.length + " rows";
    }
    Array.prototype.forEach.call(heads, function (th, col) {
      if (th.hasAttribute("data-facet")) {
        var select = document.createElement("select"), all = document.createElement("option");
        select.setAttribute("aria-label", "filter " + th.textContent.trim());
        select.setAttribute("data-column", th.textContent.trim());
        all.value = "";
        all.textContent = th.textContent.trim() + ": all";
        select.appendChild(all);
        var seen = {};
        rows.forEach(function (row) { seen[cellValue(row, col)] = true; });
        Object.keys(seen).sort(compare).forEach(function (v) {
          var option = document.createElement("option");
          option.value = v;
          option.textContent = v === "" ? "(blank)" : v;
          select.appendChild(option);
        });
        select.addEventListener("change", apply);
        facets.push({col: col, select: select});
        bar.appendChild(select);
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      button.title = "sort by " + th.textContent.trim();
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var keyed = rows.map(function (row, i) { return [cellValue(row, col), i, row]; });
        keyed.sort(function (a, b) {
          var blank = (a[0] === "") - (b[0] === "");  // blanks last in either order
          if (blank) return blank;
          return (ascending ? compare(a[0], b[0]) : compare(b[0], a[0])) || a[1] - b[1];
        });
        keyed.forEach(function (k) { body.appendChild(k[2]); });
      });
    });
    count.className = "count";
    bar.appendChild(count);
    search.addEventListener("input", apply);
    table.parentNode.insertBefore(bar, table);
    apply();
  }
  function zoom(source, caption) {
    // The picture, and the cells drawn over it where it has them (a page; a crop has its outline in it).
    var dialog = document.getElementById("zoom");
    var sheet = dialog.querySelector(".sheet");
    sheet.querySelector("img").src = source.querySelector("img").src;
    var drawn = sheet.querySelector("svg");
    if (drawn) sheet.removeChild(drawn);
    var grid = source.querySelector("svg.grid");
    if (grid) sheet.appendChild(grid.cloneNode(true));
    dialog.querySelector("figcaption").textContent = caption;
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute("open", "");
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.grid"), setUp);
    document.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("[data-zoom]") : null;
      if (target) {
        event.preventDefault();
        zoom(target, target.getAttribute("data-zoom"));
      }
      var copy = event.target.closest ? event.target.closest("button.copy") : null;
      if (copy && navigator.clipboard) {
        navigator.clipboard.writeText(copy.previousElementSibling.textContent).then(function () {
          copy.textContent = "copied";
        }, function () { copy.textContent = "select and copy"; });
      }
    });
    var dialog = document.getElementById("zoom");
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog || event.target.classList.contains("close")) dialog.close();
    });
  });
})();

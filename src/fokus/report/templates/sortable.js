/* Sortable tables: an enhancement only, the report reads the same without it.
   Cells carry their raw value in data-sort (numbers, ISO dates); text cells sort on
   what they show. Empty values always sort last. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;

  function key(cell) {
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function compare(a, b, numeric) {
    if (a === "" || b === "") return a === b ? 0 : a === "" ? 1 : -1;
    if (numeric) return parseFloat(a) - parseFloat(b);
    return a.localeCompare(b, lang, { numeric: true, sensitivity: "base" });
  }

  function sortBy(table, th, index) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var numeric = th.classList.contains("num");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var a = r1.cells[index] ? key(r1.cells[index]) : "";
      var b = r2.cells[index] ? key(r2.cells[index]) : "";
      if (a === "" || b === "") return compare(a, b, numeric);
      var order = compare(a, b, numeric);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead || !table.tBodies.length || table.tBodies[0].rows.length < 2) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, index); });
    });
  });
})();

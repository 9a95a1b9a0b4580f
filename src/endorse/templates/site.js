(function () {
  "use strict";
  // The search box: each row's text is folded once (lower case, accents off, one apostrophe);
  // a query only toggles `hidden` on the rows and on the lists left empty, a short pause after
  // typing: no row is rebuilt.
  var box = document.getElementById("search-box");
  var input = document.getElementById("search");
  var status = document.getElementById("search-status");
  if (!box || !input || !String.prototype.normalize) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("li[data-row]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section[data-list]"));
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019\u02bc]/g, "'").toLowerCase();
  }
  var keys = rows.map(function (row) {
    return fold(row.textContent + " " + (row.getAttribute("data-also") || ""));
  });
  var owner = rows.map(function (row) { return sections.indexOf(row.closest("section")); });
  var khmer = box.getAttribute("data-digits") === "km";
  function digits(number) {
    var text = String(number);
    return khmer ? text.replace(/[0-9]/g, function (d) { return "០១២៣៤៥៦៧៨៩".charAt(+d); }) : text;
  }
  var last = "";
  var timer = 0;
  function apply() {
    var query = fold(input.value).trim();
    if (query === last) { return; }
    last = query;
    var words = query.split(/\s+/).filter(Boolean);
    var shown = 0;
    var seen = sections.map(function () { return 0; });
    for (var i = 0; i < rows.length; i++) {
      var key = keys[i];
      var hit = true;
      for (var w = 0; w < words.length && hit; w++) { hit = key.indexOf(words[w]) !== -1; }
      if (rows[i].hidden === hit) { rows[i].hidden = !hit; }
      if (hit) { shown++; if (owner[i] >= 0) { seen[owner[i]]++; } }
    }
    for (var s = 0; s < sections.length; s++) {
      var empty = seen[s] === 0;
      if (sections[s].hidden !== empty) { sections[s].hidden = empty; }
    }
    status.textContent = words.length
      ? box.getAttribute("data-shown")
          .replace("{shown}", digits(shown))
          .replace("{total}", digits(rows.length))
      : "";
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { clearTimeout(timer); apply(); }
  });
  box.hidden = false;
  if (input.value) { apply(); }
})();

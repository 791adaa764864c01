// Live character counter for half-year and annual summaries. Counts as progress.rules.count_chars does:
// every visible character counts one (Chinese characters, punctuation, letters, digits); whitespace and
// invisible format characters do not. The server checks again; this only helps while typing.
(function () {
  "use strict";
  var area = document.querySelector("textarea[data-count-chars]");
  var out = document.getElementById("char-count");
  if (!area || !out) return;
  var min = parseInt(area.dataset.min, 10);
  var max = parseInt(area.dataset.max, 10);
  var box = out.closest(".counter");
  function count(text) {
    var n = 0;
    for (var ch of text.normalize("NFC")) {
      if (/\s/u.test(ch) || /\p{Cf}/u.test(ch)) continue;
      n += 1;
    }
    return n;
  }
  function update() {
    var n = count(area.value);
    out.textContent = n;
    var bad = n < min || n > max;
    box.classList.toggle("bad", bad);
    box.classList.toggle("good", !bad);
  }
  area.addEventListener("input", update);
  update();
})();

// Keyboard shortcuts of the moderation desk (admin only; public pages carry no script).
// As in WordPress's comment screen: j/k move between comments, a approves, s marks as spam,
// d trashes, x ticks, Enter opens. An action applies to the ticked comments, or to the current
// one when none is ticked, through the same bulk form a mouse user submits.
(function () {
  "use strict";
  var form = document.getElementById("desk-bulk");
  if (!form) return;
  var rows = Array.prototype.slice.call(form.querySelectorAll("tr[data-comment]"));
  var help = document.getElementById("desk-keys");
  if (help) help.hidden = false;
  var current = -1;
  var ACTIONS = { a: "approve", s: "spam", d: "trash" };

  function focusRow(index) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("desk-current", i === current); });
    rows[current].scrollIntoView({ block: "nearest" });
    rows[current].querySelector("a").focus({ preventScroll: true });
  }

  function apply(action) {
    var ticked = form.querySelectorAll('input[name="ids"]:checked');
    if (!ticked.length) {
      if (current < 0) return;
      rows[current].querySelector('input[name="ids"]').checked = true;
    }
    form.querySelector("#bulk-action").value = action;
    form.submit();
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.matches("input[type=text], input[type=search], input[type=email], textarea, select")) return;
    var key = event.key.toLowerCase();
    if (key === "j") { focusRow(current + 1); event.preventDefault(); }
    else if (key === "k") { focusRow(current - 1); event.preventDefault(); }
    else if (key === "x" && current >= 0) {
      var box = rows[current].querySelector('input[name="ids"]');
      box.checked = !box.checked;
      event.preventDefault();
    } else if (ACTIONS[key]) { apply(ACTIONS[key]); event.preventDefault(); }
  });
})();

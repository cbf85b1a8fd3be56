// Chronology pages: "select all" boxes and confirmations before destructive buttons.
document.addEventListener("click", function (event) {
  var target = event.target;
  if (!(target instanceof Element)) return;
  var all = target.closest("[data-select-all]");
  if (all) {
    var name = all.getAttribute("data-select-all");
    document.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      box.checked = all.checked;
    });
    return;
  }
  var ask = target.closest("[data-confirm]");
  if (ask && !window.confirm(ask.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});

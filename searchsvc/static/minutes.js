// Progressive enhancement for Minutes pages (no inline script anywhere: the CSP forbids it).
// "Copy quote" buttons are hidden until this runs; without script, the "Quote with citation" link
// opens /cite/<paragraph id>, where the same text can be selected by hand.
(function () {
  "use strict";
  function statusFor(button) {
    var box = button.closest(".cite, .cite-page");
    return box ? box.querySelector(".cite-status") : null;
  }
  function say(button, text) {
    var status = statusFor(button);
    if (status) { status.textContent = text; }
  }
  function copy(button) {
    var text = button.getAttribute("data-cite") || "";
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        say(button, "Copied to the clipboard.");
      }, function () {
        say(button, "Could not copy: use the “Quote with citation” link and copy by hand.");
      });
    } else {
      say(button, "Your browser cannot copy from here: use the “Quote with citation” link.");
    }
  }
  function init() {
    if (!(navigator.clipboard && navigator.clipboard.writeText)) { return; }
    var buttons = document.querySelectorAll("button.cite-copy");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (event) { copy(event.currentTarget); });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

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
  // Quote part of a paragraph: select words in it and its "Copy the selected words" buttons appear.
  // quoteInner does what searchsvc.citation.quote_inner does (keep the two alike).
  function quoteInner(text) {
    var t = text.replace(/\s+/g, " ").trim();
    if (t.length >= 2 && "“\"".indexOf(t.charAt(0)) >= 0 && "”\"".indexOf(t.charAt(t.length - 1)) >= 0) {
      t = t.slice(1, -1).trim();
    }
    var out = "";
    for (var k = 0; k < t.length; k++) {
      var ch = t.charAt(k);
      if (ch === "“") { ch = "‘"; }
      else if (ch === "”") { ch = "’"; }
      else if (ch === "\"") {
        var prev = k ? t.charAt(k - 1) : "";
        ch = (!prev || /\s/.test(prev) || "([{—–-".indexOf(prev) >= 0) ? "‘" : "’";
      }
      out += ch;
    }
    return out;
  }
  function mdEscape(text) {
    return text.replace(/\s+/g, " ").trim().replace(/([\\`*_{}\[\]<>()#+!|~])/g, "\\$1");
  }
  var selected = {para: null, text: ""};
  function showSelectionButtons(para) {
    var all = document.querySelectorAll("button.cite-selection");
    for (var i = 0; i < all.length; i++) { all[i].hidden = !para || all[i].closest(".para") !== para; }
  }
  function onSelectionChange() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) {
      var active = document.activeElement;
      if (!(active && active.classList && active.classList.contains("cite-selection"))) {
        selected = {para: null, text: ""};
        showSelectionButtons(null);
      }
      return;
    }
    var node = sel.getRangeAt(0).commonAncestorContainer;
    var el = node.nodeType === 1 ? node : node.parentElement;
    var textBox = el && el.closest ? el.closest(".para p.text") : null;
    var words = sel.toString().replace(/\s+/g, " ").trim();
    if (!textBox || !words) {
      selected = {para: null, text: ""};
      showSelectionButtons(null);
      return;
    }
    selected = {para: textBox.closest(".para"), text: words};
    showSelectionButtons(selected.para);
  }
  function copySelection(button) {
    if (!selected.text) { return; }
    var tail = button.getAttribute("data-tail") || "";
    var text = button.hasAttribute("data-markdown")
      ? "> " + mdEscape(selected.text) + "\n>\n" + tail
      : "“" + quoteInner(selected.text) + "”\n" + tail;
    navigator.clipboard.writeText(text).then(function () {
      say(button, "Copied the selected words with their citation.");
    }, function () {
      say(button, "Could not copy: use the “Quote with citation” link and copy by hand.");
    });
  }
  function initSelection() {
    if (!(navigator.clipboard && navigator.clipboard.writeText)) { return; }
    var buttons = document.querySelectorAll("button.cite-selection");
    if (!buttons.length) { return; }
    for (var i = 0; i < buttons.length; i++) {
      // Pressing the button must not move the selection it is about to copy.
      buttons[i].addEventListener("mousedown", function (event) { event.preventDefault(); });
      buttons[i].addEventListener("click", function (event) { copySelection(event.currentTarget); });
    }
    document.addEventListener("selectionchange", onSelectionChange);
  }
  // Sort and the checkboxes of the search form apply at once; without script the Search button does it.
  function applyOnChange() {
    var controls = document.querySelectorAll("form.search [data-apply-on-change]");
    for (var i = 0; i < controls.length; i++) {
      controls[i].addEventListener("change", function (event) {
        var form = event.currentTarget.form;
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      });
    }
  }
  // A browser too old for ::details-content would hide the facets behind "Filter" on a wide screen too.
  function openFiltersWhenWide() {
    var filters = document.querySelector("details.filters");
    if (filters && !filters.open && window.matchMedia("(min-width: 721px)").matches &&
        !(window.CSS && CSS.supports && CSS.supports("selector(::details-content)"))) {
      filters.open = true;
    }
  }
  function start() {
    init();
    initSelection();
    applyOnChange();
    openFiltersWhenWide();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

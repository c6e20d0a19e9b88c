// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.classList.contains("js-autosubmit")) {
    target.form.submit();
  }
});

// A button with data-append-code="CODE" data-append-to="FIELD-ID" adds CODE to that text field
// (one code per line, never twice): the unit search of the restructuring wizard.
document.addEventListener("click", function (event) {
  var button = event.target instanceof Element ? event.target.closest("[data-append-code]") : null;
  if (!button) {
    return;
  }
  var field = document.getElementById(button.getAttribute("data-append-to"));
  if (!field) {
    return;
  }
  var code = button.getAttribute("data-append-code");
  var codes = field.value.split(/[\s,;]+/).filter(Boolean);
  if (codes.indexOf(code) === -1) {
    codes.push(code);
  }
  field.value = codes.join("\n");
  button.textContent = button.getAttribute("data-done-label") || button.textContent;
  field.focus();
});

// A button with data-set-code="CODE" data-set-to="FIELD-ID" puts CODE in that one-code field:
// the results of the unit picker (core/widgets/unit_picker.html, core.forms.UnitCodeField).
document.addEventListener("click", function (event) {
  var button = event.target instanceof Element ? event.target.closest("[data-set-code]") : null;
  if (!button) {
    return;
  }
  var field = document.getElementById(button.getAttribute("data-set-to"));
  if (!field) {
    return;
  }
  field.value = button.getAttribute("data-set-code");
  field.dispatchEvent(new Event("change", { bubbles: true }));
  var list = button.closest("ul");
  if (list) {
    list.querySelectorAll("[data-set-code]").forEach(function (other) {
      other.removeAttribute("aria-pressed");
    });
  }
  button.setAttribute("aria-pressed", "true");
  field.focus();
});

// Enter in a unit search box searches; it does not send the form the box sits in.
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (event.key === "Enter" && target instanceof Element && target.hasAttribute("data-unit-search")) {
    event.preventDefault();
  }
});

// A wide table scrolls inside its focusable .table-wrap (tabindex="0" in the template, so the
// keyboard can scroll it); name that region after the table's caption for screen readers.
function labelTableRegions(root) {
  root.querySelectorAll(".table-wrap[tabindex]:not([aria-label]):not([aria-labelledby])").forEach(function (wrap) {
    var caption = wrap.querySelector("caption");
    var text = caption ? caption.textContent.trim() : "";
    if (text) {
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", text);
    }
  });
}
document.addEventListener("DOMContentLoaded", function () {
  labelTableRegions(document);
});
document.addEventListener("htmx:afterSwap", function (event) {
  if (event.target instanceof Element) {
    labelTableRegions(event.target);
  }
});

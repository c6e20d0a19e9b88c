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

// In the room; every page works without JavaScript, this only helps.
(function () {
  "use strict";

  // The meeting screen: on a network error keep the last state, say so, and keep polling
  // (htmx polls again every 3 s whatever happened to the previous request).
  function offline(show) {
    var banner = document.getElementById("screen-offline");
    if (banner) {
      banner.hidden = !show;
    }
  }
  document.addEventListener("htmx:sendError", function () { offline(true); });
  document.addEventListener("htmx:responseError", function () { offline(true); });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail && event.detail.successful) {
      offline(false);
    }
  });

  // A voting card's QR code points to /voting/p/#CODE: the code stays out of the server logs.
  document.addEventListener("DOMContentLoaded", function () {
    var field = document.getElementById("pass-code");
    if (field && window.location.hash.length > 1) {
      field.value = decodeURIComponent(window.location.hash.slice(1));
      window.history.replaceState(null, "", window.location.pathname);
    }
  });

  // choose-k: at most k boxes; a ticked box does not also send its hidden blank, so the form
  // sends one field per candidate whatever the marks.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") {
      return;
    }
    var form = box.closest(".vote-form");
    if (!form) {
      return;
    }
    var limit = parseInt(form.getAttribute("data-limit"), 10) || 0;
    var boxes = form.querySelectorAll("input[type=checkbox]");
    var ticked = form.querySelectorAll("input[type=checkbox]:checked").length;
    boxes.forEach(function (other) {
      other.disabled = !other.checked && limit > 0 && ticked >= limit;
    });
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("vote-form")) {
      return;
    }
    form.querySelectorAll("input[type=checkbox][data-blank]").forEach(function (box) {
      var blank = form.querySelector("." + box.getAttribute("data-blank"));
      if (blank) {
        blank.disabled = box.checked;
      }
    });
  });

  // The printable cards: a button that prints.
  document.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest(".js-print")) {
      window.print();
    }
  });
})();

/* The caseload list: "select all on this page" ticks or clears every person checkbox of
 * its form. Delegated from the document, so it keeps working after htmx swaps the table. */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll || !box.form) {
      return;
    }
    var selector = 'input[type="checkbox"][name="' + box.dataset.selectAll + '"]';
    box.form.querySelectorAll(selector).forEach(function (each) {
      each.checked = box.checked;
    });
  });
})();

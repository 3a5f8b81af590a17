/* Renders every chart of a reporting page: <div class="rp-chart" data-spec="JSON"> carries
   its Vega-Lite spec as data (an attribute, not a script: the strict CSP holds and htmx,
   which drops script elements from swapped content, keeps it). Vega runs with its
   CSP-safe expression interpreter and without injected styles. Charts in htmx-swapped
   regions are drawn after each swap. */
(function () {
  "use strict";

  function draw(root) {
    if (!window.vegaEmbed || !window.vegaExpressionInterpreter) return;
    root.querySelectorAll(".rp-chart[data-spec]").forEach(function (el) {
      if (el.dataset.drawn) return;
      el.dataset.drawn = "1";
      window.vegaEmbed(el, JSON.parse(el.dataset.spec), {
        actions: false,
        renderer: "svg",
        ast: true,
        expr: window.vegaExpressionInterpreter,
        defaultStyle: false,
        tooltip: false,
      }).then(function (result) {
        // The table beneath carries the figures; the drawing is hidden from screen readers.
        var svg = result.view.container().querySelector("svg");
        if (svg) svg.setAttribute("aria-hidden", "true");
      }).catch(function () {
        el.dataset.drawn = "";
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();

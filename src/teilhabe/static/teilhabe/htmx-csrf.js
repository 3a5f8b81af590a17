/* Sends Django's CSRF token with every htmx request.
 *
 * The token comes from <meta name="csrf-token"> in base.html rather than from the cookie,
 * because the cookie is named differently in production (__Host-csrftoken).
 */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) {
      event.detail.headers["X-CSRFToken"] = token;
    }
  });
})();

/* Session timeout warning (WCAG 2.2.1 Timing Adjustable).
 *
 * The server ends a session after `data-session-idle` seconds without a request. Shortly
 * before that (5 minutes; half the time for idle limits under 10 minutes) this script opens
 * the <dialog id="session-timeout"> from base.html. "Extend session" POSTs to
 * `data-session-extend-url`, which renews the session; "Sign out" is a plain logout form.
 * When the time has run out, the browser goes to the login page.
 *
 * Only requests to the server count as activity, because only they renew the session:
 * the page load, every htmx request and the extension. Open tabs tell each other about
 * their requests through a BroadcastChannel, so an idle tab does not warn while another is used.
 * All texts come translated from the dialog's markup and data attributes.
 */
(function () {
  "use strict";

  var body = document.body;
  var dialog = document.getElementById("session-timeout");
  var idleSeconds = parseInt(body.getAttribute("data-session-idle"), 10);
  if (!dialog || typeof dialog.showModal !== "function" || !(idleSeconds > 0)) {
    return;
  }

  var extendUrl = body.getAttribute("data-session-extend-url");
  var loginUrl = body.getAttribute("data-login-url");
  var warnSeconds = idleSeconds < 600 ? idleSeconds / 2 : 300;
  var message = document.getElementById("session-timeout-text");
  var extendButton = dialog.querySelector("[data-session-extend]");
  var lastActivity = Date.now();
  var shownMinutes = null;
  var expired = false;
  var channel = null;

  try {
    channel = new BroadcastChannel("teilhabe-session");
    channel.onmessage = function (event) {
      if (typeof event.data === "number" && event.data > lastActivity) {
        lastActivity = event.data;
        tick();
      }
    };
  } catch (error) {
    channel = null;
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function markActivity() {
    lastActivity = Date.now();
    if (channel) {
      channel.postMessage(lastActivity);
    }
    tick();
  }

  function text(remainingMs) {
    if (remainingMs < 60000) {
      return dialog.getAttribute("data-text-less");
    }
    var minutes = Math.ceil(remainingMs / 60000);
    if (minutes === 1) {
      return dialog.getAttribute("data-text-one");
    }
    return dialog.getAttribute("data-text-other").replace("__N__", String(minutes));
  }

  function showWarning(remainingMs) {
    // Rewrite the text only when it changes, so screen readers do not repeat it every second.
    var minutes = remainingMs < 60000 ? 0 : Math.ceil(remainingMs / 60000);
    if (minutes !== shownMinutes) {
      shownMinutes = minutes;
      message.textContent = text(remainingMs);
    }
    if (!dialog.open) {
      dialog.showModal();
      if (extendButton) {
        extendButton.focus();
      }
    }
  }

  function hideWarning() {
    shownMinutes = null;
    if (dialog.open) {
      dialog.close();
    }
  }

  function expire() {
    expired = true;
    // Only the path: query strings can hold search terms such as names.
    window.location.assign(
      loginUrl + "?abgelaufen=1&next=" + encodeURIComponent(window.location.pathname)
    );
  }

  function tick() {
    if (expired) {
      return;
    }
    var remainingMs = idleSeconds * 1000 - (Date.now() - lastActivity);
    if (remainingMs <= 0) {
      expire();
    } else if (remainingMs <= warnSeconds * 1000) {
      showWarning(remainingMs);
    } else {
      hideWarning();
    }
  }

  function extend() {
    if (extendButton) {
      extendButton.disabled = true;
    }
    fetch(extendUrl, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") === -1) {
          throw new Error("extend failed");
        }
        markActivity();
      })
      .catch(function () {
        message.textContent = dialog.getAttribute("data-text-failed");
        window.setTimeout(expire, 3000);
      })
      .then(function () {
        if (extendButton) {
          extendButton.disabled = false;
        }
      });
  }

  if (extendButton) {
    extendButton.addEventListener("click", extend);
  }
  // Escape would close the dialog without extending, and it would reopen a second later:
  // pressing it shows the user is present, so it extends the session.
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    extend();
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status > 0) {
      markActivity();
    }
  });

  markActivity();
  window.setInterval(tick, 1000);
})();

// budgetd: small improvements on top of pages that work without script.
(function () {
  "use strict";

  // A form shown again after a failed post names its page's address (link rel=canonical): put it
  // in the address bar, so that reloading shows the page instead of posting the form again.
  var canonical = document.querySelector('link[rel="canonical"]');
  if (canonical && window.history && history.replaceState) {
    history.replaceState(null, "", canonical.getAttribute("href"));
  }

  // A signed-in person without a time zone: send the browser's, once; pages write times in it from then on.
  if (document.body.hasAttribute("data-ask-zone") && window.fetch && window.Intl) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var csrf = document.querySelector('form[action="/logout"] input[name="csrf"]');
    if (zone && csrf) {
      fetch("/account/time-zone", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrf: csrf.value, timeZone: zone }).toString()
      });
    }
  }

  // Show only the services of the chosen connection, none before one is chosen (without script
  // every connection's services show, each under its connection's name).
  var connection = document.getElementById("cspConnectionId");
  var groups = document.querySelectorAll(".service-group");
  var chooseFirst = document.getElementById("services-choose-first");
  function showServices() {
    groups.forEach(function (group) {
      group.hidden = group.getAttribute("data-connection") !== connection.value;
    });
    if (chooseFirst) { chooseFirst.hidden = !!connection.value; }
  }
  if (connection && groups.length) {
    connection.addEventListener("change", showServices);
    showServices();
  }

  // "Add a threshold" copies the last row, empty, with fresh ids and labels.
  var add = document.getElementById("add-rule");
  var rows = document.querySelector(".rule-rows");
  if (add && rows) {
    add.hidden = false;
    add.addEventListener("click", function () {
      var all = rows.querySelectorAll(".rule-row");
      var last = all[all.length - 1];
      var index = all.length;
      var copy = last.cloneNode(true);
      copy.id = "rule-" + index;
      copy.classList.remove("has-error");
      copy.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
      copy.querySelectorAll(".has-error").forEach(function (e) { e.classList.remove("has-error"); });
      copy.querySelectorAll("input, select").forEach(function (input) {
        var part = input.id.split("-").pop();
        input.id = "rule-" + index + "-" + part;
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
        if (input.tagName === "INPUT") { input.value = ""; }
      });
      copy.querySelectorAll("label").forEach(function (label) {
        var part = label.getAttribute("for").split("-").pop();
        label.setAttribute("for", "rule-" + index + "-" + part);
        label.textContent = label.textContent.replace(/Threshold \d+/, "Threshold " + (index + 1));
      });
      rows.appendChild(copy);
      copy.querySelector("input").focus();
    });
  }

  // Move focus to the error summary so screen readers announce it.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();

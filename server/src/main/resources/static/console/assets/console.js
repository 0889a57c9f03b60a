// Tongbao console behaviour. No inline scripts: the Content-Security-Policy allows only files like this one.
(function () {
  "use strict";

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : null;
  }

  // htmx requests carry the CSRF token the page was rendered with
  document.addEventListener("htmx:configRequest", function (event) {
    var header = meta("csrf-header");
    var token = meta("csrf-token");
    if (header && token) {
      event.detail.headers[header] = token;
    }
  });

  document.addEventListener("click", function (event) {
    // copy buttons: data-copy holds the text
    var copy = event.target.closest("[data-copy]");
    if (copy && navigator.clipboard) {
      navigator.clipboard.writeText(copy.getAttribute("data-copy"));
      copy.classList.add("text-success");
    }
  });

  // forms that move money or cannot be undone ask first, repeating what they will do (data-confirm)
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // charts: a container with data-chart holding an ECharts option as JSON
  function drawCharts(root) {
    if (!window.echarts) {
      return;
    }
    root.querySelectorAll("[data-chart]").forEach(function (element) {
      var chart = window.echarts.getInstanceByDom(element) || window.echarts.init(element);
      chart.setOption(JSON.parse(element.getAttribute("data-chart")));
    });
  }
  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  document.addEventListener("htmx:afterSwap", function (event) { drawCharts(event.target); });

  // --- webhooks, call log, ledger
  // "resend selected": the confirmation repeats how many are selected ({0} in data-confirm-selected); it runs in the
  // capture phase, before the data-confirm question above reads the attribute
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var template = form.getAttribute("data-confirm-selected");
    if (!template) {
      return;
    }
    var count = form.querySelectorAll('input[name="ids"]:checked').length;
    if (count === 0) {
      form.removeAttribute("data-confirm");
    } else {
      form.setAttribute("data-confirm", template.replace("{0}", String(count)));
    }
  }, true);

  // a header checkbox data-check-all="name" checks or clears every checkbox of that name in its form
  document.addEventListener("change", function (event) {
    var all = event.target.closest("[data-check-all]");
    if (!all || !all.form) {
      return;
    }
    all.form.querySelectorAll('input[type="checkbox"][name="' + all.getAttribute("data-check-all") + '"]')
      .forEach(function (box) { box.checked = all.checked; });
  });

  // pay test: the buyer fields a pay way needs show only when that way is chosen ([data-for-ways] on the field)
  function showPayWayFields(root) {
    var select = root.querySelector("select[data-pay-way]");
    if (!select) {
      return;
    }
    root.querySelectorAll("[data-for-ways]").forEach(function (field) {
      var ways = field.getAttribute("data-for-ways").split(" ");
      field.classList.toggle("pay-way-hidden", ways.indexOf(select.value) < 0);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { showPayWayFields(document); });
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-pay-way]")) {
      showPayWayFields(document);
    }
  });
})();

// --- payments, refunds, exceptions, approvals
// a refund's confirmation repeats the amount typed: data-confirm-template holds "{amount}", data-confirm-amount names
// the field; set before the confirmation above reads data-confirm (capture runs first)
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var template = form.getAttribute("data-confirm-template");
    var field = form.getAttribute("data-confirm-amount");
    if (template && field && form.elements[field]) {
      form.setAttribute("data-confirm", template.replace("{amount}", form.elements[field].value.trim()));
    }
  }, true);
})();

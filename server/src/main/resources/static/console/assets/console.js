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

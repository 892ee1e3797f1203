/* fokus: draws each chart of the page from its spec with vega-embed.
 * Specs and locales are JSON data blocks, never code. With `ast: true` Vega keeps
 * each expression's syntax tree and vega-embed evaluates it with the expression
 * interpreter it bundles, instead of compiling it with `new Function`: the page's
 * policy needs no 'unsafe-eval' (the browser test fails if anything evaluates). */
(function () {
  "use strict";
  function data(id) {
    var node = document.getElementById(id);
    return node === null ? null : JSON.parse(node.textContent);
  }
  var locale = data("fokus-chart-locale") || {};
  var views = document.querySelectorAll("[data-fokus-chart]");
  Array.prototype.forEach.call(views, function (view) {
    var spec = data(view.getAttribute("data-fokus-chart"));
    if (spec === null) {
      return;
    }
    window.vegaEmbed(view, spec, {
      actions: false,
      renderer: "svg",
      ast: true,
      defaultStyle: false,
      tooltip: { disableDefaultStyle: true },
      formatLocale: locale.format,
      timeFormatLocale: locale.time
    }).then(function () {
      view.setAttribute("data-rendered", "true");
    }).catch(function (error) {
      view.setAttribute("data-rendered", "failed");
      console.error(error);
    });
  });
})();

// Lists the service's operations from its own OpenAPI document, as text (no markup from the document runs).
(function () {
  "use strict";
  var root = document.getElementById("ops");
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  fetch("openapi.json").then(function (r) { return r.json(); }).then(function (doc) {
    Object.keys(doc.paths || {}).sort().forEach(function (path) {
      var item = doc.paths[path];
      Object.keys(item).forEach(function (method) {
        var op = item[method];
        var box = el("section", "op");
        var head = el("h2");
        head.appendChild(el("span", "method", method.toUpperCase()));
        head.appendChild(el("code", null, path));
        box.appendChild(head);
        if (op.summary) box.appendChild(el("p", null, op.summary));
        if (op.description) box.appendChild(el("p", null, op.description));
        if (op.requestBody) box.appendChild(el("pre", null, JSON.stringify(op.requestBody, null, 2)));
        root.appendChild(box);
      });
    });
  }).catch(function (e) { root.textContent = "openapi.json could not be read: " + e; });
})();

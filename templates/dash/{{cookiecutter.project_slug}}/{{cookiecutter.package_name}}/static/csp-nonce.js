// Gives this page's Content-Security-Policy nonce to every <style> element created from now on.
//
// Dash's component bundles add their CSS as <style> elements at run time, and webpack compiled
// out the hook that would let them carry a nonce. Loaded (with the nonce) before the bundles,
// this lets the policy allow those styles and no other inline style: no 'unsafe-inline'.
(function () {
  "use strict";
  var script = document.currentScript;
  var nonce = script && script.nonce;
  if (!nonce) {
    return;
  }
  var createElement = document.createElement;
  document.createElement = function (tagName, options) {
    var element = createElement.call(document, tagName, options);
    if (String(tagName).toLowerCase() === "style") {
      element.setAttribute("nonce", nonce);
    }
    return element;
  };
})();

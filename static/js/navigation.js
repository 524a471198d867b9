// The service navigation's "Menu" button (GOV.UK service navigation pattern).
//
// Progressive enhancement: the page is sent with the links showing and the button
// hidden, so without JavaScript every link is there. On narrow screens this script
// shows the button and folds the links away behind it; from tablet width up the
// links show and the button hides again.
(function () {
  "use strict";

  var toggle = document.querySelector(".hub-js-navigation-toggle");
  if (!toggle) {
    return;
  }
  var list = document.getElementById(toggle.getAttribute("aria-controls"));
  if (!list || !window.matchMedia) {
    return;
  }
  // The same breakpoint as GOV.UK Frontend's "tablet" (40.0625em = 641px).
  var wide = window.matchMedia("(min-width: 40.0625em)");
  var open = false;

  function render() {
    if (wide.matches) {
      toggle.hidden = true;
      list.hidden = false;
      toggle.removeAttribute("aria-expanded");
    } else {
      toggle.hidden = false;
      list.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
  }

  toggle.addEventListener("click", function () {
    open = !open;
    render();
  });
  if (wide.addEventListener) {
    wide.addEventListener("change", render);
  } else if (wide.addListener) {
    wide.addListener(render);
  }
  render();
})();

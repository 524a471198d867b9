// The service navigation's "Menu" button (GOV.UK service navigation pattern).
//
// Without JavaScript, narrow screens show a "Menu" link to #hub-menu, and CSS shows
// the links while the navigation is the :target. This script swaps that link for the
// toggle button, which opens and closes the list in place (aria-expanded) and adds
// nothing to the browser's history. From tablet width up CSS shows every link and
// hides both controls, so no layout depends on this script having run.
(function () {
  "use strict";

  var toggle = document.querySelector(".hub-js-navigation-toggle");
  var navigation = document.getElementById("hub-menu");
  var link = navigation && navigation.querySelector(".hub-navigation__menu-link");
  if (!toggle || !navigation || !link) {
    return;
  }
  var open = window.location.hash === "#hub-menu";

  function render() {
    navigation.classList.toggle("hub-navigation--open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  link.hidden = true;
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    open = !open;
    render();
  });
  render();
})();

// "Print this page" buttons. They are hidden in the HTML and shown here, so a reader
// without JavaScript never sees a button that does nothing (they use the browser's own
// Print command, which the page also tells them about).
(function () {
  "use strict";
  if (typeof window.print !== "function") {
    return;
  }
  var buttons = document.querySelectorAll(".hub-print-button");
  for (var i = 0; i < buttons.length; i += 1) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () {
      window.print();
    });
  }
})();

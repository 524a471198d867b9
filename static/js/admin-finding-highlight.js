/*
 * Anonymisation findings in the page editor: take the editor to the text a finding is
 * about, and show it.
 *
 * A finding's link (learning/publishing_guard/editor_links.py) is the edit URL with
 * ?finding_field=<field name>&finding_text=<text>#<the field's panel>. On the edit page
 * this script, when those parameters are there or such a link on the same page is
 * clicked:
 *   1. finds the field (the element the fragment names, else the field's
 *      [data-contentpath]), waiting for it and for the text to appear, because Wagtail
 *      draws StreamField blocks and rich text editors after the page has loaded;
 *   2. opens the tab and any collapsed panels or blocks holding it;
 *   3. in a text input or textarea, selects the text and focuses the field, so typing
 *      replaces it; in rich text or other drawn text, marks it with the CSS Custom
 *      Highlight API (styled by ::highlight(hub-finding) in
 *      static/css/admin-finding-highlight.css), scrolls it into view and moves focus to
 *      the field (selecting the text too, where the field is editable);
 *   4. says politely, for screen readers, what is highlighted.
 * Without JavaScript the link still lands on the field's panel.
 *
 * A link followed on the same page is handled here rather than by reloading the page, so
 * nothing typed since the last save is lost.
 */
(() => {
  "use strict";

  const FIELD_PARAMETER = "finding_field";
  const TEXT_PARAMETER = "finding_text";
  const HIGHLIGHT_NAME = "hub-finding";
  const WAIT_MS = 8000;
  // Text here describes the field rather than being its content; the help text now
  // repeats the finding's text, so it must never be what is highlighted.
  const NOT_CONTENT =
    "[data-field-help], [data-field-errors], label, legend, button, .w-field__label, " +
    ".w-panel__header, script, template, style";
  const TEXT_INPUT_TYPES = new Set(["text", "search", "url", "tel", "password", "email", ""]);

  let announcer = null;

  function findingFrom(url) {
    const field = url.searchParams.get(FIELD_PARAMETER);
    const text = url.searchParams.get(TEXT_PARAMETER);
    if (!field || !text) return null;
    return { field, text, anchor: decodeURIComponent(url.hash.slice(1)) };
  }

  function fieldContainer(finding) {
    const path = `[data-contentpath="${CSS.escape(finding.field)}"]`;
    const panel = finding.anchor ? document.getElementById(finding.anchor) : null;
    if (panel) {
      // The panel the fragment names, narrowed to the field itself when it holds it.
      return panel.querySelector(path) || panel;
    }
    return document.querySelector(`form ${path}`);
  }

  // A pattern for the finding's text in which any run of white space matches any other:
  // rich text and the scanned text need not break lines in the same places.
  function textPattern(text) {
    const words = text.trim().split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(words.join("\\s+"), "i");
  }

  function isTextControl(element) {
    if (element instanceof HTMLTextAreaElement) return true;
    return element instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(element.type);
  }

  function findInControls(container, pattern) {
    const controls = container.matches("input, textarea")
      ? [container]
      : Array.from(container.querySelectorAll("input, textarea"));
    for (const control of controls) {
      if (!isTextControl(control) || getComputedStyle(control).display === "none") continue;
      const match = pattern.exec(control.value);
      if (match) return { control, start: match.index, end: match.index + match[0].length };
    }
    return null;
  }

  // A DOM Range over the first place the text occurs in the drawn content, even when it
  // is split across several text nodes (a bold word inside a name).
  function findInText(container, pattern) {
    const nodes = [];
    let joined = "";
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        const parent = node.parentElement;
        if (!parent || parent.closest(NOT_CONTENT)) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    while (walker.nextNode()) {
      nodes.push({ node: walker.currentNode, start: joined.length });
      joined += walker.currentNode.data;
    }
    const match = pattern.exec(joined);
    if (!match) return null;
    const end = match.index + match[0].length;
    const locate = (offset, isEnd) => {
      for (let i = nodes.length - 1; i >= 0; i -= 1) {
        const item = nodes[i];
        if (offset > item.start || (!isEnd && offset === item.start)) {
          return [item.node, offset - item.start];
        }
      }
      return [nodes[0].node, 0];
    };
    const range = document.createRange();
    range.setStart(...locate(match.index, false));
    range.setEnd(...locate(end, true));
    return range;
  }

  // Tabs, collapsed panels and collapsed StreamField blocks around the element.
  function reveal(element) {
    const tabPanel = element.closest('[role="tabpanel"]');
    if (tabPanel && tabPanel.hidden) {
      const tab = document.querySelector(
        `[role="tab"][aria-controls="${CSS.escape(tabPanel.id)}"], [role="tab"][href="#${CSS.escape(tabPanel.id)}"]`,
      );
      if (tab) tab.click();
    }
    for (let node = element.parentElement; node; node = node.parentElement) {
      if (node.id && node.hasAttribute("hidden") && node !== tabPanel) {
        const toggle = document.querySelector(`[aria-controls="${CSS.escape(node.id)}"][aria-expanded="false"]`);
        if (toggle) toggle.click();
      }
    }
  }

  function announce(message) {
    if (!announcer) {
      announcer = document.createElement("div");
      announcer.className = "w-sr-only";
      announcer.setAttribute("aria-live", "polite");
      announcer.setAttribute("data-finding-announcer", "");
      document.body.append(announcer);
    }
    // Emptied first, so the same message said twice is announced twice.
    announcer.textContent = "";
    window.setTimeout(() => {
      announcer.textContent = message;
    }, 100);
  }

  function labelFor(container) {
    const wrapper = container.closest("[data-field-wrapper], [data-panel]") || container;
    const label = wrapper.querySelector("label, [data-panel-heading]");
    return label ? label.textContent.replace(/\s+/g, " ").replace(/\*$/, "").trim() : "";
  }

  function showInControl(found, finding, container) {
    reveal(found.control);
    found.control.focus({ preventScroll: true });
    found.control.setSelectionRange(found.start, found.end);
    found.control.scrollIntoView({ block: "center" });
    markDone(container, finding, "selected");
  }

  function showInText(range, finding, container) {
    reveal(range.startContainer.parentElement);
    if (window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set(HIGHLIGHT_NAME, new Highlight(range));
    }
    const editable = range.startContainer.parentElement.closest('[contenteditable="true"]');
    if (editable) {
      // Focus, then select the text, so a keyboard user can type over it at once.
      editable.focus({ preventScroll: true });
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range.cloneRange());
    } else {
      const focusable = container.querySelector("input:not([type=hidden]), textarea, select, [tabindex]");
      if (focusable) focusable.focus({ preventScroll: true });
    }
    range.startContainer.parentElement.scrollIntoView({ block: "center" });
    markDone(container, finding, "highlighted");
  }

  function markDone(container, finding, how) {
    document.documentElement.dataset.findingShown = how;
    const where = labelFor(container);
    announce(`“${finding.text}” is ${how}${where ? ` in ${where}` : ""}.`);
  }

  // Wagtail draws StreamField blocks and Draftail editors after the page has loaded, and
  // React may redraw an editor once more as it settles, replacing the nodes a highlight
  // or focus was on. So the text is looked for only once the page has been still for a
  // moment, and looked for again if what was shown has since been replaced.
  const SETTLE_MS = 300;
  const MAX_REDRAWS = 3;
  let waiting = { observer: null, settle: null, deadline: null };

  function stopWaiting() {
    if (waiting.observer) waiting.observer.disconnect();
    window.clearTimeout(waiting.settle);
    window.clearTimeout(waiting.deadline);
    waiting = { observer: null, settle: null, deadline: null };
  }

  // Returns the node the text was shown in, or null when it is not (yet) there.
  function attempt(finding, pattern) {
    const container = fieldContainer(finding);
    if (!container) return null;
    const inControl = findInControls(container, pattern);
    if (inControl) {
      showInControl(inControl, finding, container);
      return inControl.control;
    }
    const range = findInText(container, pattern);
    if (range) {
      showInText(range, finding, container);
      return range.startContainer;
    }
    return null;
  }

  function show(finding, redraws = 0) {
    stopWaiting();
    if (window.CSS && CSS.highlights) CSS.highlights.delete(HIGHLIGHT_NAME);
    delete document.documentElement.dataset.findingShown;
    const pattern = textPattern(finding.text);

    const settled = () => {
      const shownIn = attempt(finding, pattern);
      if (!shownIn) return;
      stopWaiting();
      if (redraws < MAX_REDRAWS) {
        window.setTimeout(() => {
          if (!shownIn.isConnected) show(finding, redraws + 1);
        }, SETTLE_MS * 2);
      }
    };
    const schedule = () => {
      window.clearTimeout(waiting.settle);
      waiting.settle = window.setTimeout(settled, SETTLE_MS);
    };
    waiting.observer = new MutationObserver(schedule);
    waiting.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    schedule();
    waiting.deadline = window.setTimeout(() => {
      stopWaiting();
      // The text may have been changed since the check ran: go to the field at least.
      const container = fieldContainer(finding);
      if (container) {
        reveal(container);
        container.scrollIntoView({ block: "start" });
      }
      announce(`“${finding.text}” was not found; it may have been changed already.`);
    }, WAIT_MS);
  }

  function onClick(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest("a[href]");
    if (!link) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname !== window.location.pathname) return;
    const finding = findingFrom(url);
    if (!finding) return;
    event.preventDefault();
    window.history.replaceState(window.history.state, "", url.href);
    show(finding);
  }

  function start() {
    document.addEventListener("click", onClick);
    const finding = findingFrom(new URL(window.location.href));
    if (finding) show(finding);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

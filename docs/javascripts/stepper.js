// Step through a recorded graph figure (snippets/backpropagation/draw_graph.py).
// The page shows the figure as an image; when its SVG describes steps, this
// replaces the image by the SVG itself with Back, Next and Play buttons and a
// caption. Without JavaScript the image stays, showing every step at once.
(function () {
  "use strict";
  var DC = "http://purl.org/dc/elements/1.1/";
  var DELAY = 1500;  // ms per step while playing
  var LEGIBLE = 12;  // CSS px: the smallest text of a figure, on a phone too

  // The steps a figure's description records, or null if it records none.
  function recordedSteps(svg) {
    var description = svg.getElementsByTagNameNS(DC, "description")[0];
    try {
      var data = JSON.parse(description.textContent);
      return Array.isArray(data.steps) ? data.steps : null;
    } catch (error) {
      return null;  // no description, or one that is not steps
    }
  }

  function button(label, shortcut) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "md-button";
    element.textContent = label;
    if (shortcut) element.setAttribute("aria-keyshortcuts", shortcut);
    return element;
  }

  // A rectangle behind a label, seen while the label's step is the current one.
  function mark(label) {
    var box = label.getBBox();  // needs the SVG on the page
    var rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    rect.setAttribute("class", "stepper-mark");
    rect.setAttribute("x", box.x - 2);
    rect.setAttribute("y", box.y - 1);
    rect.setAttribute("width", box.width + 4);
    rect.setAttribute("height", box.height + 2);
    rect.setAttribute("rx", 2);
    label.insertBefore(rect, label.firstChild);
  }

  function stepper(img, svg, steps) {
    var figure = document.createElement("figure");
    figure.className = "stepper";
    figure.dataset.src = img.getAttribute("src");
    figure.setAttribute("role", "group");
    figure.setAttribute("aria-label", "Step through: " + img.alt);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", img.alt);
    // at most its own size, narrower on a phone (the viewBox keeps its shape)
    svg.style.maxWidth = svg.getAttribute("width");
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    var back = button("Back", "ArrowLeft");
    var next = button("Next", "ArrowRight");
    var play = button("Play");
    var count = document.createElement("span");
    count.className = "stepper-count";
    var controls = document.createElement("div");
    controls.className = "stepper-controls";
    controls.append(back, next, play, count);
    var caption = document.createElement("p");
    caption.className = "stepper-caption";
    caption.setAttribute("aria-live", "polite");
    var view = document.createElement("div");  // scrolls sideways on a phone
    view.className = "stepper-view";
    view.append(svg);
    var hint = document.createElement("p");  // seen only while the figure scrolls
    hint.className = "stepper-hint";
    hint.textContent = "The figure is wider than the screen: it scrolls sideways, " +
      "and each step scrolls to its part.";
    hint.hidden = true;
    var bar = document.createElement("div");  // stays in view below a tall figure
    bar.className = "stepper-bar";
    bar.append(controls, caption);
    figure.append(hint, view, bar);

    // Every part some step shows is hidden until that step.
    var parts = {};
    steps.forEach(function (step) {
      step.show.concat(step.lit).forEach(function (id) {
        parts[id] = parts[id] || svg.querySelector('[id="' + id + '"]');
      });
    });
    var current = 0, timer = null;

    function show(index) {
      current = Math.max(0, Math.min(steps.length - 1, index));
      var shown = {};
      steps.slice(0, current + 1).forEach(function (step) {
        step.show.forEach(function (id) { shown[id] = true; });
      });
      steps.forEach(function (step) {
        step.show.forEach(function (id) {
          parts[id].classList.toggle("stepper-hidden", !shown[id]);
        });
      });
      Object.keys(parts).forEach(function (id) {
        parts[id].classList.toggle("stepper-lit", steps[current].lit.indexOf(id) >= 0);
      });
      count.textContent = "Step " + current + " of " + (steps.length - 1);
      caption.textContent = steps[current].caption;
      var focused = document.activeElement;
      back.disabled = current === 0;
      next.disabled = current === steps.length - 1;
      if (focused.disabled && figure.contains(focused)) figure.focus();  // keep the keys working
      follow(steps[current].lit);
    }

    // Keep the lit parts in sight: centred sideways when the figure is wider
    // than its view (a phone), and between the header and the controls.
    function follow(lit) {
      if (!lit.length || !figure.isConnected) return;
      var boxes = lit.map(function (id) { return parts[id].getBoundingClientRect(); });
      var edge = function (side, pick) {
        return pick.apply(null, boxes.map(function (box) { return box[side]; }));
      };
      var frame = view.getBoundingClientRect();
      if (view.scrollWidth > view.clientWidth) {
        view.scrollLeft += (edge("left", Math.min) + edge("right", Math.max) -
                            frame.left - frame.right) / 2;
      }
      var header = document.querySelector(".md-header");
      var above = header ? header.getBoundingClientRect().bottom : 0;
      var below = bar.getBoundingClientRect().top;
      var top = edge("top", Math.min), bottom = edge("bottom", Math.max);
      if (top < above || bottom > below) window.scrollBy(0, (top + bottom - above - below) / 2);
    }

    // A figure that scrolls sideways says so, and takes a tab stop so the
    // keyboard can scroll it too (its arrow keys scroll rather than step).
    function scrolling() {
      var scrolls = view.scrollWidth > view.clientWidth + 1;
      hint.hidden = !scrolls;
      if (scrolls) {
        view.tabIndex = 0;
        view.setAttribute("role", "region");
        view.setAttribute("aria-label", img.alt + " (scrolls sideways)");
      } else {
        view.removeAttribute("tabindex");
        view.removeAttribute("role");
        view.removeAttribute("aria-label");
      }
    }

    function stop() {
      clearInterval(timer);
      timer = null;
      play.textContent = "Play";
      play.setAttribute("aria-pressed", "false");
    }

    function tick() {
      if (!figure.isConnected || current === steps.length - 1) return stop();
      show(current + 1);
    }

    back.addEventListener("click", function () { stop(); show(current - 1); });
    next.addEventListener("click", function () { stop(); show(current + 1); });
    play.addEventListener("click", function () {
      if (timer) return stop();
      if (current === steps.length - 1) show(0);
      timer = setInterval(tick, DELAY);
      play.textContent = "Pause";
      play.setAttribute("aria-pressed", "true");
    });
    // Arrow keys step wherever the focus is inside the figure (buttons included).
    figure.tabIndex = 0;
    figure.addEventListener("keydown", function (event) {
      if (event.target === view) return;  // the arrow keys scroll the figure there
      var moves = {ArrowLeft: back, ArrowRight: next};
      if (moves[event.key] && !moves[event.key].disabled) {
        event.preventDefault();
        moves[event.key].click();
      }
    });
    show(0);
    stop();
    // Markdown puts the image in a paragraph of its own: the figure takes its place.
    var paragraph = img.parentElement;
    var alone = paragraph.tagName === "P" && paragraph.textContent.trim() === "" &&
      paragraph.children.length === 1;
    (alone ? paragraph : img).replaceWith(figure);
    legible(svg);
    scrolling();
    window.addEventListener("resize", scrolling);
    steps.forEach(function (step) { step.show.forEach(function (id) { mark(parts[id]); }); });
  }

  // The figure never gets narrower than keeps its smallest text at LEGIBLE
  // px: matplotlib draws each glyph as a path at 100 units per em, so a
  // glyph's font size is 100 times the scale of its transform to the screen.
  function legible(svg) {
    var smallest = Infinity;
    svg.querySelectorAll("use").forEach(function (glyph) {
      var m = glyph.getScreenCTM();
      if (m) smallest = Math.min(smallest, 100 * Math.hypot(m.c, m.d));
    });
    var width = svg.getBoundingClientRect().width;
    if (smallest < Infinity && width > 0) {
      svg.style.minWidth = Math.ceil(width * LEGIBLE / smallest) + "px";
    }
  }

  function enhance(img) {
    fetch(img.src)
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (text) {
        var svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
        var steps = svg.localName === "svg" && recordedSteps(svg);
        if (steps && img.isConnected) stepper(img, document.importNode(svg, true), steps);
      })
      .catch(function () {});  // the image stays, showing every step at once
  }

  function enhanceAll() {
    document.querySelectorAll("article img[src*='snippets/'][src$='.svg']").forEach(enhance);
  }

  // Material's instant navigation swaps the page without reloading this script.
  if (window.document$) {
    window.document$.subscribe(enhanceAll);
  } else {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  }
})();

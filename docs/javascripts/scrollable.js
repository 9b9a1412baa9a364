// A formula, notebook cell or table wider than its column scrolls inside it:
// such a region gets a tab stop and a name, so a keyboard user can reach it
// and scroll it with the arrow keys (WCAG 2.1.1; axe's scrollable-region-
// focusable). Regions that fit get none: no needless tab stops. Material
// already does this for its own code blocks.
(function () {
  "use strict";
  const REGIONS = "article div.arithmatex, article .highlight-ipynb, article pre, " +
                  "article pre > code, article .jp-OutputArea-output, article .md-typeset__scrollwrap, " +
                  "article .tabbed-labels";  // a row of many tabs scrolls too

  // Reads first, then writes: a write between two reads would make the
  // browser lay the page out again for each region. Material's own code
  // blocks (tab stop already set) are skipped before any read, so blocks
  // off screen (content-visibility: auto) are not laid out for nothing.
  function mark() {
    const regions = Array.from(document.querySelectorAll(REGIONS))
      .filter(region => !(region.tabIndex >= 0 && !region.hasAttribute("data-scrolls")));
    const scrolls = regions.map(region => region.scrollWidth > region.clientWidth + 1 &&
                                          ["auto", "scroll"].includes(getComputedStyle(region).overflowX));
    regions.forEach((region, k) => {
      if (scrolls[k] && !region.hasAttribute("data-scrolls")) {
        region.setAttribute("data-scrolls", "");
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", label(region) + " (scrolls sideways)");
      } else if (!scrolls[k] && region.hasAttribute("data-scrolls")) {
        for (const name of ["data-scrolls", "tabindex", "role", "aria-label"]) {
          region.removeAttribute(name);
        }
      }
    });
  }

  function label(region) {
    if (region.matches(".arithmatex")) return "Formula";
    if (region.matches(".md-typeset__scrollwrap")) return "Table";
    if (region.matches(".tabbed-labels")) return "Tabs";
    return region.matches(".jp-OutputArea-output") ? "Output" : "Code";
  }

  let pending = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(mark);
  });
  // A folded block (an exercise's solution) lays out its code when opened.
  document.addEventListener("toggle", () => requestAnimationFrame(mark), true);
  if (window.document$) {
    window.document$.subscribe(mark);  // every page, after instant navigation too
  } else {
    document.addEventListener("DOMContentLoaded", mark);
  }
})();

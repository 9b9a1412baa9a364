// MathJax 3 set-up for pymdownx.arithmatex (generic mode): typeset only the
// `.arithmatex` elements, and do it on every page Material shows (document$
// emits on the first load and again after any instant navigation).
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
    // Without `noundefined`, an unknown macro is a TeX error the tests can see,
    // not silent red text.
    packages: { "[-]": ["noundefined"] },
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
  startup: {
    typeset: false,
    pageReady() {
      document$.subscribe(() => {
        // A marker for the browser tests: "done" once this page's math is.
        document.body.dataset.mathTypeset = "pending";
        MathJax.typesetClear();
        MathJax.texReset();
        MathJax.typesetPromise().then(() => {
          document.body.dataset.mathTypeset = "done";
        });
      });
      return Promise.resolve();
    },
  },
};

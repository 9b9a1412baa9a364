// MathJax 3 set-up: typeset only the `.arithmatex` elements of note pages
// (pymdownx.arithmatex, generic mode: \(..\) and \[..\]) and the markdown
// cells of notebook pages (mkdocs-jupyter keeps their $..$ and $$..$$), on
// every page Material shows: document$ emits on the first load and again after
// any instant navigation.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
    // Without `noundefined`, an unknown macro is a TeX error the tests can see,
    // not silent red text.
    packages: { "[-]": ["noundefined"] },
  },
  startup: {
    typeset: false,
    pageReady() {
      document$.subscribe(() => {
        // A marker for the browser tests: "done" once this page's math is.
        document.body.dataset.mathTypeset = "pending";
        MathJax.typesetClear();
        MathJax.texReset();
        // Only the math containers: nothing else on a page is read as TeX.
        const math = document.querySelectorAll(".arithmatex, .jupyter-wrapper .jp-MarkdownOutput");
        MathJax.typesetPromise(Array.from(math)).then(() => {
          document.body.dataset.mathTypeset = "done";
        });
      });
      return Promise.resolve();
    },
  },
};

// Which rules of the compiled stylesheet the site uses (npm run build:css).
//
// GOV.UK Frontend's full stylesheet is about 150 KB and a page uses a small part of
// it, so after Sass compiles var/css/hub.css, PurgeCSS keeps only the rules whose
// classes appear somewhere the site's markup comes from (templates, Python that
// builds classes or widgets, our scripts) and writes static/css/hub.css.
//
// The safelist is for classes no file spells out in full: ones a template builds
// from a variable (govuk-{{ kind }}, govuk-label--{{ label_size }}, ...).
// Check a page after adding such a class; tests/e2e/test_reflow.py and the axe-core
// checks in the browser suite load every page type with the purged stylesheet.
module.exports = {
  css: ["var/css/hub.css"],
  content: [
    "templates/**/*.html",
    "learning/**/*.py",
    "briefings/**/*.py",
    "case_studies/**/*.py",
    "quizzes/**/*.py",
    "static/js/**/*.js",
  ],
  // GOV.UK's spacing and width overrides have "!" in their names (govuk-!-margin-0),
  // which the default extractor would split in two.
  defaultExtractor: (content) => content.match(/[A-Za-z0-9_!:-]+/g) || [],
  safelist: {
    standard: [
      /^govuk-(radios|checkboxes)/,
      /^govuk-label--/,
      /^govuk-fieldset__legend--/,
      /^govuk-input--width-/,
      /^govuk-tag--/,
      // Python builds these: learning/templatetags/reports.py (hub-rag--{value}).
      /^hub-rag--/,
    ],
  },
  // Keep @font-face, keyframes and custom properties only where used.
  keyframes: true,
  variables: false,
  output: "static/css/",
};

// Starts Swagger UI on /api/docs. A file, not an inline script, so that the page keeps the
// site's Content-Security-Policy (script-src falls back to 'self').
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    // The validator badge would send the schema to validator.swagger.io.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
  });
})();
